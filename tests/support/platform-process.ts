// `pnpm start` in a second process, as a user runs it, for suites and benchmarks that need a platform of their own
// (the demo year, or a platform measured alone). PORT=0: the platform binds a port the system picks and prints it,
// so nothing else on the machine can take the port between choosing and binding it.

import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '../..');

export interface PlatformProcess {
  readonly child: ChildProcess;
  /** The platform's address, as it printed it. */
  readonly url: string;
  /** An address the platform printed after a label, such as 'SQS emulator'. */
  address(label: string): string | undefined;
  /** Stops it as Ctrl-C in a terminal does; kills it if it has not stopped within 15 s. */
  stop(): Promise<void>;
}

export async function spawnPlatformProcess(
  args: readonly string[],
  env: Record<string, string> = {},
  { echo = false, timeoutMs = 120_000 } = {},
): Promise<PlatformProcess> {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['packages/local/src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NRM_'))),
      PORT: '0',
      NODE_OPTIONS: '--disable-warning=ExperimentalWarning',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so stopping it reaches every process in it, as Ctrl-C in a terminal does.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (echo) process.stdout.write(d);
  });
  const address = (label: string) => new RegExp(`${label}\\s+(http://[0-9.]+:\\d+)`).exec(out)?.[1];
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      process.kill(-child.pid!, 'SIGINT');
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The last address printed is the SQS emulator's: once it is there, the whole banner is.
    const web = address('Web');
    if (web && address('SQS emulator')) {
      try {
        if ((await fetch(`${web}/health`)).status === 200) return { child, url: web, address, stop };
      } catch {
        // not serving yet
      }
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The platform did not start:\n${out.slice(-2000)}`);
    }
    await sleep(200);
  }
}
