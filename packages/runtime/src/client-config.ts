// The configuration every AWS client is built with: connection and request timeouts and a retry budget that fits the
// callers' deadlines; local mode points the clients at DynamoDB Local and the SQS emulator. The clients themselves
// are in dynamo.ts and sqs.ts, one module each, so a function bundles only the SDK clients it calls.
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';
import { config } from './config';

export interface DependencyLimits {
  /** Abandon a TCP connection attempt after this long (retried: nothing was sent). */
  readonly connectionTimeoutMs: number;
  /** Abandon an attempt whose request was sent and not answered after this long (not retried, see below). */
  readonly requestTimeoutMs: number;
  /** Attempts in all, the first included, for throttling, 5xx and connection errors; jittered backoff between. */
  readonly maxAttempts: number;
}

/**
 * How long a call may wait on each dependency before it gives up. A stalled DynamoDB costs a caller one request
 * timeout, 3 s: the API then answers 503 with Retry-After within a few seconds (never API Gateway's 30), and a
 * consumer (function timeout 3–5 s, visibility 18–30 s) fails its batch before its messages return. A healthy
 * DynamoDB answers in milliseconds, and a busy DynamoDB Local well inside 3 s, so the limit only trips on a stall.
 * SQS, SES and Secrets Manager are called off the request path (the relay, the notifier, a cold start). The same
 * limits hold everywhere, so local mode behaves as AWS does.
 */
export const DEPENDENCY_LIMITS = {
  dynamodb: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
  sqs: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
  ses: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
  secretsManager: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
} as const satisfies Record<string, DependencyLimits>;

/** The request timeout's error (the connection timeout's has no code): the request went out, its fate is unknown. */
function sentAndUnanswered(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === 'TimeoutError' && e.code === 'ETIMEDOUT';
}

/**
 * A transaction DynamoDB cancelled because another transaction held one of its items at that moment, and for no other
 * reason: nothing of it was applied, so it can be sent again. Concurrent submissions of one organisation all raise its
 * submission-quota counter in their transactions, so a police operation's burst meets this on DynamoDB (DynamoDB
 * Local serialises transactions and never answers it). The SDK counts it a client error and would not retry.
 */
function transactionConflict(error: unknown): boolean {
  const e = error as { name?: unknown; CancellationReasons?: { Code?: string }[] } | undefined;
  const codes = (e?.CancellationReasons ?? []).map((r) => r.Code);
  return (
    e?.name === 'TransactionCanceledException' &&
    codes.includes('TransactionConflict') &&
    codes.every((code) => code === 'TransactionConflict' || code === 'None' || code === undefined)
  );
}

/**
 * The SDK's standard strategy, except that a request timeout is not retried, and a transaction conflict is. A write
 * that timed out may still land (a paused engine resumes and runs it), and retrying a conditional write that landed
 * fails its own condition. The caller retries at a level where that is safe: the API client with its
 * Idempotency-Key, the queue with its idempotent consumers. A retry would also double the time a caller waits on a
 * stalled dependency.
 */
class RetryUnlessSent implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    if (sentAndUnanswered(errorInfo.error)) return Promise.reject(errorInfo.error);
    // With jittered backoff, as any transient error: the conflicting transaction is over within milliseconds.
    const info = transactionConflict(errorInfo.error)
      ? { ...errorInfo, errorType: 'TRANSIENT' as const }
      : errorInfo;
    return this.standard.refreshRetryTokenForRetry(token as StandardRetryToken, info);
  }

  recordSuccess(token: RetryToken): void {
    this.standard.recordSuccess(token as StandardRetryToken);
  }
}

export type Dependency = keyof typeof DEPENDENCY_LIMITS;

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The retry strategy of one dependency's calls: the SDK's standard one with its attempts, less a sent request. */
export function retryStrategy(dependency: Dependency): RetryStrategyV2 {
  return new RetryUnlessSent(DEPENDENCY_LIMITS[dependency].maxAttempts);
}

/**
 * The SDK's own HTTP handler with one dependency's timeouts (requestTimeout only aborts with throwOnRequestTimeout;
 * without it the SDK merely warns).
 */
export function requestHandler(dependency: Dependency): NodeHttpHandler {
  const limits: DependencyLimits = DEPENDENCY_LIMITS[dependency];
  return new NodeHttpHandler({
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    throwOnRequestTimeout: true,
  });
}

/** The client configuration of one dependency: its handler, its attempts, and the local endpoint if any. */
export function clientConfig(dependency: Dependency, endpoint?: string) {
  return {
    region: config().region,
    ...(endpoint ? { endpoint, credentials: localCredentials } : {}),
    maxAttempts: DEPENDENCY_LIMITS[dependency].maxAttempts,
    retryStrategy: retryStrategy(dependency),
    requestHandler: requestHandler(dependency),
  };
}
