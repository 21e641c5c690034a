// Alarms and the operations dashboard, derived from what exists: every dead-letter queue, every function, the API,
// the outbox stream and the SLA clocks. Alarms go to an encrypted SNS topic.
import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { Catalogue } from '../catalogue';
import type { EnvironmentConfig } from '../config';
import { acknowledge } from '../nag/acknowledge';
import type { Api } from './api';
import type { Compute } from './compute';
import { EnvironmentConstruct } from './environment-construct';
import type { Messaging } from './messaging';

/**
 * The SLA metric the escalator publishes (CloudWatch embedded metric format) each time a clock passes its due time:
 * namespace NRM, name ClockBreached, dimension service=nrm (Powertools' default dimension for serviceName 'nrm').
 */
export const SLA_BREACH_METRIC = {
  namespace: 'NRM',
  metricName: 'ClockBreached',
  dimensions: { service: 'nrm' },
};

/** Every consumer keeps up within seconds; a quarter of an hour of waiting means none is working the queue. */
const QUEUE_AGE_THRESHOLD = Duration.minutes(15);

/**
 * The API's answers of 503 (a dependency down or not answering within its timeout, packages/runtime
 * DEPENDENCY_LIMITS), counted from the access log: a metric filter, so API Gateway's own 503s count too.
 */
export const API_UNAVAILABLE_METRIC = { namespace: 'NRM', metricName: 'ApiUnavailable' };

/**
 * Share of answers that were 503 over five minutes, in percent, alarmed from this level on; below
 * API_UNAVAILABLE_MIN_REQUESTS requests a few retried calls are not a trend and the rate counts as 0.
 */
const API_UNAVAILABLE_PERCENT = 5;
/** Referrals created through the API, counted from the access log (a stolen session flooding the mechanism). */
export const SUBMISSIONS_METRIC = { namespace: 'NRM', metricName: 'ReferralsSubmitted' };
/**
 * A burst worth a look: more submissions in five minutes than the busiest police operation the brief describes sends
 * (a few hundred referrals in a day, ~250 at once). The per-organisation quota (600 an hour) stops a flood; this
 * tells the operators one is being tried, with the quota refusals (429) beside it on the dashboard.
 */
const SUBMISSION_BURST_PER_FIVE_MINUTES = 300;
const API_UNAVAILABLE_MIN_REQUESTS = 20;

/** A referral is routed within seconds of being received (api.md); a minute behind on the stream is an incident. */
const OUTBOX_LAG_THRESHOLD = Duration.minutes(1);

export interface MonitoringProps {
  readonly env: EnvironmentConfig;
  readonly catalogue: Catalogue;
  readonly compute: Compute;
  readonly messaging: Messaging;
  readonly api: Api;
}

export class Monitoring extends EnvironmentConstruct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id, props.env);
    const { env, catalogue, compute, messaging, api } = props;

    this.topic = new Topic(this, 'Alarms', {
      topicName: this.physicalName('alarms'),
      displayName: `NRM ${env.name} alarms`,
      masterKey: messaging.key,
      enforceSSL: true,
    });
    if (env.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(env.alarmEmail));
      acknowledge(
        subscription,
        'Serverless-SNSRedrivePolicy',
        'The subscriber is the operations mailbox: a dead-letter queue for undeliverable alarm mail could only raise its own alarm through this same topic; the dashboard shows every alarm state regardless.',
      );
    }
    const action = new SnsAction(this.topic);
    const alarm = (
      alarmId: string,
      metric: Metric | MathExpression,
      threshold: number,
      description: string,
    ): Alarm => {
      const created = metric.createAlarm(this, alarmId, {
        alarmName: this.physicalName(alarmId),
        alarmDescription: description,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);

    for (const { name, queue } of messaging.deadLetterQueues) {
      alarm(
        `${name}-depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: 'Maximum' }),
        1,
        `A message is in ${name}: something failed for good. Inspect it, fix the cause, redrive it.`,
      );
    }

    for (const name of messaging.queueNames) {
      alarm(
        `${name}-age`,
        messaging.queue(name).metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
        QUEUE_AGE_THRESHOLD.toSeconds(),
        `A message has waited in ${name} for ${QUEUE_AGE_THRESHOLD.toMinutes()} minutes: its consumer is stuck, throttled or missing.`,
      );
    }

    for (const definition of catalogue.functions) {
      const fn = compute.function(definition.name).function;
      alarm(
        `${definition.name}-errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${definition.name} failed invocations.`,
      );
      alarm(
        `${definition.name}-throttles`,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${definition.name} was throttled: work waits or is refused.`,
      );
      if (definition.trigger.type === 'stream') {
        alarm(
          `${definition.name}-iterator-age`,
          new Metric({
            namespace: 'AWS/Lambda',
            metricName: 'IteratorAge',
            dimensionsMap: { FunctionName: fn.functionName },
            period: minute,
            statistic: 'Maximum',
          }),
          OUTBOX_LAG_THRESHOLD.toMilliseconds(),
          `${definition.name} is behind on the table stream: new events are not reaching their queues.`,
        );
      }
    }

    alarm(
      'api-5xx',
      api.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      5,
      'The API answered with server errors.',
    );
    new MetricFilter(this, 'ApiUnavailable', {
      logGroup: api.accessLogs,
      metricNamespace: API_UNAVAILABLE_METRIC.namespace,
      metricName: API_UNAVAILABLE_METRIC.metricName,
      filterPattern: FilterPattern.stringValue('$.status', '=', '503'),
      metricValue: '1',
    });
    const unavailableAnswers = new Metric({
      namespace: API_UNAVAILABLE_METRIC.namespace,
      metricName: API_UNAVAILABLE_METRIC.metricName,
      period: fiveMinutes,
      statistic: 'Sum',
    });
    alarm(
      'api-503-rate',
      new MathExpression({
        expression: `IF(requests >= ${API_UNAVAILABLE_MIN_REQUESTS}, 100 * FILL(unavailable, 0) / requests, 0)`,
        usingMetrics: {
          requests: api.httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
          unavailable: unavailableAnswers,
        },
        label: 'API answers 503 (%)',
        period: fiveMinutes,
      }),
      API_UNAVAILABLE_PERCENT,
      `At least ${API_UNAVAILABLE_PERCENT} % of API answers were 503: the database or a queue is down or stalled (the clients give up after their timeouts). GET /health names which; see the README's "When a dependency stalls".`,
    );
    new MetricFilter(this, 'ReferralsSubmitted', {
      logGroup: api.accessLogs,
      metricNamespace: SUBMISSIONS_METRIC.namespace,
      metricName: SUBMISSIONS_METRIC.metricName,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.method', '=', 'POST'),
        FilterPattern.stringValue('$.path', '=', '/v1/referrals'),
        FilterPattern.stringValue('$.status', '=', '201'),
      ),
      metricValue: '1',
    });
    alarm(
      'submission-burst',
      new Metric({
        namespace: SUBMISSIONS_METRIC.namespace,
        metricName: SUBMISSIONS_METRIC.metricName,
        period: fiveMinutes,
        statistic: 'Sum',
      }),
      SUBMISSION_BURST_PER_FIVE_MINUTES,
      `More than ${SUBMISSION_BURST_PER_FIVE_MINUTES} referrals were submitted in five minutes: a police operation, or a flood from one client (the per-organisation and per-person quotas answer 429 beyond their hourly limits).`,
    );
    const slaBreaches = new Metric({
      namespace: SLA_BREACH_METRIC.namespace,
      metricName: SLA_BREACH_METRIC.metricName,
      dimensionsMap: SLA_BREACH_METRIC.dimensions,
      period: fiveMinutes,
      statistic: 'Sum',
    });
    alarm(
      'sla-breaches',
      slaBreaches,
      1,
      'A referral clock passed its due time (acknowledge, hand-off acceptance, …).',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: this.physicalName('operations'),
      defaultInterval: Duration.hours(6),
    });
    const functions = catalogue.functions.map((f) => ({
      name: f.name,
      fn: compute.function(f.name).function,
    }));
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# NRM ${env.name}\nDead letters, function health, API and SLA clocks. Alarms go to SNS topic \`${this.physicalName('alarms')}\`.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead-letter queue depth',
        left: messaging.deadLetterQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({
            label: name,
            period: minute,
            statistic: 'Maximum',
          }),
        ),
        width: 12,
      }),
      new SingleValueWidget({ title: 'SLA breaches', metrics: [slaBreaches], width: 6 }),
      new GraphWidget({
        title: 'API requests and errors',
        left: [api.httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum', label: 'requests' })],
        right: [
          api.httpApi.metricClientError({ period: fiveMinutes, statistic: 'Sum', label: '4xx' }),
          api.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum', label: '5xx' }),
          unavailableAnswers.with({ label: '503' }),
        ],
        width: 6,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: functions.map(({ name, fn }) =>
          fn.metricErrors({ label: name, period: fiveMinutes, statistic: 'Sum' }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: functions.map(({ name, fn }) =>
          fn.metricThrottles({ label: name, period: fiveMinutes, statistic: 'Sum' }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function duration p99',
        left: functions.map(({ name, fn }) =>
          fn.metricDuration({ label: name, period: fiveMinutes, statistic: 'p99' }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Queue age of oldest message',
        left: messaging.queueNames.map((name) =>
          messaging
            .queue(name)
            .metricApproximateAgeOfOldestMessage({ label: name, period: minute, statistic: 'Maximum' }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency p99',
        left: [api.httpApi.metricLatency({ period: fiveMinutes, statistic: 'p99', label: 'latency' })],
        right: [
          api.httpApi.metricIntegrationLatency({
            period: fiveMinutes,
            statistic: 'p99',
            label: 'integration',
          }),
        ],
        width: 12,
      }),
    );
  }
}
