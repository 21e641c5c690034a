// Adding a function or a queue to the catalogues deploys it with no infra change beyond its access entry: a
// scheduled sweeper and a queue consumer that do not exist yet are wired, granted, alarmed and pass cdk-nag.
import { fileURLToPath } from 'node:url';
import { consumerOf, visibilityTimeoutSeconds } from '@nrm/functions/catalogue';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS, type FunctionAccess } from '../lib/access';
import {
  type Catalogue,
  FUNCTIONS,
  type FunctionDefinition,
  QUEUES,
  type QueueDefinition,
  TABLES,
} from '../lib/catalogue';
import { visibilityTimeoutFor } from '../lib/constructs/messaging';
import { CATALOGUE } from '../lib/nrm-app';
import { handlerEntry } from '../lib/paths';
import { resourcesOf, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support';

const FIXTURE = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

// Names no real entry will take, so the test keeps meaning the same as the catalogues grow.
const sweeper: FunctionDefinition = {
  name: 'test-sweeper',
  trigger: { type: 'schedule', everyMinutes: 1 },
  memoryMb: 256,
  timeoutSeconds: 50,
  purpose: 'Emits due work every minute.',
};
const consumer: FunctionDefinition = {
  name: 'test-consumer',
  trigger: { type: 'sqs', queue: 'test-queue' },
  memoryMb: 256,
  timeoutSeconds: 20,
  purpose: 'Works on what the sweeper emits.',
};
const testQueue: QueueDefinition = {
  name: 'test-queue',
  consumer: 'test-consumer',
  eventTypes: [],
  maxReceiveCount: 3,
  batchSize: 25,
  purpose: 'Due work.',
};
const orphanQueue: QueueDefinition = {
  name: 'test-orphan',
  consumer: 'test-nobody',
  eventTypes: [],
  maxReceiveCount: 3,
  batchSize: 10,
  purpose: 'A queue whose consumer is not written yet.',
};
const catalogue: Catalogue = {
  tables: TABLES,
  queues: [...QUEUES, testQueue, orphanQueue],
  functions: [...FUNCTIONS, sweeper, consumer],
};
const access: Record<string, FunctionAccess> = {
  ...FUNCTION_ACCESS,
  [sweeper.name]: { tables: { referrals: 'read' }, sendsTo: [testQueue.name] },
  [consumer.name]: { tables: { referrals: 'read-write' }, sendsEmail: true },
};
const entryFor = (name: string) =>
  name === sweeper.name || name === consumer.name ? FIXTURE : handlerEntry(name);

let synth: Synthesized;
let app: Template;

beforeAll(() => {
  synth = synthesize({ context: { env: 'dev' }, catalogue, access, entryFor });
  app = synth.templates.app;
}, SYNTH_TIMEOUT_MS);

function logicalId(type: string, predicate: (props: Record<string, unknown>) => boolean): string {
  const entry = Object.entries(resourcesOf(app, type)).find(([, p]) => predicate(p));
  if (!entry) throw new Error(`No matching ${type}`);
  return entry[0];
}
const fn = (name: string) => logicalId('AWS::Lambda::Function', (p) => p.FunctionName === `nrm-dev-${name}`);
const queue = (name: string) => logicalId('AWS::SQS::Queue', (p) => p.QueueName === `nrm-dev-${name}`);

describe('a scheduled function', () => {
  it('runs every minute through EventBridge Scheduler, with a dead-letter queue and no stale retries', () => {
    app.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'nrm-dev-test-sweeper',
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [fn('test-sweeper'), 'Arn'] },
        RoleArn: Match.anyValue(),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue('test-sweeper-dlq'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      },
    });
  });

  it('dead-letters its own failed asynchronous invocations', () => {
    app.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'nrm-dev-test-sweeper',
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [queue('test-sweeper-dlq'), 'Arn'] } },
    });
  });

  it('is invoked by a role only the scheduler of this account can assume', () => {
    app.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });
});

describe('a new queue and its consumer', () => {
  it('get the visibility rule, the batch size (with the window SQS needs above ten) and partial responses', () => {
    expect(resourcesOf(app, 'AWS::SQS::Queue')[queue('test-queue')]).toMatchObject({
      VisibilityTimeout: 120,
      RedrivePolicy: { maxReceiveCount: 3 },
    });
    app.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn('test-consumer') },
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('grant what the access entries declare: sending to the queue, e-mail from the platform domain', () => {
    const policies = JSON.stringify(resourcesOf(app, 'AWS::IAM::Policy'));
    expect(policies).toContain('"ses:FromAddress":"no-reply@dev.nrm.example.se"');
    app.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'nrm-dev-test-consumer',
      Environment: { Variables: Match.objectLike({ NRM_MAIL_FROM: 'no-reply@dev.nrm.example.se' }) },
    });
  });

  it('are alarmed and on the dashboard', () => {
    const alarms = Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm')).map((a) => a.AlarmName);
    for (const name of [
      'test-sweeper-errors',
      'test-consumer-throttles',
      'test-queue-dlq-depth',
      'test-sweeper-dlq-depth',
    ]) {
      expect(alarms).toContain(`nrm-dev-${name}`);
    }
    expect(JSON.stringify(resourcesOf(app, 'AWS::CloudWatch::Dashboard'))).toContain(
      '\\"label\\":\\"test-sweeper\\"',
    );
  });

  it('a queue whose consumer is not written yet keeps the SQS default visibility and is alarmed on age', () => {
    expect(resourcesOf(app, 'AWS::SQS::Queue')[queue('test-orphan')]?.VisibilityTimeout).toBeUndefined();
    const alarms = Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm')).map((a) => a.AlarmName);
    expect(alarms).toContain('nrm-dev-test-orphan-age');
  });

  it('pass cdk-nag like the rest', () => {
    expect(synth.findings).toEqual([]);
  });
});

describe('what infra refuses to guess', () => {
  it(
    'a function without an access entry',
    () => {
      const { [sweeper.name]: _omitted, ...withoutSweeper } = access;
      expect(() =>
        synthesize({ context: { env: 'dev' }, catalogue, access: withoutSweeper, entryFor }),
      ).toThrow(/test-sweeper has no entry in FUNCTION_ACCESS/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'a web origin the distribution has no certificate for',
    () => {
      expect(() =>
        synthesize({
          context: { env: 'dev', webOrigin: 'https://nrm.example.se' },
          catalogue,
          access,
          entryFor,
        }),
      ).toThrow(/webOrigin needs apiDomainName and apiCertificateArn/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'a queue that names another consumer than the catalogue',
    () => {
      const confused = { ...catalogue, queues: [...QUEUES, { ...testQueue, consumer: 'someone-else' }] };
      expect(() => synthesize({ context: { env: 'dev' }, catalogue: confused, access, entryFor })).toThrow(
        /test-queue names someone-else as consumer/,
      );
    },
    SYNTH_TIMEOUT_MS,
  );

  it('computes the same visibility timeout as the function catalogue for every real queue', () => {
    for (const q of QUEUES.filter((queue) => consumerOf(queue.name))) {
      expect(visibilityTimeoutFor(q, CATALOGUE)).toBe(visibilityTimeoutSeconds(q.name));
    }
  });
});
