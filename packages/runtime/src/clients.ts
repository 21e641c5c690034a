// AWS clients, created once per process, each with connection and request timeouts and a retry budget that fits the
// callers' deadlines; local mode points them at DynamoDB Local and the SQS emulator.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { config } from './config';

export interface DependencyLimits {
  /** Abandon a TCP connection attempt after this long. */
  readonly connectionTimeoutMs: number;
  /** Abandon one attempt (request sent, answer not complete) after this long. */
  readonly requestTimeoutMs: number;
  /** Attempts in all, the first included; the SDK's standard strategy backs off (jittered, ≤ 0.4 s here) between. */
  readonly maxAttempts: number;
}

/**
 * How long a call may wait on each dependency before it gives up. A stalled DynamoDB costs a caller at most
 * 2 × 1.5 s plus one backoff, about 3.2 s: the API then answers 503 with Retry-After (its callers wait a few seconds,
 * never API Gateway's 30), and a consumer (timeout 3–5 s, visibility 18–30 s) fails its batch well before its
 * messages return. DynamoDB answers in milliseconds when healthy, so 1.5 s per attempt only trips on a stall.
 * SQS, SES and Secrets Manager are called off the request path (the relay, the notifier, a cold start) and get
 * more room. The same limits hold everywhere, so local mode behaves as AWS does.
 */
export const DEPENDENCY_LIMITS = {
  dynamodb: { connectionTimeoutMs: 1000, requestTimeoutMs: 1500, maxAttempts: 2 },
  sqs: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
  ses: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
  secretsManager: { connectionTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 },
} as const satisfies Record<string, DependencyLimits>;

export type Dependency = keyof typeof DEPENDENCY_LIMITS;

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The client configuration of one dependency: its timeouts on the SDK's own HTTP handler (requestTimeout only
 * aborts with throwOnRequestTimeout; without it the SDK merely warns), its attempts, and the local endpoint if any.
 */
export function clientConfig(dependency: Dependency, endpoint?: string) {
  const limits: DependencyLimits = DEPENDENCY_LIMITS[dependency];
  return {
    region: config().region,
    ...(endpoint ? { endpoint, credentials: localCredentials } : {}),
    maxAttempts: limits.maxAttempts,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      throwOnRequestTimeout: true,
    }),
  };
}

let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = new DynamoDBClient(clientConfig('dynamodb', config().dynamodbEndpoint));
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export function sqs(): SQSClient {
  sqsClient ??= new SQSClient(clientConfig('sqs', config().sqsEndpoint));
  return sqsClient;
}

export function queueUrl(name: string): string {
  const url = config().queueUrls[name];
  if (!url) throw new Error(`No URL configured for queue ${name}`);
  return url;
}
