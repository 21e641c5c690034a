// The bundles CDK builds with local esbuild: one ESM file per function from the same handler files the local
// platform runs, the AWS SDK inside, loadable by Node 22 with the function's own environment.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS } from '../lib/bundle-budgets';
import { type Bundle, canBundle, loadEnvironment, synthesizeBundles } from '../lib/bundles';
import { FUNCTIONS } from '../lib/catalogue';
import { CDK_CONTEXT } from './support';

const outdir = mkdtempSync(join(tmpdir(), 'nrm-bundling-'));
let bundles: Bundle[] = [];

beforeAll(() => {
  if (canBundle()) bundles = synthesizeBundles({ outdir, context: { ...CDK_CONTEXT, env: 'dev' } });
}, 300_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe.skipIf(!canBundle())('function bundles (needs pnpm on the PATH, as `pnpm test` has)', () => {
  it('builds one bundle per catalogue function and one for the Cognito trigger', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(
      [...FUNCTIONS.map((f) => f.name), 'pre-token-generation'].sort(),
    );
  });

  it('emits minified UTF-8 ESM with the require banner and a source map, and the AWS SDK bundled in', () => {
    for (const bundle of bundles) {
      const code = readFileSync(bundle.file, 'utf8');
      expect(
        code.startsWith("import { createRequire as __nrmCreateRequire } from 'node:module';"),
        bundle.name,
      ).toBe(true);
      expect(code, bundle.name).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(existsSync(`${bundle.file}.map`), bundle.name).toBe(true);
    }
    // UTF-8, not esbuild's default of escaping every non-ASCII character (the municipality table's å, ä and ö).
    const router = readFileSync(bundles.find((b) => b.name === 'referral-router')!.file, 'utf8');
    expect(router).toContain('Upplands Väsby');
  });

  it('stays within its size budget (infra/lib/bundle-budgets.ts)', () => {
    const over = bundles
      .map((b) => ({ name: b.name, kib: Math.ceil(b.bytes / 1024), budget: BUNDLE_BUDGETS[b.name]?.kib }))
      .filter((b) => b.budget === undefined || b.kib > b.budget);
    expect(over).toEqual([]);
  });

  it('leaves out what no function runs: date-holidays, moment, the SDK credential chain', () => {
    for (const bundle of bundles) {
      const code = readFileSync(bundle.file, 'utf8');
      expect(code, bundle.name).not.toMatch(/moment-timezone|date-holidays|astronomia/);
      // The nested STS and SSO clients only the default credential chain loads.
      expect(code, bundle.name).not.toMatch(/AssumeRoleWithWebIdentity|GetRoleCredentials/);
    }
  });

  it('leaves out the SDK parts DynamoDB never runs here: event streams and endpoint discovery (infra/lib/lambda-bundling.ts)', () => {
    for (const bundle of bundles) {
      const code = readFileSync(bundle.file, 'utf8');
      // Strings of the event-stream codec, and of endpoint discovery's shared-config key and LRU cache.
      expect(code, bundle.name).not.toMatch(/Truncated event message received|:event-type/);
      expect(code, bundle.name).not.toMatch(/endpoint_discovery_enabled|mnemonist\/lru-cache/);
    }
    // The stand-ins are what the DynamoDB consumers carry instead (their errors name the alias).
    const router = readFileSync(bundles.find((b) => b.name === 'referral-router')!.file, 'utf8');
    expect(router).toContain('AWS SDK event streams are left out of the NRM function bundles');
    expect(router).toContain('AWS SDK endpoint discovery is left out of the NRM function bundles');
  });

  it("leaves zod's namespace out of the API and web: no locale but the English one zod answers in", () => {
    for (const name of ['api', 'web']) {
      const code = readFileSync(bundles.find((b) => b.name === name)!.file, 'utf8');
      // Swedish and German validation messages, of zod's ~40 locales: bundled whenever `import { z } from 'zod'` is.
      expect(code, name).not.toContain('Ogiltig inmatning');
      expect(code, name).not.toContain('Ungültige Eingabe');
      // The English messages the problem+json answers name bad fields with stay.
      expect(code, name).toContain('Invalid input: expected');
      // The contract's metadata method, which the schemas call when the module loads (schemas/src/zod.ts).
      expect(code, name).toContain('.prototype.openapi');
    }
  });

  it('loads in a fresh Node process and exports handler', () => {
    for (const bundle of bundles) {
      const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle.file).href)}); process.stdout.write(typeof m.handler);`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: loadEnvironment(bundle),
        encoding: 'utf8',
      });
      expect(result.stderr, bundle.name).toBe('');
      expect(result.stdout, bundle.name).toBe('function');
    }
  }, 60_000);
});
