// Counting a year's events as the statistics consumer would meet them: shuffled, some twice, eight consumers at once,
// a person-marker race retried as SQS would redeliver it.
import type { EventEnvelope } from '@nrm/domain';
import type { StatisticsOutcome } from '@nrm/store';
import { afterAll, beforeAll } from 'vitest';
import { countEvents } from '../../packages/usecases/src/statistics';
import { random } from '../bench/dashboard-events';
import { ownTables, writeEventLogs } from './own-tables';

/**
 * A table set of the suite's own (`own-tables.ts`), holding `events` (the shared platform's aggregates hold the
 * other suites' referrals too), for the suite's hooks. Answers the store's environment, for a command it spawns.
 */
export function ownStatisticsTables(
  platform: { dynamodb: string },
  name: string,
  events: () => readonly EventEnvelope[],
): Record<string, string> {
  const tables = ownTables(platform, `${name}-${Date.now()}-`);
  beforeAll(async () => {
    await tables.open();
    await writeEventLogs([events()]);
  }, 120_000);
  afterAll(() => tables.close());
  return tables.env;
}

/**
 * The year's events as the queue would deliver them: a share `twice` of them a second time, all in an order shuffled by
 * the seed (the same seed, the same order, so a failure can be run again).
 */
export function deliveredOutOfOrder(
  logs: readonly (readonly EventEnvelope[])[],
  { seed, twice }: { seed: number; twice: number },
): EventEnvelope[] {
  const r = random(seed);
  const deliveries = logs.flat();
  deliveries.push(...deliveries.filter(() => r.next() < twice));
  return deliveries.sort(() => r.next() - 0.5);
}

/** Counts the deliveries with eight consumers at once; a cancelled transaction is retried up to `maxAttempts`. */
export async function countConcurrently(
  deliveries: readonly EventEnvelope[],
  maxAttempts: number,
): Promise<void> {
  const queue = [...deliveries];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let event = queue.shift(); event; event = queue.shift()) {
        for (let attempt = 1; ; attempt++) {
          try {
            // Each event a delivery of its own, as a batch of one.
            const [counted] = await countEvents([event]);
            if (counted?.status === 'rejected') throw counted.reason;
            break;
          } catch (error) {
            if ((error as Error).name !== 'TransactionCanceledException' || attempt >= maxAttempts)
              throw error;
          }
        }
      }
    }),
  );
}

/**
 * Counts the deliveries as the aggregator's handler meets them on SQS: in batches of ten (`countEvents`), `consumers`
 * batches at once; an event whose counting failed (a race lost) is delivered again in a later batch, at most
 * `maxAttempts` times. Adds every outcome of each event id, in the order they came, to `outcomes` (a new map unless
 * given) and answers it, with the events in it not counted exactly once.
 */
export async function countInBatches(
  deliveries: readonly EventEnvelope[],
  {
    consumers,
    maxAttempts,
    outcomes = new Map(),
    batchSize = 10,
  }: {
    consumers: number;
    maxAttempts: number;
    outcomes?: Map<string, StatisticsOutcome[]>;
    batchSize?: number;
  },
): Promise<{ outcomes: Map<string, StatisticsOutcome[]>; notCountedOnce: string[] }> {
  const queue = deliveries.map((event) => ({ event, attempt: 1 }));
  await Promise.all(
    Array.from({ length: consumers }, async () => {
      for (let batch = queue.splice(0, batchSize); batch.length; batch = queue.splice(0, batchSize)) {
        const results = await countEvents(batch.map((b) => b.event));
        for (const [i, result] of results.entries()) {
          const { event, attempt } = batch[i]!;
          if (result.status === 'fulfilled') {
            outcomes.set(event.eventId, [...(outcomes.get(event.eventId) ?? []), result.value]);
          } else if (attempt >= maxAttempts) {
            throw result.reason;
          } else {
            queue.push({ event, attempt: attempt + 1 });
          }
        }
      }
    }),
  );
  return { outcomes, notCountedOnce: notCountedOnce(outcomes) };
}

/** Whether every event was counted exactly once (or had nothing to count): the ids of those that were not. */
export function notCountedOnce(outcomes: ReadonlyMap<string, readonly StatisticsOutcome[]>): string[] {
  return [...outcomes]
    .filter(([, list]) => {
      const counted = list.filter((o) => o === 'counted').length;
      return list.every((o) => o === 'nothing-to-count') ? false : counted !== 1;
    })
    .map(([id]) => id);
}
