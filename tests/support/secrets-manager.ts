// A stand-in for AWS Secrets Manager that speaks its wire protocol (JSON 1.1, `X-Amz-Target:
// secretsmanager.GetSecretValue`), for tests of code that reads secrets: there is no local Secrets Manager engine,
// and this lets the real SDK client and the real request path run. It answers GetSecretValue only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerStandIn {
  readonly endpoint: string;
  /** The ARNs asked for, in order (one per GetSecretValue). */
  readonly requests: string[];
  stop(): Promise<void>;
}

export async function secretsManagerStandIn(
  secrets: Readonly<Record<string, string>>,
): Promise<SecretsManagerStandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'UnknownOperationException', message: 'Only GetSecretValue' });
      }
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      requests.push(SecretId);
      const value = secrets[SecretId];
      if (value === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      return reply(200, {
        ARN: SecretId,
        Name: SecretId.split(':').pop(),
        SecretString: value,
        VersionId: '00000000-0000-0000-0000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.now() / 1000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
