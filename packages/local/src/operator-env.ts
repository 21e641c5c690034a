// Operator commands (audit verify, redrive) run against a deployment's environment (NRM_TABLE_PREFIX, queue URLs,
// AWS credentials), or, when none is given, against the platform `pnpm start` runs, found through .local/platform.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOCAL_AUDIT_SEAL_KEY } from '@nrm/runtime';

export function useOperatorEnvironment(): void {
  const localInfo = resolve(process.env.NRM_DATA_DIR ?? '.local', 'platform.json');
  if (!process.env.NRM_TABLE_PREFIX && existsSync(localInfo)) {
    const info = JSON.parse(readFileSync(localInfo, 'utf8')) as {
      dynamodb: string;
      sqs: string;
      tablePrefix: string;
      queueUrls: Record<string, string>;
    };
    Object.assign(process.env, {
      NRM_DYNAMODB_ENDPOINT: info.dynamodb,
      NRM_SQS_ENDPOINT: info.sqs,
      NRM_TABLE_PREFIX: info.tablePrefix,
      NRM_QUEUE_URLS: JSON.stringify(info.queueUrls ?? {}),
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
  }
  // Against a local platform the audit seal key is its fixed one; against AWS the command reads the secret
  // (NRM_AUDIT_SEAL_KEY_SECRET_ARN), which only the sealer and the operators who verify may read.
  if ((process.env.NRM_STAGE ?? 'local') === 'local' && !process.env.NRM_AUDIT_SEAL_KEY_SECRET_ARN) {
    process.env.NRM_AUDIT_SEAL_KEY ??= LOCAL_AUDIT_SEAL_KEY;
  }
  // Operator commands verify no tokens; placeholders let the configuration parse with only storage settings.
  process.env.NRM_JWT_ISSUER ??= 'unused';
  process.env.NRM_JWT_AUDIENCE ??= 'unused';
  process.env.NRM_JWKS_URL ??= 'http://unused.invalid';
}
