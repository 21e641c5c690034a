// `pnpm redrive`: replays every dead-letter queue into the queue it came from; poison messages stay and are counted.
import { useOperatorEnvironment } from './operator-env';

useOperatorEnvironment();
const { redriveDeadLetters } = await import('@nrm/messaging');
for (const r of await redriveDeadLetters()) {
  console.log(`${r.queue}: ${r.replayed} replayed, ${r.leftAsPoison} left as poison`);
}
process.exit(0);
