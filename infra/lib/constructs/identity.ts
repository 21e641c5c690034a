// Who may call the API: a Cognito user pool for people (one group per platform role, organisation attributes only
// an administrator sets, MFA), a resource server with the platform scopes, the web client, one client-credentials
// client per registered agency system, and the pre token generation trigger that puts the platform claims in tokens.
import { fileURLToPath } from 'node:url';
import { ROLES } from '@nrm/domain/vocabulary';
import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPool,
  type CfnUserPoolClient,
  ClientAttributes,
  CustomThreatProtectionMode,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { PERSON_ATTRIBUTES, PLATFORM_SCOPES } from '../identity/claims';
import { EnvironmentConstruct } from './environment-construct';
import { NrmFunction } from './nrm-function';

/** The resource server identifier, and so the `aud` of every access token (the local issuer uses the same). */
export const API_AUDIENCE = 'nrm-api';

/** What the web asks the hosted sign-in for: an ID token (who, for the navigation) and the API's scopes. */
export const WEB_SIGN_IN_SCOPES = [
  'openid',
  'email',
  'profile',
  ...PLATFORM_SCOPES.map((s) => `${API_AUDIENCE}/${s}`),
] as const;

/**
 * The trigger's environment holds every registration; Lambda allows 4 KB of variables in all. Past this many
 * systems the registry belongs in a table (README, known gaps).
 */
export const MAX_AGENCY_CLIENTS = 30;

const TRIGGER_ENTRY = fileURLToPath(new URL('../identity/pre-token-generation.ts', import.meta.url));

const ROLE_DESCRIPTIONS: Record<(typeof ROLES)[number], string> = {
  referrer: 'Refers presumed victims and follows the status of her own referrals.',
  'regional-coordinator': 'Coordinates the adult referrals of her region.',
  'child-coordinator': "Coordinates the children's referrals of her region.",
  'national-coordinator': 'Monitors the whole mechanism; sees statistics pseudonymised.',
  'regional-lead': "Leads a region's coordinators of one track: their workload, reassignment, breaches.",
  receiver: 'Works on what was handed to her organisation.',
  auditor: 'Reads the audit trail.',
};

export interface IdentityProps {
  readonly env: EnvironmentConfig;
}

export class Identity extends EnvironmentConstruct {
  readonly userPool: UserPool;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;
  readonly trigger: NrmFunction;
  readonly agencyClients = new Map<string, UserPoolClient>();
  /** The OIDC issuer of the pool; its JWKS is at `<issuer>/.well-known/jwks.json`. */
  readonly issuer: string;
  readonly jwksUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id, props.env);
    if (this.env.agencyClients.length > MAX_AGENCY_CLIENTS) {
      throw new Error(`More than ${MAX_AGENCY_CLIENTS} agency clients: move the registry into a table first`);
    }

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: this.physicalName('people'),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [PERSON_ATTRIBUTES.organisation]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        [PERSON_ATTRIBUTES.organisationType]: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        [PERSON_ATTRIBUTES.region]: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
      },
      mfa: Mfa.REQUIRED,
      // An authenticator app: SMS codes can be intercepted and would put phone numbers in the pool.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection, and access-token customisation for client credentials (trigger V3).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customThreatProtectionMode: CustomThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your account in the national referral mechanism',
        emailBody:
          'An account has been created for you. User name: {username}. Temporary password: {####}. You will set a new password and an authenticator app at first sign-in.',
      },
      deletionProtection: this.env.retainData,
      removalPolicy: this.removalPolicy,
    });

    ROLES.forEach((role, precedence) => {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
        precedence,
      });
    });

    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: API_AUDIENCE,
      userPoolResourceServerName: 'NRM API',
      scopes: PLATFORM_SCOPES.map(
        (scopeName) => new ResourceServerScope({ scopeName, scopeDescription: `NRM API: ${scopeName}` }),
      ),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: this.env.cognitoDomainPrefix },
    });
    this.issuer = this.userPool.userPoolProviderUrl;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;

    for (const client of this.env.agencyClients) {
      const scopes =
        client.role === 'referrer' ? PLATFORM_SCOPES : PLATFORM_SCOPES.filter((s) => s !== 'referrals:write');
      const appClient = this.userPool.addClient(`Agency-${client.id}`, {
        userPoolClientName: `agency-${client.id}`,
        generateSecret: true,
        oAuth: {
          flows: { clientCredentials: true },
          scopes: scopes.map((s) => OAuthScope.resourceServer(this.resourceServer, this.scope(s))),
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        accessTokenValidity: Duration.minutes(60),
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      });
      // No sign-in flow at all: a machine client only ever asks the token endpoint (CDK has no way to say "none").
      (appClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
      this.agencyClients.set(client.id, appClient);
    }

    this.trigger = new NrmFunction(this, 'PreTokenGeneration', {
      env: this.env,
      name: 'pre-token-generation',
      entry: TRIGGER_ENTRY,
      memoryMb: 256,
      // Cognito waits five seconds for a trigger.
      timeoutSeconds: 5,
      purpose:
        'Cognito pre token generation: puts the platform claims (role, organisation, region) in tokens.',
      invocation: { type: 'synchronous', failuresGoTo: 'Cognito, which then issues no token' },
      environment: {
        NRM_JWT_AUDIENCE: API_AUDIENCE,
        NRM_AGENCY_CLIENTS: Stack.of(this).toJsonString(
          this.env.agencyClients.map((client) => [
            this.agencyClients.get(client.id)?.userPoolClientId,
            {
              organisation: client.organisation,
              organisationType: client.organisationType,
              role: client.role,
              ...(client.region ? { region: client.region } : {}),
            },
          ]),
        ),
      },
    });

    // The trigger's environment names the app clients, which need the pool; so the pool names the trigger by its
    // (fixed) ARN instead of referencing the function, and CloudFormation has no cycle to refuse.
    const triggerArn = Arn.format(
      {
        service: 'lambda',
        resource: 'function',
        resourceName: this.trigger.functionName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      Stack.of(this),
    );
    (this.userPool.node.defaultChild as CfnUserPool).lambdaConfig = {
      preTokenGenerationConfig: { lambdaArn: triggerArn, lambdaVersion: LambdaVersion.V3_0 },
    };
    this.trigger.function.addPermission('InvokedByCognito', {
      principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
      sourceArn: this.userPool.userPoolArn,
    });
  }

  /**
   * The web pages' client: authorization code with PKCE (a public client, no secret), back to `/auth/callback`;
   * sign-out returns to `/sign-in`. No attribute a user could write.
   */
  addWebClient(origins: readonly string[]): UserPoolClient {
    return this.userPool.addClient('Web', {
      userPoolClientName: 'web',
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          OAuthScope.OPENID,
          OAuthScope.EMAIL,
          OAuthScope.PROFILE,
          ...PLATFORM_SCOPES.map((s) => OAuthScope.resourceServer(this.resourceServer, this.scope(s))),
        ],
        callbackUrls: origins.map((o) => `${o}/auth/callback`),
        logoutUrls: origins.map((o) => `${o}/sign-in`),
      },
      authFlows: { userSrp: true },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.minutes(30),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.hours(12),
      writeAttributes: new ClientAttributes(),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }

  private scope(name: string): ResourceServerScope {
    return new ResourceServerScope({ scopeName: name, scopeDescription: `NRM API: ${name}` });
  }
}
