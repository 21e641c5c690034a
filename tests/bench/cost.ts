// The AWS cost model of `pnpm bench`: what 1 000 referrals cost, priced from the requests the platform actually made
// in the intake run (counted by the platform itself with NRM_COUNT_USAGE=1, GET /local/usage), with the eu-north-1
// prices kept as data beside this file; and the fixed monthly costs, counted from the synthesized prod templates.
import { readFileSync } from 'node:fs';
import { FUNCTIONS, type FunctionDefinition } from '@nrm/functions/catalogue';
import type { Usage } from '@nrm/runtime/usage';
import { countBilledResources } from '../../infra/lib/billed-resources';

interface Price {
  readonly usd: number;
  readonly per: string;
}
interface Prices {
  readonly region: string;
  readonly recorded: string;
  readonly verified: boolean;
  readonly variable: Record<string, Price>;
  readonly fixedMonthly: Record<string, Price>;
}

export const PRICES: Prices = JSON.parse(
  readFileSync(new URL('./aws-prices.eu-north-1.json', import.meta.url), 'utf8'),
);

export interface CostLine {
  readonly item: string;
  /** Units per 1 000 referrals (variable) or per month (fixed). */
  readonly quantity: number;
  readonly unitUsd: number;
  readonly usd: number;
}

const line = (item: string, quantity: number, price: Price | undefined): CostLine => {
  if (!price) throw new Error(`No price for ${item}`);
  return { item, quantity, unitUsd: price.usd, usd: quantity * price.usd };
};

const byName = new Map((FUNCTIONS as readonly FunctionDefinition[]).map((f) => [f.name, f]));

export interface MeasuredRun {
  readonly referrals: number;
  readonly usage: Usage;
  /** The API function: one invocation per HTTP request, billed for (at most) the request's latency. */
  readonly apiRequests: number;
  readonly apiMs: number;
}

/**
 * Variable cost per 1 000 referrals. Everything the referrals set off is in the counts: the API's reads and writes,
 * the transaction, the stream (free to a Lambda trigger), the relay's sends, each consumer's invocations and its own
 * reads and writes, the e-mails. An SQS-triggered invocation also costs the event source mapping one receive and one
 * delete. Scheduled functions run whatever the number of referrals and are priced with the fixed costs.
 */
export function variableCostPer1000(run: MeasuredRun): { lines: CostLine[]; total: number } {
  const scale = 1000 / run.referrals;
  const { usage } = run;
  const v = PRICES.variable;
  let invocations = run.apiRequests;
  let gbSeconds = (run.apiMs / 1000) * ((byName.get('api')?.memoryMb ?? 1024) / 1024);
  let esmRequests = 0;
  for (const [name, f] of Object.entries(usage.functions)) {
    const fn = byName.get(name);
    if (!fn || fn.trigger.type === 'schedule') continue;
    invocations += f.invocations;
    gbSeconds += (f.durationMs / 1000) * (f.memoryMb / 1024);
    if (fn.trigger.type === 'sqs') esmRequests += 2 * f.invocations;
  }
  const sqsRequests = Object.entries(usage.requests)
    .filter(([k]) => k.startsWith('sqs.'))
    .reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    line('DynamoDB write request units', usage.dynamodb.writeUnits * scale, v.dynamodbWriteRequestUnit),
    line('DynamoDB read request units', usage.dynamodb.readUnits * scale, v.dynamodbReadRequestUnit),
    line(
      'SQS requests (sends + event source receives and deletes)',
      (sqsRequests + esmRequests) * scale,
      v.sqsRequest,
    ),
    line('Lambda invocations', invocations * scale, v.lambdaRequest),
    line('Lambda GB-seconds (arm64, durations measured locally)', gbSeconds * scale, v.lambdaGbSecondArm),
    line('SES messages', usage.emails.messages * scale, v.sesMessage),
    line('HTTP API requests', run.apiRequests * scale, v.httpApiRequest),
    line('CloudFront HTTPS requests', run.apiRequests * scale, v.cloudFrontHttpsRequest),
    line('WAF inspected requests', run.apiRequests * scale, v.wafRequest),
  ];
  return { lines, total: lines.reduce((sum, l) => sum + l.usd, 0) };
}

/**
 * Fixed monthly costs, counted from the prod templates (synthesized without bundling): web ACLs and their rules, KMS
 * keys, alarms, dashboards, secrets, the SQS mappings' idle polling, and the scheduled functions' invocations (at the duration measured in the run,
 * or a second when the schedule did not run).
 */
export function fixedMonthlyCosts(usage: Usage): { lines: CostLine[]; total: number } {
  const billed = countBilledResources('prod');
  const f = PRICES.fixedMonthly;
  const v = PRICES.variable;
  const minutesPerMonth = 30 * 24 * 60;
  const lines = [
    line('WAF web ACLs', billed.webAcls, f.wafWebAcl),
    line('WAF rules', billed.webAclRules, f.wafRule),
    line('KMS keys', billed.kmsKeys, f.kmsKey),
    line('CloudWatch alarms', billed.alarms, f.cloudWatchAlarm),
    line('CloudWatch dashboards', billed.dashboards, f.cloudWatchDashboard),
    line('Secrets Manager secrets', billed.secrets, f.secretsManagerSecret),
    line('Cognito user pools', billed.userPools, f.cognitoUserPool),
    line('CloudFront distributions', billed.distributions, f.cloudFrontDistribution),
  ];
  // An SQS event source mapping long-polls its queue with five pollers (20 s polls) whether or not messages come.
  const consumers = (FUNCTIONS as readonly FunctionDefinition[]).filter((fn) => fn.trigger.type === 'sqs');
  lines.push(
    line(
      `SQS empty receives of ${consumers.length} event source mappings (5 pollers, 20 s long polls)`,
      consumers.length * 5 * 3 * minutesPerMonth,
      v.sqsRequest,
    ),
  );
  for (const fn of FUNCTIONS as readonly FunctionDefinition[]) {
    if (fn.trigger.type !== 'schedule') continue;
    const perMonth = minutesPerMonth / fn.trigger.everyMinutes;
    const measured = usage.functions[fn.name];
    const seconds = measured?.invocations ? measured.durationMs / measured.invocations / 1000 : 1;
    lines.push(line(`${fn.name}: scheduler invocations`, perMonth, f.schedulerInvocation));
    lines.push(line(`${fn.name}: Lambda invocations`, perMonth, v.lambdaRequest));
    lines.push(
      line(
        `${fn.name}: Lambda GB-seconds (${(seconds * 1000).toFixed(0)} ms each)`,
        perMonth * seconds * (fn.memoryMb / 1024),
        v.lambdaGbSecondArm,
      ),
    );
  }
  return { lines, total: lines.reduce((sum, l) => sum + l.usd, 0) };
}

export function printCostLines(title: string, cost: { lines: CostLine[]; total: number }): void {
  console.log(title);
  for (const l of cost.lines) {
    console.log(
      `  ${l.item.padEnd(62)} ${l.quantity.toFixed(2).padStart(12)} × $${l.unitUsd.toPrecision(3).padEnd(9)} = $${l.usd.toFixed(5)}`,
    );
  }
  console.log(`  ${'total'.padEnd(62)} ${''.padStart(12)}   ${''.padEnd(10)} = $${cost.total.toFixed(4)}`);
}
