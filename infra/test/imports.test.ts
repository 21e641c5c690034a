// The import rules that keep the bundles lean (issue 16): infra reaches the packages only through their entry points,
// never by relative path into packages/*/src, and the function handlers import leaf entry points, never a package's
// root barrel (which brings every module of the package within reach of the bundler).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths';
import { filesUnder, fromRoot, importsOf } from './source-tree';

describe('imports', () => {
  it('infra reaches the packages through their entry points, not packages/*/src', () => {
    const offending = filesUnder(join(REPO_ROOT, 'infra')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(\.\.\/)+(packages|functions|schemas)\//.test(spec))
        .map((spec) => `${fromRoot(file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('every function handler imports leaf entry points of the workspace packages', () => {
    const handlers = filesUnder(join(REPO_ROOT, 'functions', 'src')).filter((f) => f.endsWith('handler.ts'));
    expect(handlers.length).toBeGreaterThan(0);
    const barrels = handlers.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^@nrm\/[^/]+$/.test(spec))
        .map((spec) => `${fromRoot(file)}: ${spec}`),
    );
    expect(barrels).toEqual([]);
  });

  it('production code reaches the AWS SDK only through store, messaging and runtime (issue 19)', () => {
    // Production: what the API, the web, the domain, the use cases, the client and the handlers run. packages/local
    // and infra are tooling; store, messaging and runtime are the rooms the SDK lives in.
    const production = ['api', 'web', 'domain', 'usecases', 'client']
      .map((p) => join(REPO_ROOT, 'packages', p, 'src'))
      .concat(join(REPO_ROOT, 'functions', 'src'));
    const files = production.flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('@aws-sdk/'))
        .map((spec) => `${fromRoot(file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
