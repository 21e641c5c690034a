// Environments from context: the default, the overrides an operator gives, and the mistakes refused before deploy.
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { environmentFromContext, validateAgencyClients } from '../lib/config';

const env = (context: Record<string, unknown>) => environmentFromContext(new App({ context }).node);

describe('environments', () => {
  it('is dev unless told otherwise, and dev does not retain data', () => {
    expect(env({})).toMatchObject({ name: 'dev', retainData: false, region: 'eu-north-1' });
  });

  it('retains data in prod', () => {
    expect(env({ env: 'prod' })).toMatchObject({ name: 'prod', retainData: true });
  });

  it('takes account, region and addresses from context', () => {
    expect(
      env({ env: 'prod', account: '123456789012', region: 'eu-west-1', alarmEmail: 'ops@example.se' }),
    ).toMatchObject({ account: '123456789012', region: 'eu-west-1', alarmEmail: 'ops@example.se' });
  });

  it('refuses an unknown environment and half a custom domain', () => {
    expect(() => env({ env: 'staging' })).toThrow(/Unknown environment "staging"/);
    expect(() => env({ apiDomainName: 'api.example.se' })).toThrow(
      /both apiDomainName and apiCertificateArn/,
    );
  });

  it('refuses an agency registration with a bad id, a duplicate or an unknown organisation type', () => {
    const ok = {
      id: 'police-system',
      organisation: 'polisen',
      organisationType: 'police',
      role: 'referrer',
    } as const;
    expect(() => validateAgencyClients([ok])).not.toThrow();
    expect(() => validateAgencyClients([{ ...ok, id: 'Police System' }])).toThrow(/not a slug/);
    expect(() => validateAgencyClients([ok, ok])).toThrow(/registered twice/);
    expect(() => validateAgencyClients([{ ...ok, organisationType: 'pirates' as never }])).toThrow(
      /organisation type/,
    );
  });
});
