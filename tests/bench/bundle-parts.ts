// What a function bundle is made of, and what source maps cost at init (issue 16): bundles one handler with the
// options infra's NrmFunction gives esbuild (infra/lib/lambda-bundling.ts: minified ESM, the SDK parts no function
// runs aliased away, source maps beside), prints
// the parts of the SDK and of ours from esbuild's metafile, then imports the bundle in fresh Node processes with and
// without `--enable-source-maps`. `pnpm bench:bundles` stays the measure of the bundles CDK really builds; this
// explains them. Run: `tsx tests/bench/bundle-parts.ts referral-router notifier` (RUNS=… to vary, default 9).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD } from '../../infra/lib/lambda-bundling';
import { handlerEntry } from '../../infra/lib/paths';

const RUNS = Number(process.env.RUNS ?? 9);
const names = process.argv.slice(2);
if (names.length === 0) throw new Error('Name the functions, e.g. referral-router');

/** Parts worth naming: whether each could go is discussed in the README's Benchmarks. */
const PARTS: Record<string, RegExp> = {
  'Smithy schema serde (JSON codec, normalized schemas)': /@smithy\/core\/.*submodules\/(schema|protocols)\//,
  'zod (zod/mini in the consumers, the classic API imported as a namespace in api and web)':
    /node_modules\/zod\//,
  'Powertools logger, commons, invoke store': /powertools\/(logger|commons)|lambda-invoke-store/,
  'event-stream serde and codec': /node_modules\/.*(event-streams|eventstream)/,
  'retry strategies, rate limiter': /@smithy\/core\/.*submodules\/retry\//,
  'endpoint discovery (middleware, endpoint cache, mnemonist)':
    /node_modules\/.*(endpoint-discovery|endpoint-cache|mnemonist|obliterator)/,
  'SDK stand-ins (packages/runtime/src/lambda-*.ts)': /packages\/runtime\/src\/lambda-/,
  '@aws-sdk/util-dynamodb and its codec': /util-dynamodb|dynamodb-codec/,
  'Powertools batch': /powertools\/batch/,
  '@aws-sdk/lib-dynamodb': /@aws-sdk\/lib-dynamodb/,
  'AWS partitions table': /partitions\.js/,
  'JS SHA-256, MD5 and CRC32 fallbacks': /node_modules\/.*(Sha256Js|Md5Js|Crc32Js)/,
  'Standard Webhooks signing (its SHA-256 and Base64 on node:crypto in the bundles)':
    /node_modules\/.*(standardwebhooks|fast-sha256|@stablelib)\//,
  'ipaddr.js (the webhook address checks)': /node_modules\/.*ipaddr\.js\//,
  'our packages (domain, store, runtime, …)': /^(packages|functions|schemas)\//,
};

const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The import time of a bundle in a fresh Node process, with the given NODE_OPTIONS. */
function importMs(file: string, nodeOptions: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    // Enough configuration for the handlers' module scope; nothing is called.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: nodeOptions,
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      NRM_STAGE: 'dev',
      NRM_TABLE_PREFIX: 'nrm-dev-',
      NRM_QUEUE_URLS: '{}',
      NRM_JWT_ISSUER: 'https://issuer.invalid',
      NRM_JWT_AUDIENCE: 'nrm-api',
      NRM_JWKS_URL: 'https://issuer.invalid/jwks.json',
      NRM_MAIL_FROM: 'nrm@example.se',
    },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Importing ${file} failed:\n${result.stderr}`);
  return Number(result.stdout);
}

const outdir = mkdtempSync(join(tmpdir(), 'nrm-bundle-parts-'));
try {
  for (const name of names) {
    const outfile = join(outdir, name, 'index.mjs');
    const { metafile } = await build({
      entryPoints: [handlerEntry(name)],
      outfile,
      ...LAMBDA_ESBUILD,
      mainFields: [...LAMBDA_ESBUILD.mainFields],
      metafile: true,
      logLevel: 'error',
    });
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
    const sums = new Map(Object.keys(PARTS).map((part) => [part, 0]));
    for (const [file, input] of Object.entries(output.inputs)) {
      for (const [part, pattern] of Object.entries(PARTS)) {
        if (pattern.test(file)) sums.set(part, (sums.get(part) ?? 0) + input.bytesInOutput);
      }
    }
    console.log(`\n${name}: ${kib(output.bytes).trim()} KiB`);
    for (const [part, bytes] of sums) console.log(`  ${kib(bytes)} KiB  ${part}`);
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      on.push(importMs(outfile, '--enable-source-maps'));
      off.push(importMs(outfile, ''));
    }
    console.log(
      `  init, median (min) of ${RUNS}: source maps on ${median(on).toFixed(1)} ms (${Math.min(...on).toFixed(1)}), off ${median(off).toFixed(1)} ms (${Math.min(...off).toFixed(1)})`,
    );
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
