// Deployment environments (`-c env=dev|prod`): what differs between them, with context overrides for the values
// an operator supplies at deploy time (account, domains, addresses).

import { ORGANISATION_TYPES, REGIONS, ROLES } from '@nrm/domain/vocabulary';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { Registration } from './identity/claims';

export const ENVIRONMENT_NAMES = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Stockholm: the personal data of the platform stays in Sweden. */
export const HOME_REGION = 'eu-north-1';
/** CloudFront only accepts a web ACL that lives in us-east-1. */
export const EDGE_REGION = 'us-east-1';

/**
 * An agency system that submits referrals machine-to-machine (OAuth client credentials). The platform claims its
 * tokens carry come from here, reviewed like code, never from the client itself.
 */
export interface AgencyClient extends Registration {
  /** Stable id of the registration; names the Cognito app client. Lower-case letters, digits and dashes. */
  readonly id: string;
}

export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** Undefined leaves the stacks account-agnostic, so `cdk synth` needs no credentials. */
  readonly account: string | undefined;
  readonly region: string;
  /** Tables, keys and the user pool survive a stack deletion and refuse to be deleted by accident. */
  readonly retainData: boolean;
  readonly logRetention: RetentionDays;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Steady-state requests per second and burst of the HTTP API stage. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Requests one client IP may make in five minutes before the web ACL blocks it. */
  readonly wafRateLimitPerFiveMinutes: number;
  /** ISO 3166 countries CloudFront serves; a national service for Swedish agencies. */
  readonly allowedCountries: readonly string[];
  /** Prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  readonly cognitoDomainPrefix: string;
  /** Origin of the web pages (CORS, sign-in callback). */
  readonly webOrigin: string | undefined;
  /** Domain the notification e-mail is sent from; its DKIM records must be published in DNS. */
  readonly emailDomain: string;
  /** Who is told when an alarm fires. */
  readonly alarmEmail: string | undefined;
  /**
   * Functional addresses of the notification mailboxes (`coordinator-office:syd:child`, `regional-lead:syd`,
   * `national-coordinator`, an organisation id …); given as JSON context `mailboxes`. Never a person's address.
   */
  readonly mailboxes: Readonly<Record<string, string>>;
  /** Custom domain of the API edge; its certificate must be in us-east-1 (CloudFront). */
  readonly apiDomain: { readonly name: string; readonly certificateArn: string } | undefined;
  readonly agencyClients: readonly AgencyClient[];
}

const DEFAULTS: Record<EnvironmentName, Omit<EnvironmentConfig, 'account'>> = {
  dev: {
    name: 'dev',
    region: HOME_REGION,
    retainData: false,
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    wafRateLimitPerFiveMinutes: 500,
    allowedCountries: ['SE'],
    cognitoDomainPrefix: 'nrm-dev-auth',
    webOrigin: undefined,
    emailDomain: 'dev.nrm.example.se',
    alarmEmail: undefined,
    mailboxes: {},
    apiDomain: undefined,
    agencyClients: [
      {
        id: 'demo-police-system',
        organisation: 'polisen-demo',
        organisationType: 'police',
        role: 'referrer',
      },
    ],
  },
  prod: {
    name: 'prod',
    region: HOME_REGION,
    retainData: true,
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: 'INFO',
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    wafRateLimitPerFiveMinutes: 2000,
    allowedCountries: ['SE'],
    cognitoDomainPrefix: 'nrm-prod-auth',
    webOrigin: undefined,
    emailDomain: 'nrm.example.se',
    alarmEmail: undefined,
    mailboxes: {},
    apiDomain: undefined,
    agencyClients: [],
  },
};

/** The environment chosen by `-c env=…` (default dev), with the overrides given as context. */
export function environmentFromContext(node: Node): EnvironmentConfig {
  const name = (node.tryGetContext('env') as string | undefined) ?? 'dev';
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown environment "${name}"; use -c env=${ENVIRONMENT_NAMES.join('|')}`);
  }
  const base = DEFAULTS[name as EnvironmentName];
  const text = (key: string): string | undefined => {
    const value = node.tryGetContext(key) as unknown;
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const apiDomainName = text('apiDomainName');
  const apiCertificateArn = text('apiCertificateArn');
  if (Boolean(apiDomainName) !== Boolean(apiCertificateArn)) {
    throw new Error('Give both apiDomainName and apiCertificateArn, or neither');
  }
  const config: EnvironmentConfig = {
    ...base,
    account: text('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: text('region') ?? base.region,
    cognitoDomainPrefix: text('cognitoDomainPrefix') ?? base.cognitoDomainPrefix,
    webOrigin: text('webOrigin') ?? base.webOrigin,
    emailDomain: text('emailDomain') ?? base.emailDomain,
    alarmEmail: text('alarmEmail') ?? base.alarmEmail,
    mailboxes: text('mailboxes')
      ? (JSON.parse(text('mailboxes')!) as Record<string, string>)
      : base.mailboxes,
    apiDomain:
      apiDomainName && apiCertificateArn
        ? { name: apiDomainName, certificateArn: apiCertificateArn }
        : base.apiDomain,
  };
  validateAgencyClients(config.agencyClients);
  return config;
}

/** Catches a registration typo at synth time rather than as a token without claims. */
export function validateAgencyClients(clients: readonly AgencyClient[]): void {
  const seen = new Set<string>();
  for (const client of clients) {
    if (!/^[a-z0-9-]{3,64}$/.test(client.id))
      throw new Error(`Agency client id "${client.id}" is not a slug`);
    if (seen.has(client.id)) throw new Error(`Agency client "${client.id}" is registered twice`);
    seen.add(client.id);
    if (!ORGANISATION_TYPES.includes(client.organisationType)) {
      throw new Error(
        `Agency client "${client.id}" has unknown organisation type ${client.organisationType}`,
      );
    }
    if (!ROLES.includes(client.role))
      throw new Error(`Agency client "${client.id}" has unknown role ${client.role}`);
    if (client.region && !REGIONS.includes(client.region)) {
      throw new Error(`Agency client "${client.id}" has unknown region ${client.region}`);
    }
  }
}

/** Physical names of everything in an environment start with this, so two environments can share an account. */
export function resourcePrefix(env: EnvironmentConfig): string {
  return `nrm-${env.name}-`;
}

/** What deleting a stack does to a resource holding data or logs: an environment that keeps its data keeps it. */
export function removalPolicyOf(env: EnvironmentConfig): RemovalPolicy {
  return env.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
