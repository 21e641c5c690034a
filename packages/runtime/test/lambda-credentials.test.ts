// What the function bundles use instead of the SDK's default credential chain: the role's credentials Lambda puts in
// the environment, session token included; without them it fails rather than look elsewhere.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '../src/lambda-credentials';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('the Lambda credential provider', () => {
  it('reads the role credentials from the environment, as Lambda sets them', async () => {
    Object.assign(process.env, {
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
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_SESSION_TOKEN;
    await expect(defaultProvider({})()).rejects.toThrow(/environment/i);
  });
});
