// The HTTP API as one Hono app: the Lambda handler and the local server both serve exactly this.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { DomainError } from '@nrm/domain';
import { AuthenticationError, config, logger } from '@nrm/runtime';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mergePath } from 'hono/utils/url';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from './context';
import { docsPage } from './docs';
import { verifyToken } from './principal';
import { domainProblem, problem } from './problem';
import { auditTrail } from './routes/audit';
import { caseFile } from './routes/case-file';
import { directory } from './routes/directory';
import { feed } from './routes/feed';
import { handoffs } from './routes/handoffs';
import { queues } from './routes/queues';
import { referralActions } from './routes/referral-actions';
import { referralHistory } from './routes/referral-history';
import { referrals } from './routes/referrals';
import { statistics } from './routes/stats';
import { teamwork } from './routes/team';
import { webhooks } from './routes/webhooks';
import { isUnavailable } from './unavailable';
import { jsonBodyOnly } from './validation';

/** Large enough for a referral with a long narrative and twenty children; anything bigger is not a referral. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface HealthCheck {
  /**
   * Named dependency checks; each resolves true when the dependency answers. A check is abandoned (and its signal
   * aborted) after HEALTH_PROBE_MS, so one stalled dependency cannot hold up the answer.
   */
  readonly checks: Record<string, (signal: AbortSignal) => Promise<boolean>>;
}

/**
 * GET /health answers within a second whatever its dependencies do: each probe gets this long, all at once, leaving
 * the rest of the second for the answer itself on a busy host. A healthy table or queue answers in milliseconds.
 */
export const HEALTH_PROBE_MS = 600;

type ProbeState = 'up' | 'down' | 'timeout';

async function probe(check: (signal: AbortSignal) => Promise<boolean>): Promise<ProbeState> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race, not only the signal: a check may not pass the signal on, and the answer must not wait for it.
  const timedOut = new Promise<ProbeState>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, HEALTH_PROBE_MS);
  });
  const answered = check(controller.signal).then(
    (ok): ProbeState => (ok ? 'up' : 'down'),
    (): ProbeState => (controller.signal.aborted ? 'timeout' : 'down'),
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export interface AppOptions {
  readonly health: HealthCheck;
  /** Local mode mounts the built-in issuer and demo identities here; absent in AWS. */
  readonly local?: Hono;
}

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'National referral mechanism (NRM) API',
    version: '1.0.0',
    description:
      "Referral of presumed victims of human trafficking and exploitation to Sweden's regional coordinators. All `/v1` endpoints need `Authorization: Bearer <JWT>`; errors are `application/problem+json` (RFC 9457).",
    // Not open source: the platform is operated for the Swedish state; the document itself may be read by anyone.
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  // Relative: the document is served by the platform it describes (local, dev, prod), so its origin is the server.
  servers: [{ url: '/', description: 'The origin this document was served from' }],
};

// Each resource's operations under their path, in the order the OpenAPI document lists them.
const MOUNTS = [
  ['/v1/referrals', referrals, auditTrail, referralHistory, referralActions, caseFile],
  ['/v1/queues', queues],
  ['/v1/handoffs', handoffs],
  ['/v1/directory', directory],
  ['/v1', statistics],
  ['/v1/webhooks', webhooks],
  ['/v1', feed, teamwork],
] as const;

/**
 * The OpenAPI document of the routes mounted: `pnpm gen` writes it to schemas/generated/openapi.json, and the app
 * serves it at /openapi.json and /docs, written the same way on the first request for it.
 */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const [path, ...routes] of MOUNTS) {
    for (const routed of routes) {
      for (const route of routed.declared) {
        registry.registerPath({ ...route, path: mergePath(path, '/', route.path) });
      }
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument(OPENAPI_INFO);
}

export function createApp(options: AppOptions) {
  const app = new Hono<AppEnv>();
  let contract: ReturnType<typeof openApiDocument> | undefined;
  const document = () => {
    contract ??= openApiDocument();
    return contract;
  };

  app.use('*', requestId({ headerName: 'X-Request-Id', generator: () => crypto.randomUUID() }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path: no ids or query strings reach the log.
    logger.debug('Request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      requestId: c.get('requestId'),
      role: c.get('principal')?.role,
    });
  });
  app.use('*', secureHeaders({ strictTransportSecurity: 'max-age=63072000; includeSubDomains' }));
  // Only the platform's own web pages may call the API from a browser; agency systems do not use CORS.
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (origin && origin === config().webOrigin ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST'],
      maxAge: 600,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of the body is not read, so the connection cannot carry another request: say so to the client.
      onError: (c) =>
        problem(c, 413, `The body exceeds ${MAX_BODY_BYTES} bytes.`, { headers: { Connection: 'close' } }),
    }),
  );
  app.use('/v1/*', (c, next) =>
    ['POST', 'PUT', 'PATCH'].includes(c.req.method) ? jsonBodyOnly(c, next) : next(),
  );
  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const unauthorised = (detail: string) =>
      problem(c, 401, detail, { headers: { 'WWW-Authenticate': 'Bearer realm="nrm"' } });
    if (!match) return unauthorised('Send a bearer token in the Authorization header.');
    try {
      c.set('principal', await verifyToken(match[1]!));
    } catch (error) {
      if (error instanceof AuthenticationError) return unauthorised(error.message);
      throw error;
    }
    await next();
  });

  app.use(
    '/v1/*',
    rateLimiter<AppEnv>({
      windowMs: 60_000,
      limit: () => config().rateLimitPerMinute,
      keyGenerator: (c) => c.get('principal').sub,
      standardHeaders: 'draft-7',
      handler: (c) =>
        problem(c, 429, 'Too many requests from this client; slow down.', {
          headers: { 'Retry-After': '60' },
        }),
    }),
  );

  for (const [path, ...routes] of MOUNTS) for (const routed of routes) app.route(path, routed);

  app.get('/health', async (c) => {
    const entries = await Promise.all(
      Object.entries(options.health.checks).map(async ([name, check]) => [name, await probe(check)] as const),
    );
    const dependencies = Object.fromEntries(entries);
    const healthy = entries.every(([, state]) => state === 'up');
    return c.json({ status: healthy ? 'ok' : 'degraded', dependencies }, healthy ? 200 : 503);
  });

  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document() as unknown as Parameters<typeof docsPage>[0])));

  if (options.local) app.route('/local', options.local);

  app.notFound((c) => problem(c, 404, 'No such resource.'));
  app.onError((error, c) => {
    if (error instanceof DomainError) return domainProblem(c, error);
    if (error instanceof HTTPException) {
      // Hono raises these for malformed JSON and the like: the client's fault, said plainly.
      const status = error.status >= 400 && error.status < 500 ? error.status : 400;
      return problem(c, status as 400, error.status === 400 ? 'The body is not valid JSON.' : error.message);
    }
    if (isUnavailable(error)) {
      logger.warn('Dependency unavailable', { errorName: error.name, requestId: c.get('requestId') });
      // A timed-out write may still complete after we gave up, so the answer does not promise "nothing stored"; the
      // Idempotency-Key makes the retry safe either way (it returns the first result if there was one).
      return problem(
        c,
        503,
        'A dependency is unavailable or did not answer in time. Retry later with the same Idempotency-Key.',
        {
          headers: { 'Retry-After': '5' },
        },
      );
    }
    logger.error('Unhandled error', { error, requestId: c.get('requestId') });
    return problem(c, 500, 'Something went wrong on our side; the request id identifies it for support.');
  });

  return app;
}
