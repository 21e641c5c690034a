// `pnpm audit:verify`: checks every hash chain of the audit table and names each entry that was changed, removed or
// reordered; exits 1 if any. In AWS run it with the deployment's environment (NRM_TABLE_PREFIX, AWS credentials);
// locally it finds the running platform through .local/platform.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const localInfo = resolve(process.env.NRM_DATA_DIR ?? '.local', 'platform.json');
if (!process.env.NRM_TABLE_PREFIX && existsSync(localInfo)) {
  const info = JSON.parse(readFileSync(localInfo, 'utf8')) as { dynamodb: string; tablePrefix: string };
  Object.assign(process.env, {
    NRM_DYNAMODB_ENDPOINT: info.dynamodb,
    NRM_TABLE_PREFIX: info.tablePrefix,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
}
// The verifier needs no token settings; give the parser placeholders so only the storage settings matter.
process.env.NRM_JWT_ISSUER ??= 'unused';
process.env.NRM_JWT_AUDIENCE ??= 'unused';
process.env.NRM_JWKS_URL ??= 'http://unused.invalid';

const { verifyAllTrails } = await import('@nrm/store');
const report = await verifyAllTrails();
for (const p of report.problems) {
  console.log(`TAMPERED ${p.subject} entry ${p.seq}: ${p.problem}`);
}
console.log(`${report.trails} trails, ${report.entries} entries, ${report.problems.length} problems`);
process.exit(report.problems.length ? 1 : 0);
