// The platform's own cdk-nag rules: invariants of the architecture that the AWS packs do not know about.
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnEventSourceMapping, CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagPack, type NagPackProps, NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { VISIBILITY_TIMEOUT_FACTOR } from '../catalogue';

/** SQS's default when a queue does not set one. */
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
/** Lambda's default when a function does not set one. */
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

function sameReference(node: CfnResource, a: unknown, b: unknown): boolean {
  const stack = Stack.of(node);
  return JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b));
}

function findInStack<T extends CfnResource>(
  node: CfnResource,
  type: abstract new (...args: never[]) => T,
  matches: (candidate: T) => boolean,
): T | undefined {
  return Stack.of(node)
    .node.findAll()
    .find((child): child is T => child instanceof type && matches(child as T));
}

/**
 * A queue hides a received message for at least VISIBILITY_TIMEOUT_FACTOR times the timeout of the Lambda function
 * that consumes it, so a batch still being worked on (or retried by the poller) is not delivered a second time.
 */
export function SQSVisibilityTimeoutCoversConsumer(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnEventSourceMapping)) return NagRuleCompliance.NOT_APPLICABLE;
  const queue = findInStack(node, CfnQueue, (q) => sameReference(node, q.attrArn, node.eventSourceArn));
  if (!queue) return NagRuleCompliance.NOT_APPLICABLE;
  const consumer = findInStack(node, CfnFunction, (f) => sameReference(node, f.ref, node.functionName));
  if (!consumer) return NagRuleCompliance.NON_COMPLIANT;
  const stack = Stack.of(node);
  const visibility: unknown = stack.resolve(queue.visibilityTimeout) ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
  const timeout: unknown = stack.resolve(consumer.timeout) ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  if (typeof visibility !== 'number' || typeof timeout !== 'number') return NagRuleCompliance.NON_COMPLIANT;
  return visibility >= VISIBILITY_TIMEOUT_FACTOR * timeout
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}

/**
 * Every event source mapping reports failures per record, so one bad record is retried (and dead-lettered) alone
 * instead of failing, and re-delivering, the whole batch.
 */
export function EventSourceMappingReportsBatchItemFailures(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnEventSourceMapping)) return NagRuleCompliance.NOT_APPLICABLE;
  const types: unknown = Stack.of(node).resolve(node.functionResponseTypes);
  return Array.isArray(types) && types.includes('ReportBatchItemFailures')
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}

export class NrmChecks extends NagPack {
  override readonly name = 'NRM';

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'NRM';
  }

  protected override checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'SQSVisibilityTimeoutCoversConsumer',
      info: `The SQS queue's visibility timeout is shorter than ${VISIBILITY_TIMEOUT_FACTOR} times its consumer's timeout.`,
      explanation:
        'A message becomes visible again while its batch is still being processed or retried, so it is delivered twice and may reach the dead-letter queue without having failed.',
      level: NagMessageLevel.ERROR,
      rule: SQSVisibilityTimeoutCoversConsumer,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'EventSourceMappingReportsBatchItemFailures',
      info: 'The event source mapping does not report batch item failures.',
      explanation:
        'Without partial batch responses one failing record makes the whole batch fail and be delivered again.',
      level: NagMessageLevel.ERROR,
      rule: EventSourceMappingReportsBatchItemFailures,
      node,
    });
  }
}
