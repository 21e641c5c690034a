// What the function bundles use instead of the SDK's default credential chain: the role's credentials Lambda puts in
// the environment, session token included; without them it fails rather than look elsewhere.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '../src/lambda-credentials';
import { stubEnv } from './env';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Lambda credential provider', () => {
  it('reads the role credentials from the environment, as Lambda sets them', async () => {
    stubEnv({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    await expect(defaultProvider({})()).resolves.toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('fails without them instead of trying profiles, SSO or instance metadata', async () => {
    stubEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined });
    await expect(defaultProvider({})()).rejects.toThrow(/environment/i);
  });
});
