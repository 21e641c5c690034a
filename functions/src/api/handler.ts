// Lambda entry of the HTTP API (API Gateway HTTP API, payload v2).
import { createApp } from '@nrm/api';
import { awsHealthChecks } from '@nrm/api/health';
import { handle } from 'hono/aws-lambda';

export const handler = handle(createApp({ health: awsHealthChecks() }));
