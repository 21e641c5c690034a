// Secrets from AWS Secrets Manager, read once per cold start: the person-key secret (the keyed hash of a person),
// the web key (sessions and drafts) and the audit seal key (checkpoints of the audit trail). Infra names them by ARN; locally neither is set and nothing is read.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientConfig } from './client-config';
import { addSecretsToConfig, config } from './config';

export interface Secrets {
  readonly personKeySecret?: string;
  /** The secret text the web key is derived from (packages/web: webKeyFromSecret). */
  readonly webKey?: string;
}

let loading: Promise<Secrets> | undefined;

async function read(client: SecretsManagerClient, arn: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error('A secret the configuration names has no string value');
  return SecretString;
}

async function load(): Promise<Secrets> {
  const { secretArns, secretsManagerEndpoint } = config();
  if (!secretArns.personKey && !secretArns.webKey && !secretArns.auditSealKey) return {};
  const client = new SecretsManagerClient(clientConfig('secretsManager', secretsManagerEndpoint));
  try {
    const [personKeySecret, webKey, auditSealKey] = await Promise.all([
      secretArns.personKey ? read(client, secretArns.personKey) : undefined,
      secretArns.webKey ? read(client, secretArns.webKey) : undefined,
      secretArns.auditSealKey ? read(client, secretArns.auditSealKey) : undefined,
    ]);
    addSecretsToConfig({
      ...(personKeySecret ? { personKeySecret } : {}),
      ...(auditSealKey ? { auditSealKey } : {}),
    });
    return { ...(personKeySecret ? { personKeySecret } : {}), ...(webKey ? { webKey } : {}) };
  } finally {
    client.destroy();
  }
}

/**
 * The secrets the configuration names, read on the first call of the process (a cold start) and kept; a failed read
 * is not kept, so the next invocation tries again. The person-key secret and the audit seal key also join config().
 */
export function loadSecrets(): Promise<Secrets> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
