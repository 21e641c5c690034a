// Every Lambda function of the platform, with its trigger and sizing. The local runner and infra/ both read this
// list, so a function added here runs locally and deploys without further wiring.
import { referralsTable, type TableName } from '@nrm/store/tables';

export type Trigger =
  /** Behind the HTTP API: `api` serves /v1 and the contract, `web` the pages (every other path). */
  | { readonly type: 'http'; readonly serves: 'api' | 'web' }
  | { readonly type: 'sqs'; readonly queue: string }
  | { readonly type: 'stream'; readonly table: TableName }
  | { readonly type: 'schedule'; readonly everyMinutes: number };

export interface FunctionDefinition {
  /** Folder under functions/src; the handler is `src/<name>/handler.ts`, export `handler`. */
  readonly name: string;
  readonly trigger: Trigger;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly purpose: string;
}

export const FUNCTIONS = [
  {
    name: 'api',
    trigger: { type: 'http', serves: 'api' },
    memoryMb: 1024,
    timeoutSeconds: 10,
    purpose: 'The public HTTP API (Hono) behind API Gateway.',
  },
  {
    name: 'web',
    trigger: { type: 'http', serves: 'web' },
    memoryMb: 1024,
    // A page may make a few API calls in process, and the sign-in callback one call to the token endpoint.
    timeoutSeconds: 15,
    purpose:
      'The web pages (Hono JSX) behind API Gateway: the API app in process, Cognito hosted sign-in with PKCE.',
  },
  {
    name: 'outbox-relay',
    trigger: { type: 'stream', table: referralsTable.name },
    memoryMb: 512,
    timeoutSeconds: 30,
    purpose: 'Relays new event items from the table stream to the SQS queues that subscribe to them.',
  },
  {
    name: 'referral-router',
    trigger: { type: 'sqs', queue: 'referral-routing' },
    memoryMb: 512,
    // A batch is a few DynamoDB calls per record (milliseconds each; a stalled call gives up after 3 s,
    // DEPENDENCY_LIMITS). 3 s keeps the visibility timeout at 18 s: a crashed router's referrals return in seconds.
    timeoutSeconds: 3,
    purpose: 'Routes received referrals to a coordinator queue; idempotent on the event.',
  },
  {
    name: 'sla-sweeper',
    trigger: { type: 'schedule', everyMinutes: 1 },
    memoryMb: 512,
    timeoutSeconds: 50,
    purpose: 'Every minute, sends the SLA timers that are due (from the sparse due-index) to the escalator.',
  },
  {
    name: 'escalator',
    trigger: { type: 'sqs', queue: 'sla-due' },
    memoryMb: 512,
    // As the router: DynamoDB only, and a due clock waiting minutes behind a crash would be a late warning.
    timeoutSeconds: 3,
    purpose:
      'Re-checks each due timer and records the warning, breach or escalation; idempotent on the clock.',
  },
  {
    name: 'notifier',
    trigger: { type: 'sqs', queue: 'notifications' },
    memoryMb: 256,
    // An SES call per record besides DynamoDB: a little more room, still a 30 s visibility timeout.
    timeoutSeconds: 5,
    purpose:
      'E-mails offices and organisations what needs doing by when, without personal data; once per event.',
  },
  {
    name: 'retention-purge',
    trigger: { type: 'schedule', everyMinutes: 60 },
    memoryMb: 512,
    timeoutSeconds: 300,
    purpose: 'Hourly, erases the personal data of referrals closed longer ago than the retention period.',
  },
  {
    name: 'audit-sealer',
    trigger: { type: 'schedule', everyMinutes: 5 },
    memoryMb: 256,
    timeoutSeconds: 120,
    purpose:
      'Every five minutes, signs a checkpoint (a key the API cannot read) at the head of each audit chain that grew.',
  },
  {
    name: 'stats-aggregator',
    trigger: { type: 'sqs', queue: 'statistics' },
    memoryMb: 512,
    // A batch of up to 100 events: each referral's log read once, the events' shared counters written together in
    // transactions of up to 100 items (a crashed batch's events return after the 60 s visibility timeout).
    timeoutSeconds: 10,
    purpose:
      'Adds each event to the national statistics (counts, hand-off-time histograms, live waits); once per event id.',
  },
  {
    name: 'webhook-sender',
    trigger: { type: 'sqs', queue: 'webhooks' },
    memoryMb: 256,
    // A batch's calls run side by side, each cut off after NRM_WEBHOOK_TIMEOUT_MS (5 s): 10 s leaves room for DynamoDB.
    timeoutSeconds: 10,
    purpose:
      "Fans events out to organisations' feeds and webhook endpoints, and makes the signed, retried deliveries.",
  },
] as const satisfies readonly FunctionDefinition[];

/**
 * SQS must hide a message for longer than its consumer can run, or a slow batch is delivered twice (AWS advises six
 * times the timeout, so a throttled invocation can be retried). It is also how long a crashed consumer's messages
 * stay hidden, which is why the consumers' timeouts are a few seconds, not the 30 s they could be.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export function consumerOf(queueName: string): FunctionDefinition | undefined {
  return (FUNCTIONS as readonly FunctionDefinition[]).find(
    (f) => f.trigger.type === 'sqs' && f.trigger.queue === queueName,
  );
}

export function visibilityTimeoutSeconds(queueName: string): number {
  const consumer = consumerOf(queueName);
  if (!consumer) throw new Error(`Queue ${queueName} has no consumer`);
  return consumer.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR;
}
