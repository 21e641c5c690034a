// Configuration, parsed once from the environment: the same variables in Lambda and in local mode. Read by a few
// checks of its own rather than zod: every function loads this, and zod/mini was 28 KiB of a 300 KiB function whose
// only other use of it was none (issue 16); a wrong variable still stops the process at its first use, naming it.

const STAGES = ['local', 'dev', 'prod'] as const;
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export interface Config {
  readonly stage: (typeof STAGES)[number];
  readonly region: string;
  readonly tablePrefix: string;
  /** Queue URLs by logical queue name (JSON object), set by infra in AWS and by the local runner locally. */
  readonly queueUrls: Readonly<Record<string, string>>;
  /** Local engines only: endpoint overrides. Unset in AWS. */
  readonly dynamodbEndpoint?: string;
  readonly sqsEndpoint?: string;
  /** Tests only: a stand-in speaking the Secrets Manager protocol. Unset in AWS. */
  readonly secretsManagerEndpoint?: string;
  /** Tests only: a stand-in speaking the SES v2 protocol. Unset in AWS, where SES is `email.<region>.amazonaws.com`. */
  readonly sesEndpoint?: string;
  readonly jwt: { readonly issuer: string; readonly audience: string; readonly jwksUrl: string };
  /** Origin of the web pages; the only origin CORS allows. */
  readonly webOrigin?: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Requests per minute one client (token subject) may make to /v1; API Gateway throttles the total in AWS. */
  readonly rateLimitPerMinute: number;
  /** Searches by name and date of birth one person may make per minute: enough to find a case, too few to trawl. */
  readonly searchRateLimitPerMinute: number;
  /**
   * Referrals (accompanying children included) one organisation, and one signed-in person, may submit per clock hour:
   * a police operation's few hundred pass, a stolen session cannot flood the mechanism.
   */
  readonly submissionQuota: { readonly organisationPerHour: number; readonly personPerHour: number };
  /**
   * The nudge window (packages/domain/src/notifications/nudges.ts): seconds during which further "new referral in
   * your queue" e-mails to a mailbox are gathered into one follow-up; 0 sends each at once. Unset: the policy's (300).
   * At most 900, SQS's longest delay, as the follow-up is one delayed message.
   */
  readonly nudgeWindowSeconds?: number | undefined;
  /** Days after closure before a referral's personal data is erased (packages/domain/src/retention.ts). */
  readonly retentionPersonalDataDays: number;
  /**
   * Secret of the pseudonymous person key (HMAC), 16 characters or more. In AWS from Secrets Manager (injected at
   * deploy); never logged. Unset: no person key is computed, and statistics cannot tell two referrals of one person
   * apart.
   */
  readonly personKeySecret?: string;
  /**
   * Key of the audit checkpoints (HMAC), 16 characters or more, held by the audit sealer and the verify command only,
   * never by the API: a role that may append to the audit table cannot sign a rewritten chain. Locally a fixed value;
   * in AWS from Secrets Manager.
   */
  readonly auditSealKey?: string;
  /**
   * Secrets Manager secrets (ARNs, set by infra), read once per cold start by loadSecrets(): in AWS the person-key
   * secret, the web key and the audit seal key come from here, never from the environment itself.
   */
  readonly secretArns: {
    readonly personKey?: string;
    readonly webKey?: string;
    readonly auditSealKey?: string;
  };
  /**
   * The hosted sign-in of the web pages (OAuth authorization code with PKCE): the Cognito domain (locally the
   * built-in issuer, whose endpoints have the same paths), the web's app client and the scopes it asks for.
   */
  readonly signIn?: { readonly domain: string; readonly clientId: string; readonly scopes: string };
  /**
   * Outgoing webhooks (issue 17): attempts of one message before it goes to the dead-letter queue and its endpoint is
   * disabled; the first retry's delay (doubling each time, with jitter, at most SQS's 15 minutes); one call's limit.
   */
  readonly webhooks: {
    readonly maxAttempts: number;
    readonly retryBaseSeconds: number;
    readonly timeoutMs: number;
  };
}

/** Reads variables, collecting the name of every one that is wrong, so one error can name them all. */
class Reader {
  readonly wrong: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private check<T>(field: string, value: T, ok: boolean): T {
    if (!ok) this.wrong.push(field);
    return value;
  }

  optional(field: string, name: string, minLength = 1): string | undefined {
    const value = this.env[name];
    return value === undefined ? undefined : this.check(field, value, value.length >= minLength);
  }

  text(field: string, name: string, fallback?: string): string {
    const value = this.env[name] ?? fallback;
    return this.check(field, value ?? '', value !== undefined && value.length > 0);
  }

  url(field: string, name: string): string;
  url(field: string, name: string, optional: 'optional'): string | undefined;
  url(field: string, name: string, optional?: 'optional'): string | undefined {
    const value = this.env[name]?.trim();
    if (value === undefined && optional) return undefined;
    return this.check(field, value ?? '', value !== undefined && URL.canParse(value));
  }

  oneOf<T extends string>(field: string, name: string, values: readonly T[], fallback: T): T {
    const value = (this.env[name] ?? fallback) as T;
    return this.check(field, value, values.includes(value));
  }

  /** A whole number written in decimal digits, within bounds; the fallback when unset. */
  int(field: string, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.env[name];
    if (text === undefined) return fallback;
    const value = Number(text);
    return this.check(field, value, /^\s*\d+\s*$/.test(text) && value >= min && value <= max);
  }

  urls(field: string, name: string): Record<string, string> {
    const text = this.env[name];
    if (!text) return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const ok =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string' && URL.canParse(v));
    return this.check(field, ok ? (value as Record<string, string>) : {}, ok);
  }
}

const SECRET_MIN_LENGTH = 16;

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const read = new Reader(env);
  const config: Config = {
    stage: read.oneOf('stage', 'NRM_STAGE', STAGES, 'local'),
    region: env.AWS_REGION ?? 'eu-north-1',
    tablePrefix: env.NRM_TABLE_PREFIX ?? 'nrm-',
    queueUrls: read.urls('queueUrls', 'NRM_QUEUE_URLS'),
    dynamodbEndpoint: read.url('dynamodbEndpoint', 'NRM_DYNAMODB_ENDPOINT', 'optional'),
    sqsEndpoint: read.url('sqsEndpoint', 'NRM_SQS_ENDPOINT', 'optional'),
    secretsManagerEndpoint: read.url('secretsManagerEndpoint', 'NRM_SECRETS_MANAGER_ENDPOINT', 'optional'),
    sesEndpoint: read.url('sesEndpoint', 'NRM_SES_ENDPOINT', 'optional'),
    jwt: {
      issuer: read.text('jwt.issuer', 'NRM_JWT_ISSUER'),
      audience: read.text('jwt.audience', 'NRM_JWT_AUDIENCE'),
      jwksUrl: read.url('jwt.jwksUrl', 'NRM_JWKS_URL'),
    },
    webOrigin: env.NRM_WEB_ORIGIN,
    logLevel: read.oneOf('logLevel', 'LOG_LEVEL', LOG_LEVELS, 'INFO'),
    rateLimitPerMinute: read.int('rateLimitPerMinute', 'NRM_RATE_LIMIT_PER_MINUTE', 1200),
    searchRateLimitPerMinute: read.int('searchRateLimitPerMinute', 'NRM_SEARCH_RATE_LIMIT_PER_MINUTE', 10),
    submissionQuota: {
      organisationPerHour: read.int(
        'submissionQuota.organisationPerHour',
        'NRM_QUOTA_ORGANISATION_PER_HOUR',
        600,
      ),
      personPerHour: read.int('submissionQuota.personPerHour', 'NRM_QUOTA_PERSON_PER_HOUR', 60),
    },
    retentionPersonalDataDays: read.int(
      'retentionPersonalDataDays',
      'NRM_RETENTION_PERSONAL_DATA_DAYS',
      3 * 365,
    ),
    nudgeWindowSeconds: env.NRM_NUDGE_WINDOW_SECONDS
      ? read.int('nudgeWindowSeconds', 'NRM_NUDGE_WINDOW_SECONDS', 0, 0, 900)
      : undefined,
    personKeySecret: read.optional('personKeySecret', 'NRM_PERSON_KEY_SECRET', SECRET_MIN_LENGTH),
    auditSealKey: read.optional('auditSealKey', 'NRM_AUDIT_SEAL_KEY', SECRET_MIN_LENGTH),
    secretArns: {
      personKey: read.optional('secretArns.personKey', 'NRM_PERSON_KEY_SECRET_ARN'),
      webKey: read.optional('secretArns.webKey', 'NRM_WEB_KEY_SECRET_ARN'),
      auditSealKey: read.optional('secretArns.auditSealKey', 'NRM_AUDIT_SEAL_KEY_SECRET_ARN'),
    },
    webhooks: {
      maxAttempts: read.int('webhooks.maxAttempts', 'NRM_WEBHOOK_MAX_ATTEMPTS', 8, 1, 20),
      retryBaseSeconds: read.int('webhooks.retryBaseSeconds', 'NRM_WEBHOOK_RETRY_BASE_SECONDS', 30, 1, 900),
      timeoutMs: read.int('webhooks.timeoutMs', 'NRM_WEBHOOK_TIMEOUT_MS', 5000, 100, 10_000),
    },
    signIn:
      env.NRM_SIGN_IN_DOMAIN === undefined
        ? undefined
        : {
            domain: read.url('signIn.domain', 'NRM_SIGN_IN_DOMAIN'),
            clientId: read.text('signIn.clientId', 'NRM_WEB_CLIENT_ID'),
            scopes: read.text('signIn.scopes', 'NRM_SIGN_IN_SCOPES', 'openid'),
          },
  };
  if (read.wrong.length) throw new Error(`Invalid configuration: ${read.wrong.join(', ')}`);
  return config;
}

let cached: Config | undefined;

/** The process's configuration, read on first use so local mode can set the environment before anything loads. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** A local platform's audit seal key (packages/local): fixed, so checkpoints stay verifiable across restarts. */
export const LOCAL_AUDIT_SEAL_KEY = 'local-audit-seal-key-not-for-production';

/** Secrets read from Secrets Manager join the configuration (packages/runtime/src/secrets.ts). */
export function addSecretsToConfig(secrets: {
  readonly personKeySecret?: string;
  readonly auditSealKey?: string;
}): void {
  for (const field of ['personKeySecret', 'auditSealKey'] as const) {
    const secret = secrets[field];
    if (secret === undefined) continue;
    if (secret.length < SECRET_MIN_LENGTH) throw new Error(`Invalid configuration: ${field}`);
    cached = { ...config(), [field]: secret };
  }
}
