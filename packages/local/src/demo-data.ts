// `pnpm demo:generate`: asks the running local platform to load the demo year (demo/load.ts) and waits for it. The
// platform does the work in its own process, with each action's own time; nothing here moves its clock.
// Run `pnpm start` first, then: tsx packages/local/src/demo-data.ts [--url http://…]
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.NRM_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
const base = values.url;

interface Status {
  loading: boolean;
  report?: Record<string, unknown>;
}

const started = await fetch(`${base}/local/demo`, { method: 'POST' }).catch(() => undefined);
if (!started?.ok) {
  console.error(`No platform answers at ${base}; start it with pnpm start`);
  process.exit(1);
}
for (;;) {
  const status = (await (await fetch(`${base}/local/demo`)).json()) as Status;
  if (!status.loading) {
    console.log(
      status.report
        ? JSON.stringify(status.report, null, 2)
        : 'The demo year did not load; see the platform.',
    );
    process.exit(status.report ? 0 : 1);
  }
  await new Promise((r) => setTimeout(r, 1000));
}
