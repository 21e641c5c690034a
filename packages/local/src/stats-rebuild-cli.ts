// `pnpm stats:rebuild`: empties the statistics table and counts the whole event log again, with the aggregator's own
// counting (the replay). Run it after a change to what the statistics count, or to repair aggregates; the dashboard
// shows partial figures while it runs. `--replay` counts the log over the existing aggregates instead: every event is
// already counted, so nothing may change (a check that the incremental figures are complete).
//
// Erasure: the retention purge removes an erased referral's person key from the log, never its referral. An erased
// referral is therefore counted again as a referral, and as a person of its own — never linked back to its person: a
// rebuild after erasures may count more persons (at most one per erased referral whose person had another referral in
// the same period) than the incremental figures kept, and never fewer.
import { useOperatorEnvironment } from './operator-env';

useOperatorEnvironment();
const { replayStatistics } = await import('@nrm/usecases');
const clear = !process.argv.includes('--replay');
const started = Date.now();
const outcome = await replayStatistics({ clear });
console.log(
  `${clear ? 'Rebuilt' : 'Replayed'} the statistics from the event log in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.cleared} items cleared, ${outcome.counted} events counted, ${outcome['already-counted']} already counted, ${outcome['nothing-to-count']} with nothing to count`,
);
