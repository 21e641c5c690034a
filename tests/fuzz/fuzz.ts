// `pnpm fuzz`: a property-based fuzzer over every operation of the OpenAPI document and beyond it, against a platform
// of its own (in memory, no demo). It prints how many requests it sent, the status classes, and every 5xx with the
// seed and index that reproduce it (`FUZZ_SEED=<seed> pnpm fuzz`). Sized by FUZZ_REQUESTS (default 100 000) and
// FUZZ_CONCURRENCY (default 16); not part of CI, which runs a small sample (tests/integration/fuzz.test.ts).
// The per-client rate limit and the submission quotas are lifted on this platform: they would answer 429 to most of
// the run, and what is tested here is that nothing answers 5xx whatever comes in.
import fc from 'fast-check';
import { adultReferral } from '../support/fixtures';
import { auth, body, contentType, pathValue, query } from '../support/fuzz-arbitraries';
import { apiClient } from '../support/http';

process.env.NRM_RATE_LIMIT_PER_MINUTE = '100000000';
process.env.NRM_QUOTA_ORGANISATION_PER_HOUR = '100000000';
process.env.NRM_QUOTA_PERSON_PER_HOUR = '100000000';
process.env.LOG_LEVEL = 'ERROR';

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

const { startPlatform } = await import('@nrm/local');
const platform = await startPlatform({ port: 0, visibilitySeconds: 2, logLevel: 'ERROR' });
const api = apiClient(platform.url);
const started = Date.now();

try {
  const doc = (await api.get('/openapi.json')).body;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  const real = (await api.post('/v1/referrals', adultReferral(), 'police-syd-system')).body.id;

  const request = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...operations), pathValue, query) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH').map((method) => ({ method, path: '' })),
        fc.array(
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('v1', 'referrals', 'handoffs', 'case')),
          {
            maxLength: 5,
          },
        ),
        query,
      ),
    },
  );
  const sample = fc.tuple(request, body, contentType, auth);
  const statuses = new Map<string, number>();
  const failures: string[] = [];
  let sent = 0;

  const worker = async (lane: number) => {
    // Each lane draws its own reproducible stream: seed + lane; the index in the stream names the request.
    const draws = fc.sample(sample, { seed: SEED + lane, numRuns: Math.ceil(TOTAL / CONCURRENCY) });
    for (const [index, [[op, value, q], payload, type, who]] of draws.entries()) {
      if (sent >= TOTAL) return;
      sent++;
      const path =
        op.path === ''
          ? `/v1/${(value as string[]).map(encodeURIComponent).join('/')}${q}`
          : `${op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value === 'REAL' ? real : String(value)))}${q}`;
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      if ('header' in who && who.header !== undefined) headers.authorization = who.header;
      const res = await api.request(op.method, path, {
        ...('identity' in who ? { as: who.identity } : {}),
        ...(op.method !== 'GET' && payload !== undefined ? { rawBody: payload } : {}),
        headers,
      });
      const klass = `${Math.floor(res.status / 100)}xx`;
      statuses.set(klass, (statuses.get(klass) ?? 0) + 1);
      if (res.status >= 500)
        failures.push(`${op.method} ${path} → ${res.status} (seed ${SEED + lane}, index ${index})`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => worker(lane)));

  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${sent} requests in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s), seed ${SEED}`,
  );
  console.log(
    `fuzz: ${[...statuses]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(`fuzz: ${failures.length} answered 5xx`);
  for (const failure of failures.slice(0, 50)) console.log(`  ${failure}`);
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await platform.stop();
}
