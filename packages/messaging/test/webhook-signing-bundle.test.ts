// Standard Webhooks signing as the function bundles carry it: infra's esbuild aliases replace the library's JavaScript
// SHA-256 (`fast-sha256`) and Base64 (`@stablelib/base64`) with node:crypto and Buffer (packages/runtime/src/
// lambda-node-sha256.ts, lambda-node-base64.ts). This bundles `standardwebhooks` with the functions' own esbuild
// options and checks that what it signs is what the unaliased library verifies, and that it refuses what the library
// refuses. tests/isolated and infra/test/bundling.test.ts build the real bundles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ALIASES, LAMBDA_ESBUILD } from '../../../infra/lib/lambda-bundling';

const outdir = mkdtempSync(join(tmpdir(), 'nrm-webhook-signing-'));
let Bundled: typeof Webhook;
let bundledInputs: string[] = [];

beforeAll(async () => {
  const outfile = join(outdir, 'standardwebhooks.mjs');
  const { metafile } = await build({
    stdin: {
      contents: "export { Webhook } from 'standardwebhooks';",
      resolveDir: join(import.meta.dirname, '..'),
    },
    outfile,
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    sourcemap: false,
    metafile: true,
    logLevel: 'error',
  });
  bundledInputs = Object.keys(metafile.inputs);
  ({ Webhook: Bundled } = (await import(pathToFileURL(outfile).href)) as { Webhook: typeof Webhook });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const secrets = [
  `whsec_${Buffer.from('a-32-byte-secret-for-the-tests!!').toString('base64')}`,
  `whsec_${Buffer.alloc(24, 0xfe).toString('base64')}`,
  Buffer.from([1, 2, 3, 4, 5]).toString('base64'),
];
const payloads = [
  '{}',
  '{"type":"referral.routed.v1","data":{"reference":"NRM-2026-000123"}}',
  '{"city":"Malmö"}',
];

describe('Standard Webhooks signing in the function bundles', () => {
  it('carries the node:crypto and Buffer stand-ins, not the JavaScript SHA-256 and Base64', () => {
    expect(LAMBDA_ALIASES['fast-sha256']).toMatch(/lambda-node-sha256\.ts$/);
    expect(bundledInputs.some((file) => /packages\/runtime\/src\/lambda-node-sha256\.ts$/.test(file))).toBe(
      true,
    );
    expect(bundledInputs.some((file) => /packages\/runtime\/src\/lambda-node-base64\.ts$/.test(file))).toBe(
      true,
    );
    expect(bundledInputs.filter((file) => /fast-sha256|@stablelib\/base64/.test(file))).toEqual([]);
  });

  it('signs as the library does, and the library verifies it', () => {
    const now = new Date('2026-11-30T14:00:00Z');
    for (const secret of secrets) {
      for (const payload of payloads) {
        const signature = new Bundled(secret).sign('msg_1', now, payload);
        expect(signature).toBe(new Webhook(secret).sign('msg_1', now, payload));
        const headers = {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': new Bundled(secret).sign('msg_1', new Date(), payload),
        };
        expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
        // And a signature by another secret is refused.
        expect(() =>
          new Webhook(secrets[(secrets.indexOf(secret) + 1) % secrets.length]!).verify(payload, headers),
        ).toThrow(/No matching signature/);
      }
    }
  });

  it('refuses a secret that is not Base64, as the library does', () => {
    for (const secret of ['whsec_not base64!', 'whsec_abc', 'whsec_ab=c']) {
      expect(() => new Webhook(secret), secret).toThrow();
      expect(() => new Bundled(secret), secret).toThrow();
    }
  });
});
