// Lambda entry of the HTTP API (API Gateway HTTP API, payload v2). The person-key secret is read from Secrets
// Manager on the first invocation of a cold start, before any referral is taken in.
import { createApp } from '@nrm/api/app';
import { awsHealthChecks } from '@nrm/api/health';
import { loadSecrets } from '@nrm/runtime/secrets';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';

const app = handle(createApp({ health: awsHealthChecks() }));

export const handler = async (event: LambdaEvent, context?: LambdaContext) => {
  await loadSecrets();
  return app(event, context);
};
