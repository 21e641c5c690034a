// Where the code that infra bundles lives: the repository root is the esbuild project root.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCKFILE = join(REPO_ROOT, 'pnpm-lock.yaml');

/** The handler file of a catalogue function: the same file the local platform runs. */
export function handlerEntry(functionName: string): string {
  return join(REPO_ROOT, 'functions', 'src', functionName, 'handler.ts');
}
