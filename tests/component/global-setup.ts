// The component suites: use cases and API routes against the two local engines only — DynamoDB Local and the SQS
// emulator, with the tables and queues of the shared definitions — and no platform around them (no HTTP server, no
// relay, no consumers, no schedule), so what a test sees is what the code under test wrote. The API verifies tokens
// as always, against the JWKS of a local issuer served here; the suites sign with the same key (support.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createIssuer, dynamoEngine, LOCAL_AUDIENCE, sqsEngine } from '@nrm/local';
import type { TestProject } from 'vitest/node';
import { createQueues, createTables } from '../../packages/local/src/provision';

declare module 'vitest' {
  export interface ProvidedContext {
    component: { env: Record<string, string>; issuerDir: string };
  }
}

const REGION = 'eu-north-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const PREFIX = 'nrm-component-';

export default async function setup(project: TestProject) {
  const dynamo = dynamoEngine({});
  const sqs = sqsEngine({});
  await Promise.all([dynamo.start(), sqs.start()]);

  // The issuer keeps its key in this folder, so every suite signs with the key the JWKS below publishes.
  const issuerDir = mkdtempSync(join(tmpdir(), 'nrm-component-issuer-'));
  const jwksServer = createServer();
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  const issuer = await createIssuer(`${base}/local`, issuerDir);
  jwksServer.on('request', (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(issuer.jwks));
  });

  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  const sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: REGION, credentials });
  await createTables(dynamoClient, PREFIX);
  const queues = await createQueues(sqsClient, PREFIX, 2);
  dynamoClient.destroy();
  sqsClient.destroy();

  // What the store, the messaging and the API read from the environment (packages/runtime/src/config.ts).
  const env: Record<string, string> = {
    NRM_STAGE: 'local',
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    NRM_TABLE_PREFIX: PREFIX,
    NRM_DYNAMODB_ENDPOINT: dynamo.endpoint,
    NRM_SQS_ENDPOINT: sqs.endpoint,
    NRM_QUEUE_URLS: JSON.stringify(Object.fromEntries(queues.map((q) => [q.name, q.url]))),
    NRM_JWT_ISSUER: issuer.issuer,
    NRM_JWT_AUDIENCE: LOCAL_AUDIENCE,
    NRM_JWKS_URL: `${base}/local/jwks.json`,
    NRM_PERSON_KEY_SECRET: 'component-person-key-secret-not-for-production',
    NRM_AUDIT_SEAL_KEY: 'component-audit-seal-key-not-for-production',
    LOG_LEVEL: 'WARN',
  };
  project.provide('component', { env, issuerDir });

  return async () => {
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    await Promise.all([dynamo.stop(), sqs.stop()]);
    rmSync(issuerDir, { recursive: true, force: true });
  };
}
