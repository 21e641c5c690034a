// The loop every local poller runs, as Lambda's pollers do: a step after another while running; a failed step is
// reported and the next one waits, 100 ms doubling to 2 s, so a stalled or restarting engine is not hammered.
export async function pollLoop(
  running: () => boolean,
  step: () => Promise<void>,
  onFailure: (error: unknown) => void,
): Promise<void> {
  let backoff = 100;
  while (running()) {
    try {
      await step();
      backoff = 100;
    } catch (error) {
      if (!running()) return;
      onFailure(error);
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 2000);
    }
  }
}
