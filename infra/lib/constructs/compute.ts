// One Lambda function per catalogue entry with the house defaults, wired to its trigger (queue, table stream or
// schedule) and granted what FUNCTION_ACCESS declares. A new catalogue entry deploys with no change here.
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  type CfnFunction,
  FilterCriteria,
  FilterRule,
  type IEventSourceDlq,
  type IFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionAccess, SecretName, TableAccess } from '../access';
import {
  batchingOf,
  type Catalogue,
  dlqName,
  type FunctionDefinition,
  keys,
  RELAY_MAX_RETRIES,
  type TableName,
} from '../catalogue';
import { type EnvironmentConfig, resourcePrefix } from '../config';
import type { DataStack } from '../data-stack';
import { acknowledge } from '../nag/acknowledge';
import type { Email } from './email';
import { EnvironmentConstruct } from './environment-construct';
import { API_AUDIENCE, type Identity } from './identity';
import type { Messaging } from './messaging';
import { NrmFunction } from './nrm-function';

/** Where a function finds the ARN of a secret it reads (packages/runtime/src/config.ts reads the same names). */
export const SECRET_ARN_VARIABLES: Record<SecretName, string> = {
  'person-key': 'NRM_PERSON_KEY_SECRET_ARN',
  'web-key': 'NRM_WEB_KEY_SECRET_ARN',
  'audit-seal-key': 'NRM_AUDIT_SEAL_KEY_SECRET_ARN',
};

/** Stream records handed to the outbox relay at once; it sends each event on before the next, in order. */
const STREAM_BATCH_SIZE = 100;

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: READ_ACTIONS,
  append: [...READ_ACTIONS, 'dynamodb:PutItem'],
  'read-write': [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  erase: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
};
const READ_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const WRITE_KEY_ACTIONS = [...READ_KEY_ACTIONS, 'kms:Encrypt', 'kms:GenerateDataKey'];
const TABLE_KEY_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: READ_KEY_ACTIONS,
  append: WRITE_KEY_ACTIONS,
  'read-write': WRITE_KEY_ACTIONS,
  erase: WRITE_KEY_ACTIONS,
};

/** An on-failure destination that grants exactly SendMessage (the stock SqsDlq grants kms:* wildcards). */
class SqsOnFailure implements IEventSourceDlq {
  constructor(
    private readonly queue: IQueue,
    private readonly key: IKey,
  ) {}

  bind(_target: unknown, targetHandler: IFunction): { destination: string } {
    grantSend(targetHandler, this.queue, this.key);
    return { destination: this.queue.queueArn };
  }
}

function grantSend(grantee: IGrantable, queue: IQueue, key: IKey): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
  );
}

/** What the functions are made from: the catalogue, each one's access, its handler file and the data they use. */
export interface FunctionSources {
  readonly catalogue: Catalogue;
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly entryFor: (functionName: string) => string;
  readonly data: DataStack;
}

export interface ComputeProps extends FunctionSources {
  readonly env: EnvironmentConfig;
  readonly messaging: Messaging;
  readonly identity: Identity;
  readonly email: Email;
}

export class Compute extends EnvironmentConstruct {
  readonly functions = new Map<string, NrmFunction>();

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id, props.env);
    const { env, messaging } = props;
    const environment: Record<string, string> = {
      NRM_STAGE: env.name,
      NRM_TABLE_PREFIX: resourcePrefix(env),
      NRM_QUEUE_URLS: messaging.queueUrls(),
      NRM_JWT_ISSUER: props.identity.issuer,
      NRM_JWT_AUDIENCE: API_AUDIENCE,
      NRM_JWKS_URL: props.identity.jwksUrl,
      ...(env.webOrigin ? { NRM_WEB_ORIGIN: env.webOrigin } : {}),
    };

    for (const definition of props.catalogue.functions) {
      const access = props.access[definition.name];
      if (!access) {
        throw new Error(
          `Function ${definition.name} has no entry in FUNCTION_ACCESS (infra/lib/access.ts): declare what it may touch`,
        );
      }
      const fn = this.createFunction(definition, access, environment, props);
      this.grantAccess(fn, access, props);
      this.functions.set(definition.name, fn);
    }
  }

  private createFunction(
    definition: FunctionDefinition,
    access: FunctionAccess,
    environment: Record<string, string>,
    props: ComputeProps,
  ): NrmFunction {
    const { trigger } = definition;
    const common = {
      env: props.env,
      name: definition.name,
      entry: props.entryFor(definition.name),
      memoryMb: definition.memoryMb,
      timeoutSeconds: definition.timeoutSeconds,
      purpose: definition.purpose,
      environment: {
        ...environment,
        ...Object.fromEntries(
          (access.readsSecrets ?? []).map((name) => [
            SECRET_ARN_VARIABLES[name],
            props.data.secret(name).secretArn,
          ]),
        ),
        ...(access.sendsEmail
          ? {
              NRM_MAIL_FROM: props.email.fromAddress,
              NRM_SES_CONFIGURATION_SET: props.email.configurationSet.configurationSetName,
              NRM_MAILBOXES: JSON.stringify(props.env.mailboxes),
            }
          : {}),
      },
    };

    switch (trigger.type) {
      case 'http':
        return new NrmFunction(this, definition.name, {
          ...common,
          invocation: { type: 'synchronous', failuresGoTo: 'the API caller as an HTTP 5xx (alarmed)' },
        });

      case 'sqs': {
        const queue = props.messaging.queue(trigger.queue);
        const queueDefinition = props.catalogue.queues.find((q) => q.name === trigger.queue);
        const fn = new NrmFunction(this, definition.name, {
          ...common,
          invocation: { type: 'synchronous', failuresGoTo: `the dead-letter queue of ${trigger.queue}` },
        });
        const batching = batchingOf(queueDefinition ?? { batchSize: 10 });
        acknowledge(
          fn,
          'Serverless-LambdaEventSourceMappingDestination',
          `An SQS mapping cannot have an on-failure destination; a message that keeps failing moves to the dead-letter queue of ${trigger.queue} after maxReceiveCount receives.`,
        );
        fn.function.addEventSource(
          new SqsEventSource(queue, {
            batchSize: batching.size,
            reportBatchItemFailures: true,
            ...(batching.windowSeconds
              ? { maxBatchingWindow: Duration.seconds(batching.windowSeconds) }
              : {}),
          }),
        );
        return fn;
      }

      case 'stream': {
        const table = props.data.table(trigger.table);
        const tableDefinition = props.data.definition(trigger.table);
        if (!tableDefinition.stream)
          throw new Error(`${definition.name} reads the stream of ${trigger.table}, which has none`);
        const failures = props.messaging.failureQueue(definition.name);
        const fn = new NrmFunction(this, definition.name, {
          ...common,
          invocation: {
            type: 'synchronous',
            failuresGoTo: `${dlqName(definition)} (the mapping's on-failure destination)`,
          },
        });
        const sortKey = tableDefinition.sortKey?.name;
        if (!sortKey) throw new Error(`${trigger.table} has no sort key to recognise event items by`);
        fn.function.addEventSource(
          new DynamoEventSource(table, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: STREAM_BATCH_SIZE,
            bisectBatchOnError: true,
            // Bounded (messaging owns the number), so a poison record cannot stall its shard for the stream's 24
            // hours; bisecting isolates it first.
            retryAttempts: RELAY_MAX_RETRIES,
            reportBatchItemFailures: true,
            onFailure: new SqsOnFailure(failures, props.messaging.key),
            // Only new event items are outbox entries; state, timers and idempotency records never leave the table.
            filters: [
              FilterCriteria.filter({
                eventName: FilterRule.isEqual('INSERT'),
                dynamodb: { Keys: { [sortKey]: { S: FilterRule.beginsWith(keys.event.prefix) } } },
              }),
            ],
          }),
        );
        return fn;
      }

      case 'schedule': {
        const failures = props.messaging.failureQueue(definition.name);
        const fn = new NrmFunction(this, definition.name, {
          ...common,
          invocation: { type: 'asynchronous', deadLetterQueue: failures },
        });
        const schedulerRole = new Role(this, `${definition.name}-scheduler`, {
          assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
            conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
          }),
          description: `EventBridge Scheduler: invokes ${fn.functionName}.`,
        });
        // Undeliverable invocations go to the encrypted failure queue, written with this role.
        props.messaging.key.grant(schedulerRole, 'kms:GenerateDataKey', 'kms:Decrypt');
        const target = new LambdaInvoke(fn.function, {
          role: schedulerRole,
          deadLetterQueue: failures,
          // The next run starts within minutes and sweeps the same due timers again; a late retry adds nothing.
          retryAttempts: 0,
          maxEventAge: Duration.minutes(Math.max(1, trigger.everyMinutes)),
        });
        new Schedule(this, `${definition.name}-schedule`, {
          scheduleName: this.physicalName(definition.name),
          description: `Runs ${definition.name} every ${trigger.everyMinutes} minute(s).`,
          schedule: ScheduleExpression.rate(Duration.minutes(trigger.everyMinutes)),
          target,
        });
        const functionId = Stack.of(this).getLogicalId(fn.function.node.defaultChild as CfnFunction);
        acknowledge(
          schedulerRole,
          `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
          `The scheduler's invoke grant covers the versions and aliases of ${fn.functionName} (ARN suffix ":*") and no other function.`,
        );
        return fn;
      }
    }
  }

  private grantAccess(fn: NrmFunction, access: FunctionAccess, props: ComputeProps): void {
    const role = fn.role;
    for (const [tableName, level] of Object.entries(access.tables ?? {}) as [TableName, TableAccess][]) {
      const table: ITable = props.data.table(tableName);
      const indexes = props.data
        .definition(tableName)
        .indexes.map((i) => `${table.tableArn}/index/${i.name}`);
      const putKeys = access.putsItems?.[tableName];
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: TABLE_ACTIONS[level].filter((a) => !putKeys || a !== 'dynamodb:PutItem'),
          resources: [table.tableArn, ...indexes],
        }),
      );
      if (putKeys) {
        // Puts (in a transaction too) only of items whose partition key is the function's own kind.
        role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['dynamodb:PutItem'],
            resources: [table.tableArn],
            conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...putKeys] } },
          }),
        );
      }
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions: [...TABLE_KEY_ACTIONS[level]], resources: [props.data.key.keyArn] }),
      );
    }

    const sendsTo =
      access.sendsTo === 'outbox-subscribers'
        ? props.catalogue.queues
            .filter((q) => q.eventTypes === '*' || q.eventTypes.length > 0)
            .map((q) => q.name)
        : (access.sendsTo ?? []);
    for (const queueName of sendsTo)
      grantSend(fn.role, props.messaging.queue(queueName), props.messaging.key);

    if (access.inspectsQueues) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['sqs:GetQueueAttributes'],
          resources: props.messaging.queueNames.map((name) => props.messaging.queue(name).queueArn),
        }),
      );
    }
    if (access.sendsEmail) props.email.grantSend(fn.role);

    for (const [tableName, leadingKeys] of Object.entries(access.deletesItems ?? {})) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['dynamodb:DeleteItem'],
          resources: [props.data.table(tableName).tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } },
        }),
      );
    }
    if (access.readsSecrets?.length) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: access.readsSecrets.map((name) => props.data.secret(name).secretArn),
        }),
      );
      // The secrets are encrypted with the data key; only Secrets Manager may use it on the function's behalf.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [props.data.key.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
  }

  function(name: string): NrmFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`No function "${name}" in the catalogue`);
    return fn;
  }

  /** Functions with this trigger type, in catalogue order. */
  byTrigger(type: FunctionDefinition['trigger']['type'], catalogue: Catalogue): NrmFunction[] {
    return catalogue.functions.filter((f) => f.trigger.type === type).map((f) => this.function(f.name));
  }
}
