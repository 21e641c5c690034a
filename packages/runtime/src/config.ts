// Configuration, parsed once from the environment with zod: the same variables in Lambda and in local mode. zod/mini
// (the same engine without the method chains) because every function loads this, and the full zod API would put
// some 90 KB into functions that validate nothing else.
import * as z from 'zod/mini';

const positiveInt = (fallback: number) =>
  z._default(z.pipe(z.coerce.number(), z.int().check(z.positive())), fallback);
const nonEmpty = () => z.string().check(z.minLength(1));

const Config = z.object({
  stage: z._default(z.enum(['local', 'dev', 'prod']), 'local'),
  region: z._default(z.string(), 'eu-north-1'),
  tablePrefix: z._default(z.string(), 'nrm-'),
  /** Queue URLs by logical queue name (JSON object), set by infra in AWS and by the local runner locally. */
  queueUrls: z._default(z.record(z.string(), z.url()), {}),
  /** Local engines only: endpoint overrides. Unset in AWS. */
  dynamodbEndpoint: z.optional(z.url()),
  sqsEndpoint: z.optional(z.url()),
  /** Tests only: a stand-in speaking the Secrets Manager protocol. Unset in AWS. */
  secretsManagerEndpoint: z.optional(z.url()),
  jwt: z.object({
    issuer: nonEmpty(),
    audience: nonEmpty(),
    jwksUrl: z.url(),
  }),
  /** Origin of the web pages; the only origin CORS allows. */
  webOrigin: z.optional(z.string()),
  logLevel: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /** Requests per minute one client (token subject) may make to /v1; API Gateway throttles the total in AWS. */
  rateLimitPerMinute: positiveInt(1200),
  /** Searches by name and date of birth one person may make per minute: enough to find a case, too few to trawl. */
  searchRateLimitPerMinute: positiveInt(10),
  /**
   * Referrals (accompanying children included) one organisation, and one signed-in person, may submit per clock hour:
   * a police operation's few hundred pass, a stolen session cannot flood the mechanism.
   */
  submissionQuota: z.object({
    organisationPerHour: positiveInt(600),
    personPerHour: positiveInt(60),
  }),
  /**
   * The nudge window (packages/domain/src/notifications/nudges.ts): seconds during which further "new referral in
   * your queue" e-mails to a mailbox are gathered into one follow-up; 0 sends each at once. Unset: the policy's (300).
   * At most 900, SQS's longest delay, as the follow-up is one delayed message.
   */
  nudgeWindowSeconds: z.optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(0), z.maximum(900)))),
  /** Days after closure before a referral's personal data is erased (packages/domain/src/retention.ts). */
  retentionPersonalDataDays: positiveInt(3 * 365),
  /**
   * Secret of the pseudonymous person key (HMAC). In AWS from Secrets Manager (injected at deploy); never logged.
   * Unset: no person key is computed, and statistics cannot tell two referrals of one person apart.
   */
  personKeySecret: z.optional(z.string().check(z.minLength(16))),
  /**
   * Key of the audit checkpoints (HMAC), held by the audit sealer and the verify command only, never by the API: a
   * role that may append to the audit table cannot sign a rewritten chain. Locally a fixed value; in AWS from
   * Secrets Manager.
   */
  auditSealKey: z.optional(z.string().check(z.minLength(16))),
  /**
   * Secrets Manager secrets (ARNs, set by infra), read once per cold start by loadSecrets(): in AWS the person-key
   * secret, the web key and the audit seal key come from here, never from the environment itself.
   */
  secretArns: z.object({
    personKey: z.optional(nonEmpty()),
    webKey: z.optional(nonEmpty()),
    auditSealKey: z.optional(nonEmpty()),
  }),
  /**
   * The hosted sign-in of the web pages (OAuth authorization code with PKCE): the Cognito domain (locally the
   * built-in issuer, whose endpoints have the same paths), the web's app client and the scopes it asks for.
   */
  signIn: z.optional(
    z.object({ domain: z.url(), clientId: nonEmpty(), scopes: z._default(nonEmpty(), 'openid') }),
  ),
  /**
   * Outgoing webhooks (issue 17): attempts of one message before it goes to the dead-letter queue and its endpoint is
   * disabled; the first retry's delay (doubling each time, with jitter, at most SQS's 15 minutes); one call's limit.
   */
  webhooks: z.object({
    maxAttempts: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(20))), 8),
    retryBaseSeconds: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(900))), 30),
    timeoutMs: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(100), z.maximum(10_000))), 5000),
  }),
});
export type Config = z.infer<typeof Config>;

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Config.safeParse({
    stage: env.NRM_STAGE,
    region: env.AWS_REGION,
    tablePrefix: env.NRM_TABLE_PREFIX,
    queueUrls: env.NRM_QUEUE_URLS ? JSON.parse(env.NRM_QUEUE_URLS) : undefined,
    dynamodbEndpoint: env.NRM_DYNAMODB_ENDPOINT,
    sqsEndpoint: env.NRM_SQS_ENDPOINT,
    secretsManagerEndpoint: env.NRM_SECRETS_MANAGER_ENDPOINT,
    jwt: { issuer: env.NRM_JWT_ISSUER, audience: env.NRM_JWT_AUDIENCE, jwksUrl: env.NRM_JWKS_URL },
    webOrigin: env.NRM_WEB_ORIGIN,
    logLevel: env.LOG_LEVEL,
    rateLimitPerMinute: env.NRM_RATE_LIMIT_PER_MINUTE,
    searchRateLimitPerMinute: env.NRM_SEARCH_RATE_LIMIT_PER_MINUTE,
    submissionQuota: {
      organisationPerHour: env.NRM_QUOTA_ORGANISATION_PER_HOUR,
      personPerHour: env.NRM_QUOTA_PERSON_PER_HOUR,
    },
    retentionPersonalDataDays: env.NRM_RETENTION_PERSONAL_DATA_DAYS,
    nudgeWindowSeconds: env.NRM_NUDGE_WINDOW_SECONDS || undefined,
    personKeySecret: env.NRM_PERSON_KEY_SECRET,
    auditSealKey: env.NRM_AUDIT_SEAL_KEY,
    secretArns: {
      personKey: env.NRM_PERSON_KEY_SECRET_ARN,
      webKey: env.NRM_WEB_KEY_SECRET_ARN,
      auditSealKey: env.NRM_AUDIT_SEAL_KEY_SECRET_ARN,
    },
    webhooks: {
      maxAttempts: env.NRM_WEBHOOK_MAX_ATTEMPTS,
      retryBaseSeconds: env.NRM_WEBHOOK_RETRY_BASE_SECONDS,
      timeoutMs: env.NRM_WEBHOOK_TIMEOUT_MS,
    },
    signIn: env.NRM_SIGN_IN_DOMAIN
      ? { domain: env.NRM_SIGN_IN_DOMAIN, clientId: env.NRM_WEB_CLIENT_ID, scopes: env.NRM_SIGN_IN_SCOPES }
      : undefined,
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  return parsed.data;
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
  if (secrets.personKeySecret !== undefined) {
    cached = { ...config(), personKeySecret: Config.shape.personKeySecret.parse(secrets.personKeySecret) };
  }
  if (secrets.auditSealKey !== undefined) {
    cached = { ...config(), auditSealKey: Config.shape.auditSealKey.parse(secrets.auditSealKey) };
  }
}
