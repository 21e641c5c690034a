// `pnpm audit:verify`: checks every hash chain of the audit table and names each entry that was changed, removed or
// reordered; exits 1 if any.
import { useOperatorEnvironment } from './operator-env';

useOperatorEnvironment();
const { verifyAllTrails } = await import('@nrm/store');
const report = await verifyAllTrails();
for (const p of report.problems) {
  console.log(`TAMPERED ${p.subject} entry ${p.seq}: ${p.problem}`);
}
console.log(`${report.trails} trails, ${report.entries} entries, ${report.problems.length} problems`);
process.exit(report.problems.length ? 1 : 0);
