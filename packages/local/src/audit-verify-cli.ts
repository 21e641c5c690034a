// `pnpm audit:verify`: checks every hash chain of the audit table and every signed checkpoint, and names each entry
// that was changed, removed or reordered and each chain rewritten before its checkpoint; exits 1 if any.
import { useOperatorEnvironment } from './operator-env';

useOperatorEnvironment();
const { config, loadSecrets } = await import('@nrm/runtime');
const { verifyAllTrails } = await import('@nrm/store');
await loadSecrets();
const report = await verifyAllTrails({ sealKey: config().auditSealKey });
for (const p of report.problems) {
  console.log(`TAMPERED ${p.subject} entry ${p.seq}: ${p.problem}`);
}
console.log(
  `${report.trails} trails, ${report.entries} entries, ${report.checkpoints} checkpoints, ${report.problems.length} problems`,
);
process.exit(report.problems.length ? 1 : 0);
