// Each component suite reads the engines' configuration from the environment, as the handlers do in Lambda; set
// before any module under test parses it (packages/runtime/src/config.ts caches it per module registry), and put
// back after the file, so a worker that runs another project's file next sees that project's environment.
import { afterAll, inject } from 'vitest';

const { env } = inject('component');
const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
Object.assign(process.env, env);
afterAll(() => {
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
