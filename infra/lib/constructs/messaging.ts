// Every queue of the messaging package's definitions, each with its dead-letter queue, encrypted with a
// customer-managed key and reachable over TLS only; plus the failure queues of stream and scheduled functions.
import { Duration, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type Catalogue, dlqName, type QueueDefinition, VISIBILITY_TIMEOUT_FACTOR } from '../catalogue';
import type { EnvironmentConfig } from '../config';
import { acknowledge } from '../nag/acknowledge';
import { EnvironmentConstruct } from './environment-construct';

/** Long enough for someone to look at a dead letter after a holiday weekend; SQS's maximum. */
const DEAD_LETTER_RETENTION = Duration.days(14);

export interface DeadLetterQueue {
  /** Logical name, e.g. `referral-routing-dlq`. */
  readonly name: string;
  readonly queue: Queue;
}

export interface MessagingProps {
  readonly env: EnvironmentConfig;
  readonly catalogue: Catalogue;
}

/**
 * The consumer's timeout times the factor: a message stays hidden while its batch can still be running. A queue
 * whose consumer is not in the catalogue yet keeps SQS's default until it is (its message age is alarmed).
 */
export function visibilityTimeoutFor(queue: QueueDefinition, catalogue: Catalogue): number | undefined {
  const consumer = catalogue.functions.find(
    (f) => f.trigger.type === 'sqs' && f.trigger.queue === queue.name,
  );
  if (!consumer) return undefined;
  if (consumer.name !== queue.consumer) {
    throw new Error(
      `Queue ${queue.name} names ${queue.consumer} as consumer, the catalogue ${consumer.name}`,
    );
  }
  return consumer.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR;
}

export class Messaging extends EnvironmentConstruct {
  readonly key: Key;
  readonly deadLetterQueues: DeadLetterQueue[] = [];
  private readonly queues = new Map<string, Queue>();

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id, props.env);

    this.key = new Key(this, 'Key', {
      alias: `alias/${this.physicalName('messaging')}`,
      description: 'Encrypts the NRM queues and the alarm topic (event envelopes of referrals).',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: this.removalPolicy,
    });
    // CloudWatch alarms publish to the encrypted alarm topic as the CloudWatch service, not as a role.
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');

    for (const definition of props.catalogue.queues) {
      const deadLetters = this.deadLetterQueue(dlqName(definition));
      const visibility = visibilityTimeoutFor(definition, props.catalogue);
      const queue = new Queue(this, `Queue-${definition.name}`, {
        queueName: this.physicalName(definition.name),
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        ...(visibility === undefined ? {} : { visibilityTimeout: Duration.seconds(visibility) }),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: definition.maxReceiveCount },
      });
      this.queues.set(definition.name, queue);
    }
  }

  /** A queue by logical name, or a queue's dead-letter queue (`<name>-dlq`: the webhook sender dead-letters itself). */
  queue(name: string): Queue {
    const queue = this.queues.get(name) ?? this.deadLetterQueues.find((d) => d.name === name)?.queue;
    if (!queue) throw new Error(`No queue "${name}" in the queue definitions`);
    return queue;
  }

  get queueNames(): readonly string[] {
    return [...this.queues.keys()];
  }

  /**
   * Logical queue name → URL: the NRM_QUEUE_URLS the runtime reads, with each queue's dead-letter queue (`<name>-dlq`,
   * as locally): the webhook sender dead-letters a message itself. Sending still needs a grant (access.ts).
   */
  queueUrls(): string {
    const queueDlqs = new Set([...this.queues.keys()].map((name) => dlqName({ name })));
    return Stack.of(this).toJsonString(
      Object.fromEntries([
        ...[...this.queues].map(([name, q]) => [name, q.queueUrl] as const),
        ...this.deadLetterQueues
          .filter((d) => queueDlqs.has(d.name))
          .map((d) => [d.name, d.queue.queueUrl] as const),
      ]),
    );
  }

  /**
   * Where a function that is not fed by a queue puts what it could not do: the on-failure destination of a stream
   * mapping, or the dead-letter queue of an asynchronous invocation.
   */
  failureQueue(functionName: string): Queue {
    const queue = this.deadLetterQueue(dlqName({ name: functionName }));
    acknowledge(
      queue,
      'AwsSolutions-SQS3',
      'This queue is itself the failure destination of a stream mapping or an asynchronous invocation, so no queue names it as its dead-letter queue; its depth is alarmed.',
    );
    return queue;
  }

  private deadLetterQueue(name: string): Queue {
    const queue = new Queue(this, `DeadLetters-${name}`, {
      queueName: this.physicalName(name),
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    acknowledge(
      queue,
      'Serverless-SQSRedrivePolicy',
      'This queue is a dead-letter queue (of a queue, a stream mapping or an asynchronous invocation); a dead-letter queue behind it would only move failures further out of sight. Its depth is alarmed instead.',
    );
    this.deadLetterQueues.push({ name, queue });
    return queue;
  }
}
