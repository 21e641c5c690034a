// A test file's own environment variables: set before the modules under test read them (packages/runtime/src/config.ts
// caches its configuration per module registry), and put back after the file, so a worker that runs another file next
// sees that file's environment.
import { afterAll } from 'vitest';

export function environmentForFile(env: Readonly<Record<string, string>>): void {
  const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  afterAll(() => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
