// `pnpm audit:verify` as an operator runs it, against a suite's platform: in a clean environment (the test worker's
// own, loader hooks and all, is not the command's). Answers the exit code and what it printed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface Verified {
  code: number;
  stdout: string;
}

export function runAuditVerify(platform: { tablePrefix: string; dynamodb: string }): Promise<Verified> {
  return promisify(execFile)('node_modules/.bin/tsx', ['packages/local/src/audit-verify-cli.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NRM_TABLE_PREFIX: platform.tablePrefix,
      NRM_DYNAMODB_ENDPOINT: platform.dynamodb,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'eu-north-1',
    },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}
