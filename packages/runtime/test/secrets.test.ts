// Reading the secrets infra names, through the real Secrets Manager client against a stand-in that speaks its
// protocol (tests/support/secrets-manager.ts: there is no local Secrets Manager engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecretsManagerStandIn, secretsManagerStandIn } from '../../../tests/support/secrets-manager';
import { REQUIRED_CONFIG, stubEnv, unstubEnvAfterAll } from './env';

const PERSON_KEY_ARN = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-person-key-AbCdEf';
const WEB_KEY_ARN = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-web-key-GhIjKl';
let standIn: SecretsManagerStandIn;

beforeAll(async () => {
  standIn = await secretsManagerStandIn({
    [PERSON_KEY_ARN]: 'person-key-secret-of-at-least-16',
    [WEB_KEY_ARN]: 'w'.repeat(64),
  });
});
afterAll(() => standIn.stop());
unstubEnvAfterAll();

describe('loadSecrets', () => {
  it('reads each named secret once per process, and the person key joins the configuration', async () => {
    stubEnv({
      ...REQUIRED_CONFIG,
      NRM_SECRETS_MANAGER_ENDPOINT: standIn.endpoint,
      NRM_PERSON_KEY_SECRET_ARN: PERSON_KEY_ARN,
      NRM_WEB_KEY_SECRET_ARN: WEB_KEY_ARN,
      NRM_PERSON_KEY_SECRET: undefined,
    });
    const { config, loadSecrets } = await import('../src/index');
    expect(config().personKeySecret).toBeUndefined();

    const [first, second] = await Promise.all([loadSecrets(), loadSecrets()]);
    expect(first).toEqual({ personKeySecret: 'person-key-secret-of-at-least-16', webKey: 'w'.repeat(64) });
    expect(second).toBe(first);
    await loadSecrets();
    expect(standIn.requests.sort()).toEqual([PERSON_KEY_ARN, WEB_KEY_ARN].sort());
    expect(config().personKeySecret).toBe('person-key-secret-of-at-least-16');
  });
});

describe('parseConfig', () => {
  it('names the hosted sign-in only when its domain is given, with openid as the default scope', async () => {
    const { parseConfig } = await import('../src/config');
    const base = { NRM_JWT_ISSUER: 'i', NRM_JWT_AUDIENCE: 'a', NRM_JWKS_URL: 'https://i.test/jwks.json' };
    expect(parseConfig(base).signIn).toBeUndefined();
    expect(
      parseConfig({
        ...base,
        NRM_SIGN_IN_DOMAIN: 'https://nrm-dev-auth.auth.eu-north-1.amazoncognito.com',
        NRM_WEB_CLIENT_ID: 'client',
      }).signIn,
    ).toEqual({
      domain: 'https://nrm-dev-auth.auth.eu-north-1.amazoncognito.com',
      clientId: 'client',
      scopes: 'openid',
    });
    expect(() => parseConfig({ ...base, NRM_SIGN_IN_DOMAIN: 'https://auth.test' })).toThrow(/signIn/);
  });
});
