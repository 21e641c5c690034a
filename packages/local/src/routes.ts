// /local/*: the issuer's discovery document and JWKS, the hosted sign-in's stand-in, the demo identities and token
// minting. Local mode only.
import { zValidator } from '@hono/zod-validator';
import { clockOffset, now, setClockOffset } from '@nrm/runtime';
import type { Usage } from '@nrm/runtime/usage';
import { Hono } from 'hono';
import { z } from 'zod';
import { DEMO_IDENTITIES, findIdentity } from './identities';
import type { LocalIssuer } from './issuer';
import { type LocalWebClient, oauthRoutes } from './oauth';
import { outboxPage, readOutbox } from './outbox';

export interface LocalRouteOptions {
  /** Where the notifier writes e-mails. */
  readonly outboxDir: string;
  /** Runs every scheduled function once (the SLA sweeper), as the schedule does each minute. */
  readonly runSchedule: () => Promise<void>;
  /** What the platform asked of AWS so far (all its threads), and its reset. */
  readonly usage: () => Promise<Usage>;
  readonly resetUsage: () => Promise<void>;
  /** The web pages' app client of the hosted sign-in stand-in. */
  readonly webClient: LocalWebClient;
  /** The demo year's load in this platform (`pnpm demo:generate` starts it). */
  readonly demo: { start(): Promise<unknown>; status(): { loading: boolean; report?: unknown } };
}

/**
 * The injected clock: the API, every handler and the schedule read time from it, so SLA clocks can be tried in
 * minutes. Moving it back is allowed (suites reset it); a clock never runs backwards past its own events.
 */
const ClockChange = z.union([
  z.strictObject({
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(3650 * 86_400_000),
  }),
  z.strictObject({
    offsetMs: z
      .number()
      .int()
      .min(-365 * 86_400_000)
      .max(3650 * 86_400_000),
  }),
]);

const clockBody = () => ({ now: now().toISOString(), offsetMs: clockOffset() });

// /local/usage: what the platform asked of DynamoDB, SQS and SES and which functions ran how long, for the benchmarks'
// cost model — counts only, and empty unless the platform runs with NRM_COUNT_USAGE=1.

export function localRoutes(issuer: LocalIssuer, options: LocalRouteOptions) {
  return new Hono()
    .get('/.well-known/openid-configuration', (c) =>
      c.json({
        issuer: issuer.issuer,
        jwks_uri: `${issuer.issuer}/jwks.json`,
        authorization_endpoint: `${issuer.issuer}/oauth2/authorize`,
        token_endpoint: `${issuer.issuer}/oauth2/token`,
        end_session_endpoint: `${issuer.issuer}/logout`,
        id_token_signing_alg_values_supported: ['ES256'],
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      }),
    )
    .route('/', oauthRoutes(issuer, options.webClient))
    .get('/jwks.json', (c) => c.json(issuer.jwks))
    .get('/identities', (c) =>
      c.json(
        DEMO_IDENTITIES.map((i) => ({
          id: i.id,
          name: i.name,
          role: i.role,
          organisationType: i.organisationType,
          organisationId: i.organisationId,
          ...(i.region ? { region: i.region } : {}),
          kind: i.kind,
        })),
      ),
    )
    .post(
      '/token',
      zValidator('json', z.strictObject({ identity: z.string().min(1).max(100) }), (result, c) => {
        if (!result.success) {
          return c.json({ error: 'invalid_request', error_description: 'Send { "identity": "<id>" }.' }, 400);
        }
      }),
      async (c) => {
        const identity = findIdentity(c.req.valid('json').identity);
        if (!identity)
          return c.json({ error: 'invalid_client', error_description: 'No such demo identity.' }, 400);
        const access_token = await issuer.tokenFor(identity);
        return c.json({ access_token, token_type: 'Bearer', expires_in: 8 * 60 * 60 });
      },
    )
    .get('/clock', (c) => c.json(clockBody()))
    .post(
      '/clock',
      zValidator('json', ClockChange, (result, c) => {
        if (!result.success) return c.json({ error: 'Send { "advanceMs": n } or { "offsetMs": n }.' }, 400);
      }),
      (c) => {
        const change = c.req.valid('json');
        setClockOffset('advanceMs' in change ? clockOffset() + change.advanceMs : change.offsetMs);
        return c.json(clockBody());
      },
    )
    .get('/usage', async (c) => c.json(await options.usage()))
    .post('/usage/reset', async (c) => {
      await options.resetUsage();
      return c.json(await options.usage());
    })
    .get('/demo', (c) => c.json(options.demo.status()))
    .post('/demo', (c) => {
      options.demo.start().catch(() => undefined);
      return c.json(options.demo.status(), 202);
    })
    .post('/schedule/run', async (c) => {
      await options.runSchedule();
      return c.json({ ran: true, at: now().toISOString() });
    })
    .get('/outbox', (c) => {
      const entries = readOutbox(options.outboxDir);
      return c.req.query('format') === 'json' ? c.json(entries) : c.html(outboxPage(entries));
    });
}
