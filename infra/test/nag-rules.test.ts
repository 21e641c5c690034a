// The platform's own cdk-nag rules, each with a compliant and a non-compliant case, and the pack as a synth gate.
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { NrmChecks, SQSVisibilityTimeoutCoversConsumer } from '../lib/nag/nrm-checks';

interface Case {
  readonly visibilitySeconds?: number;
  readonly timeoutSeconds: number;
  readonly reportBatchItemFailures?: boolean;
}

function consumerStack(c: Case): { app: App; stack: Stack; queue: Queue } {
  const app = new App();
  const stack = new Stack(app, 'Consumer');
  const queue = new Queue(stack, 'Queue', {
    ...(c.visibilitySeconds === undefined
      ? {}
      : { visibilityTimeout: Duration.seconds(c.visibilitySeconds) }),
  });
  const fn = new LambdaFunction(stack, 'Consumer', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ batchItemFailures: [] });'),
    timeout: Duration.seconds(c.timeoutSeconds),
  });
  fn.addEventSource(
    new SqsEventSource(queue, { reportBatchItemFailures: c.reportBatchItemFailures ?? true }),
  );
  return { app, stack, queue };
}

function findings(c: Case): string[] {
  const { stack } = consumerStack(c);
  return new NrmChecks().validateScope(stack).violations.map((v) => v.ruleName);
}

describe('NRM-SQSVisibilityTimeoutCoversConsumer', () => {
  it('accepts a queue that hides messages for six times the consumer timeout', () => {
    expect(findings({ visibilitySeconds: 180, timeoutSeconds: 30 })).toEqual([]);
  });

  it('flags a queue that hides messages for less', () => {
    expect(findings({ visibilitySeconds: 179, timeoutSeconds: 30 })).toEqual([
      'NRM-SQSVisibilityTimeoutCoversConsumer',
    ]);
  });

  it("counts SQS's 30-second default against the consumer's timeout", () => {
    expect(findings({ timeoutSeconds: 5 })).toEqual([]);
    expect(findings({ timeoutSeconds: 6 })).toEqual(['NRM-SQSVisibilityTimeoutCoversConsumer']);
  });

  it('does not apply to anything but an event source mapping', () => {
    const { queue } = consumerStack({ timeoutSeconds: 30 });
    expect(SQSVisibilityTimeoutCoversConsumer(queue.node.defaultChild as never)).toBe(
      NagRuleCompliance.NOT_APPLICABLE,
    );
  });
});

describe('NRM-EventSourceMappingReportsBatchItemFailures', () => {
  it('accepts a mapping with partial batch responses', () => {
    expect(findings({ visibilitySeconds: 180, timeoutSeconds: 30, reportBatchItemFailures: true })).toEqual(
      [],
    );
  });

  it('flags a mapping that fails whole batches', () => {
    expect(findings({ visibilitySeconds: 180, timeoutSeconds: 30, reportBatchItemFailures: false })).toEqual([
      'NRM-EventSourceMappingReportsBatchItemFailures',
    ]);
  });
});

describe('the NRM pack as a validation plugin', () => {
  it('stops synthesis on a finding, as bin/app.ts registers it', () => {
    const { app } = consumerStack({ visibilitySeconds: 30, timeoutSeconds: 30 });
    Validations.of(app).addPlugins(new NrmChecks(app));
    expect(() => app.synth()).toThrow(/NRM-SQSVisibilityTimeoutCoversConsumer/);
  }, 60_000);

  it('lets an acknowledged finding through', () => {
    const { app, queue } = consumerStack({ visibilitySeconds: 30, timeoutSeconds: 30 });
    Validations.of(app).addPlugins(new NrmChecks(app));
    Validations.of(queue.stack).acknowledge({
      id: 'NRM-SQSVisibilityTimeoutCoversConsumer',
      reason: 'Test: shows that an acknowledgement with a reason is honoured.',
    });
    expect(() => app.synth()).not.toThrow();
  }, 60_000);
});
