// The typed client of the NRM API: openapi-fetch over the types openapi-typescript generated from the OpenAPI
// document (`pnpm gen`). Agency systems, the web pages and the suites use these types; nobody writes API shapes by
// hand, so a renamed field fails the typecheck, not a browser.
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/openapi';

export type { components, operations, paths };

/** A schema of the API by its component name, e.g. `Schema<'Referral'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The three views of `GET /v1/referrals/{id}`, told apart by `view`. */
export type ReferralAnyView = Schema<'Referral'> | Schema<'ReferralStatus'> | Schema<'ReferralForReceiver'>;

/** The 200 body of an operation by its operationId. */
export type OkBody<Id extends keyof operations> = operations[Id]['responses'] extends {
  200: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export interface NrmClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The platform's origin, e.g. `https://nrm.example.se` (the OpenAPI `servers` entry is the serving origin). */
  readonly baseUrl: string;
  /** A bearer token of the caller (client credentials for an agency system), or a function that returns one. */
  readonly token: string | (() => string | Promise<string>);
}

export function createNrmClient(options: NrmClientOptions) {
  const { token, ...rest } = options;
  const client = createClient<paths>(rest);
  client.use({
    async onRequest({ request }) {
      const value = typeof token === 'string' ? token : await token();
      request.headers.set('Authorization', `Bearer ${value}`);
      return request;
    },
  });
  return client;
}

export type NrmClient = ReturnType<typeof createNrmClient>;
