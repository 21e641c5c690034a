// An agency system's integration, as an agency developer would write it with the typed client (strict TypeScript;
// `tsc` compiles it in CI with the rest of the repository, and the integration suite runs it against a platform):
// submit a referral, subscribe to its status changes, and read its status. Every shape comes from the OpenAPI
// document through `@nrm/client`; a renamed field fails the typecheck here first.
import { createNrmClient, type NrmClient, type Schema } from '../index';

export interface AgencyExampleOptions {
  /** The platform's origin, e.g. `https://nrm.example.se`. */
  readonly baseUrl: string;
  /** The agency system's access token (client credentials, scopes `referrals:write webhooks:manage`). */
  readonly token: string;
  /** Where the agency's system receives webhooks. */
  readonly webhookUrl: string;
  /** A key per submission, so a retried POST never makes a second referral. */
  readonly idempotencyKey: string;
  readonly fetch?: typeof fetch;
}

export interface AgencyExampleResult {
  readonly created: Schema<'ReferralCreated'>;
  /** The webhook signing secret: shown once, so the agency stores it (here: returns it). */
  readonly endpoint: Schema<'WebhookEndpointCreated'>;
  readonly status: Schema<'ReferralStatus'>;
}

/** A problem+json answer, as an error the agency's own code can log (detail and status; no personal data). */
export class NrmProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Schema<'Problem'> | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new NrmProblem(result.response.status, result.error as Schema<'Problem'> | undefined);
  }
  return result.data;
}

export async function subscribeToStatusChanges(client: NrmClient, webhookUrl: string) {
  const existing = ok(await client.GET('/v1/webhooks/endpoints'));
  if (existing.items.some((e) => e.url === webhookUrl)) {
    throw new Error('Already subscribed: the secret was shown when it was registered');
  }
  return ok(
    await client.POST('/v1/webhooks/endpoints', {
      body: { url: webhookUrl, eventTypes: ['referral.status-changed'] },
    }),
  );
}

export async function runAgencyExample(options: AgencyExampleOptions): Promise<AgencyExampleResult> {
  const client = createNrmClient({
    baseUrl: options.baseUrl,
    token: options.token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const endpoint = await subscribeToStatusChanges(client, options.webhookUrl);

  const created = ok(
    await client.POST('/v1/referrals', {
      params: { header: { 'idempotency-key': options.idempotencyKey } },
      body: {
        person: { age: { estimatedYears: 17 }, gender: 'female', citizenships: ['NG'] },
        location: { municipalityCode: '1280' },
        exploitation: { purposes: ['sexual'] },
        needs: { acuteProtection: false },
        consent: { status: 'given' },
      },
    }),
  );

  const view = ok(await client.GET('/v1/referrals/{id}', { params: { path: { id: created.id } } }));
  // The referrer is shown its purpose-limited status; `view` tells the three shapes apart.
  if (view.view !== 'status') throw new Error(`A referrer expects the status view, got ${view.view}`);
  return { created, endpoint, status: view };
}
