// The pre token generation trigger: which claims a person and an agency system get, and when no token is issued.

import { principalFromClaims } from '@nrm/api/principal';
import { describe, expect, it } from 'vitest';
import {
  ClaimsError,
  type PreTokenGenerationEvent,
  parseRegistry,
  type Registration,
  tokenOverrides,
} from '../lib/identity/claims';

const AUDIENCE = 'nrm-api';
const registry = new Map<string, Registration>([
  ['client-police', { organisation: 'polisen', organisationType: 'police', role: 'referrer' }],
]);

function person(
  groups: string[],
  attributes: Record<string, string>,
  scopes: string[] = [],
): PreTokenGenerationEvent {
  return {
    triggerSource: 'TokenGeneration_HostedAuth',
    callerContext: { clientId: 'web-client' },
    request: {
      userAttributes: { sub: 'u-1', ...attributes },
      groupConfiguration: { groupsToOverride: groups },
      scopes,
    },
  };
}

function client(clientId: string, scopes: string[]): PreTokenGenerationEvent {
  return {
    triggerSource: 'TokenGeneration_ClientCredentials',
    callerContext: { clientId },
    request: { scopes },
  };
}

describe('a person', () => {
  const coordinator = person(['regional-coordinator'], {
    'custom:org': 'samordnare-syd',
    'custom:org_type': 'coordinator-office',
    'custom:region': 'syd',
  });

  it('gets her role from her group and her organisation from the attributes an administrator set', () => {
    const { accessTokenGeneration, idTokenGeneration } = tokenOverrides(coordinator, registry, AUDIENCE);
    expect(accessTokenGeneration.claimsToAddOrOverride).toEqual({
      aud: AUDIENCE,
      'nrm:role': 'regional-coordinator',
      'nrm:org': 'samordnare-syd',
      'nrm:org_type': 'coordinator-office',
      'nrm:region': 'syd',
      'nrm:kind': 'person',
    });
    expect(idTokenGeneration?.claimsToAddOrOverride).not.toHaveProperty('aud');
  });

  it('yields an access token the API accepts as that principal', () => {
    const { claimsToAddOrOverride } = tokenOverrides(coordinator, registry, AUDIENCE).accessTokenGeneration;
    expect(principalFromClaims({ sub: 'u-1', ...claimsToAddOrOverride })).toMatchObject({
      role: 'regional-coordinator',
      organisationId: 'samordnare-syd',
      organisationType: 'coordinator-office',
      region: 'syd',
      kind: 'person',
    });
  });

  it('gets no token in no role group, in two, or without an organisation', () => {
    const attrs = { 'custom:org': 'x', 'custom:org_type': 'police' };
    expect(() => tokenOverrides(person([], attrs), registry, AUDIENCE)).toThrow(ClaimsError);
    expect(() => tokenOverrides(person(['referrer', 'auditor'], attrs), registry, AUDIENCE)).toThrow(
      ClaimsError,
    );
    expect(() =>
      tokenOverrides(person(['referrer'], { 'custom:org_type': 'police' }), registry, AUDIENCE),
    ).toThrow(ClaimsError);
    expect(() =>
      tokenOverrides(person(['referrer'], { ...attrs, 'custom:region': 'atlantis' }), registry, AUDIENCE),
    ).toThrow(ClaimsError);
  });

  it('ignores groups that are not platform roles', () => {
    const event = person(['referrer', 'us-east-1_x_Google'], { 'custom:org': 'x', 'custom:org_type': 'cso' });
    expect(
      tokenOverrides(event, registry, AUDIENCE).accessTokenGeneration.claimsToAddOrOverride['nrm:role'],
    ).toBe('referrer');
  });
});

describe('an agency system (client credentials)', () => {
  it('gets the claims of its registration and the bare platform scopes', () => {
    const overrides = tokenOverrides(
      client('client-police', ['nrm-api/referrals:write']),
      registry,
      AUDIENCE,
    );
    expect(overrides.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: {
        aud: AUDIENCE,
        'nrm:role': 'referrer',
        'nrm:org': 'polisen',
        'nrm:org_type': 'police',
        'nrm:kind': 'client',
      },
      scopesToAdd: ['referrals:write'],
    });
    expect(overrides.idTokenGeneration).toBeUndefined();
    const principal = principalFromClaims({
      sub: 'client-police',
      scope: ['nrm-api/referrals:write', ...overrides.accessTokenGeneration.scopesToAdd].join(' '),
      ...overrides.accessTokenGeneration.claimsToAddOrOverride,
    });
    expect(principal).toMatchObject({
      kind: 'client',
      organisationId: 'polisen',
      scopes: expect.arrayContaining(['referrals:write']),
    });
  });

  it('gets no token when it is not registered', () => {
    expect(() => tokenOverrides(client('someone-else', []), registry, AUDIENCE)).toThrow(ClaimsError);
  });

  it('cannot gain a scope another resource server names alike', () => {
    const overrides = tokenOverrides(
      client('client-police', ['other-api/referrals:write']),
      registry,
      AUDIENCE,
    );
    expect(overrides.accessTokenGeneration.scopesToAdd).toEqual([]);
  });
});

describe('the registry in the environment', () => {
  it('reads what infra writes', () => {
    const json = JSON.stringify([
      ['abc', { organisation: 'migrationsverket', organisationType: 'migrationsverket', role: 'referrer' }],
    ]);
    expect(parseRegistry(json).get('abc')?.organisation).toBe('migrationsverket');
    expect(parseRegistry(undefined).size).toBe(0);
  });

  it('refuses an entry it cannot trust', () => {
    expect(() =>
      parseRegistry(
        JSON.stringify([['abc', { organisation: 'x', organisationType: 'pirates', role: 'referrer' }]]),
      ),
    ).toThrow(ClaimsError);
    expect(() => parseRegistry('{}')).toThrow(ClaimsError);
  });
});
