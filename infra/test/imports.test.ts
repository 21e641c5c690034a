// The import rules that keep the bundles lean (issue 16): infra reaches the packages only through their entry points,
// never by relative path into packages/*/src, and the function handlers import leaf entry points, never a package's
// root barrel (which brings every module of the package within reach of the bundler).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'cdk.out') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('imports', () => {
  it('infra reaches the packages through their entry points, not packages/*/src', () => {
    const offending = filesUnder(join(REPO_ROOT, 'infra')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(\.\.\/)+(packages|functions|schemas)\//.test(spec))
        .map((spec) => `${relative(REPO_ROOT, file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('every function handler imports leaf entry points of the workspace packages', () => {
    const handlers = filesUnder(join(REPO_ROOT, 'functions', 'src')).filter((f) => f.endsWith('handler.ts'));
    expect(handlers.length).toBeGreaterThan(0);
    const barrels = handlers.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^@nrm\/[^/]+$/.test(spec))
        .map((spec) => `${relative(REPO_ROOT, file)}: ${spec}`),
    );
    expect(barrels).toEqual([]);
  });
});
