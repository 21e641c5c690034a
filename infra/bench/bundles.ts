// Prints the size of every function bundle CDK builds and its module initialisation time: each bundle is imported
// in a fresh Node process BENCH_RUNS times (default 7) and the median of the import time is reported.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_BUDGETS, BUNDLE_GOAL_KIB } from '../lib/bundle-budgets';
import { loadEnvironment, synthesizeBundles } from '../lib/bundles';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const context: Record<string, unknown> = {
  ...JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context,
  env: process.env.NRM_ENV ?? 'dev',
};

function importMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Importing ${file} failed:\n${result.stderr}`);
  return Number(result.stdout);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const outdir = mkdtempSync(join(tmpdir(), 'nrm-bundles-'));
try {
  const started = Date.now();
  const bundles = synthesizeBundles({ outdir, context });
  console.log(
    `Synthesized and bundled ${bundles.length} functions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`Node ${process.version}, median of ${runs} fresh-process imports\n`);
  const rows = bundles.map((bundle) => {
    const env = loadEnvironment(bundle);
    const times = Array.from({ length: runs }, () => importMs(bundle.file, env));
    return {
      function: bundle.name,
      'bundle KiB': Number((bundle.bytes / 1024).toFixed(1)),
      'budget KiB': BUNDLE_BUDGETS[bundle.name]?.kib ?? '–',
      'init ms (median)': Number(median(times).toFixed(1)),
      'init ms (min)': Number(Math.min(...times).toFixed(1)),
    };
  });
  console.table(rows);
  console.log(
    `\nGoal: ≤ ${BUNDLE_GOAL_KIB} KiB and ≤ 100 ms median init a function (budgets: infra/lib/bundle-budgets.ts)`,
  );
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
