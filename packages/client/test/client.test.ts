// The typed client is generated from the committed OpenAPI document, and that document passes Redocly's
// recommended rules with nothing to say: an agency's generator gets stable method names and a server.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateTypes, OPENAPI_PATH, TYPES_PATH } from '../src/generate';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('typed client', () => {
  it('packages/client/src/generated/openapi.ts is what openapi-typescript makes of the committed document', async () => {
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(await generateTypes());
  });

  it('every operation has a unique operationId, and the document names a server', () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.push(operation.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
  });

  it('the three views of a referral are told apart by `view`', () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const schemas = document.components.schemas;
    const views = ['Referral', 'ReferralStatus', 'ReferralForReceiver'].map(
      (name) => schemas[name].properties.view,
    );
    expect(views.map((v) => v.const ?? v.enum?.[0])).toEqual(['case', 'status', 'offer']);
    const read = document.paths['/v1/referrals/{id}'].get.responses['200'].content['application/json'].schema;
    expect(read.discriminator?.propertyName).toBe('view');
  });

  it('Redocly lint (recommended rules): 0 errors, 0 warnings — offline, from the local package', async () => {
    // The same command as `pnpm lint:openapi`, with the report as JSON. Telemetry and the update check are off, so
    // the run needs no network.
    const { stdout } = await run(
      'pnpm',
      ['exec', 'redocly', 'lint', OPENAPI_PATH, '--config', `${root}redocly.yaml`, '--format=json'],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
