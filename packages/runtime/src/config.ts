// Configuration, parsed once from the environment with zod: the same variables in Lambda and in local mode.
import { z } from 'zod';

const Config = z.object({
  stage: z.enum(['local', 'dev', 'prod']).default('local'),
  region: z.string().default('eu-north-1'),
  tablePrefix: z.string().default('nrm-'),
  /** Queue URLs by logical queue name (JSON object), set by infra in AWS and by the local runner locally. */
  queueUrls: z.record(z.string(), z.url()).default({}),
  /** Local engines only: endpoint overrides. Unset in AWS. */
  dynamodbEndpoint: z.url().optional(),
  sqsEndpoint: z.url().optional(),
  /** Tests only: a stand-in speaking the Secrets Manager protocol. Unset in AWS. */
  secretsManagerEndpoint: z.url().optional(),
  jwt: z.object({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    jwksUrl: z.url(),
  }),
  /** Origin of the web pages; the only origin CORS allows. */
  webOrigin: z.string().optional(),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Requests per minute one client (token subject) may make to /v1; API Gateway throttles the total in AWS. */
  rateLimitPerMinute: z.coerce.number().int().positive().default(1200),
  /** Searches by name and date of birth one person may make per minute: enough to find a case, too few to trawl. */
  searchRateLimitPerMinute: z.coerce.number().int().positive().default(10),
  /**
   * Referrals (accompanying children included) one organisation, and one signed-in person, may submit per clock hour:
   * a police operation's few hundred pass, a stolen session cannot flood the mechanism.
   */
  submissionQuota: z.object({
    organisationPerHour: z.coerce.number().int().positive().default(600),
    personPerHour: z.coerce.number().int().positive().default(60),
  }),
  /** Days after closure before a referral's personal data is erased (packages/domain/src/retention.ts). */
  retentionPersonalDataDays: z.coerce
    .number()
    .int()
    .positive()
    .default(3 * 365),
  /**
   * Secret of the pseudonymous person key (HMAC). In AWS from Secrets Manager (injected at deploy); never logged.
   * Unset: no person key is computed, and statistics cannot tell two referrals of one person apart.
   */
  personKeySecret: z.string().min(16).optional(),
  /**
   * Key of the audit checkpoints (HMAC), held by the audit sealer and the verify command only, never by the API: a
   * role that may append to the audit table cannot sign a rewritten chain. Locally a fixed value; in AWS from
   * Secrets Manager.
   */
  auditSealKey: z.string().min(16).optional(),
  /**
   * Secrets Manager secrets (ARNs, set by infra), read once per cold start by loadSecrets(): in AWS the person-key
   * secret, the web key and the audit seal key come from here, never from the environment itself.
   */
  secretArns: z.object({
    personKey: z.string().min(1).optional(),
    webKey: z.string().min(1).optional(),
    auditSealKey: z.string().min(1).optional(),
  }),
  /**
   * The hosted sign-in of the web pages (OAuth authorization code with PKCE): the Cognito domain (locally the
   * built-in issuer, whose endpoints have the same paths), the web's app client and the scopes it asks for.
   */
  signIn: z
    .object({ domain: z.url(), clientId: z.string().min(1), scopes: z.string().min(1).default('openid') })
    .optional(),
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
    personKeySecret: env.NRM_PERSON_KEY_SECRET,
    auditSealKey: env.NRM_AUDIT_SEAL_KEY,
    secretArns: {
      personKey: env.NRM_PERSON_KEY_SECRET_ARN,
      webKey: env.NRM_WEB_KEY_SECRET_ARN,
      auditSealKey: env.NRM_AUDIT_SEAL_KEY_SECRET_ARN,
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
