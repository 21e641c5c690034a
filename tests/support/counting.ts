// Counting a year's events as the statistics consumer would meet them: shuffled, some twice, eight consumers at once,
// a person-marker race retried as SQS would redeliver it.
import type { EventEnvelope } from '@nrm/domain';
import { afterAll, beforeAll } from 'vitest';
import { countEvent } from '../../packages/usecases/src/statistics';
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
            await countEvent(event);
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
