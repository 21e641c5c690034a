// The configuration every process reads from its environment: defaults for what may be left unset, and one error
// naming every variable that is wrong (the names of the fields, never their values: a secret must not reach a log).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';

const base = { NRM_JWT_ISSUER: 'i', NRM_JWT_AUDIENCE: 'a', NRM_JWKS_URL: 'https://i.test/jwks.json' };

describe('parseConfig', () => {
  it('fills in the defaults of what the environment leaves unset', () => {
    expect(parseConfig(base)).toMatchObject({
      stage: 'local',
      region: 'eu-north-1',
      tablePrefix: 'nrm-',
      queueUrls: {},
      jwt: { issuer: 'i', audience: 'a', jwksUrl: 'https://i.test/jwks.json' },
      logLevel: 'INFO',
      rateLimitPerMinute: 1200,
      searchRateLimitPerMinute: 10,
      submissionQuota: { organisationPerHour: 600, personPerHour: 60 },
      retentionPersonalDataDays: 1095,
      secretArns: {},
      webhooks: { maxAttempts: 8, retryBaseSeconds: 30, timeoutMs: 5000 },
    });
  });

  it('reads what is set: numbers, queue URLs, endpoints and secrets', () => {
    const config = parseConfig({
      ...base,
      NRM_STAGE: 'prod',
      AWS_REGION: 'eu-west-1',
      NRM_QUEUE_URLS: JSON.stringify({ notifications: 'http://localhost:9324/q/notifications' }),
      NRM_DYNAMODB_ENDPOINT: ' http://localhost:8000 ',
      NRM_QUOTA_PERSON_PER_HOUR: '5',
      NRM_WEBHOOK_TIMEOUT_MS: '100',
      NRM_PERSON_KEY_SECRET: 'sixteen-chars-ok',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      stage: 'prod',
      region: 'eu-west-1',
      queueUrls: { notifications: 'http://localhost:9324/q/notifications' },
      dynamodbEndpoint: 'http://localhost:8000',
      submissionQuota: { organisationPerHour: 600, personPerHour: 5 },
      webhooks: { timeoutMs: 100 },
      personKeySecret: 'sixteen-chars-ok',
      logLevel: 'DEBUG',
    });
  });

  it('names every wrong variable in one error, without its value', () => {
    const wrong = () =>
      parseConfig({
        NRM_JWT_AUDIENCE: 'a',
        NRM_JWKS_URL: 'not a url',
        NRM_STAGE: 'staging',
        NRM_QUEUE_URLS: '{"routing": 3}',
        NRM_RATE_LIMIT_PER_MINUTE: '0',
        NRM_QUOTA_ORGANISATION_PER_HOUR: '1.5',
        NRM_WEBHOOK_MAX_ATTEMPTS: '21',
        NRM_PERSON_KEY_SECRET: 'too-short',
      });
    expect(wrong).toThrow(
      'Invalid configuration: stage, queueUrls, jwt.issuer, jwt.jwksUrl, rateLimitPerMinute, submissionQuota.organisationPerHour, personKeySecret, webhooks.maxAttempts',
    );
    expect(wrong).not.toThrow(/too-short/);
    expect(() => parseConfig({ ...base, NRM_QUEUE_URLS: '{not json' })).toThrow(
      'Invalid configuration: queueUrls',
    );
  });
});
