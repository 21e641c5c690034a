// A small client for the suites: tokens for demo identities and JSON requests against a running platform. Its answers
// are typed by path from the OpenAPI document's generated types (`@nrm/client`, `pnpm gen`): `api.get(`/v1/referrals/
// ${id}`)` has the body `GET /v1/referrals/{id}` declares for success, so a renamed or undeclared field fails the
// typecheck instead of a suite. Suites pass no type arguments and declare no response shapes (the `suite-shapes` unit
// test checks both); error answers are read with `problem(res)`, which checks they are problem+json.
import { setTimeout as sleep } from 'node:timers/promises';
import type { components, paths } from '@nrm/client';
import type { OutboxEntry } from '@nrm/messaging';
import type { Usage } from '@nrm/runtime/usage';
import { expect } from 'vitest';

/** A schema of the API by its component name, e.g. `Schema<'Referral'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
export type Problem = Schema<'Problem'>;

type ApiPath = keyof paths & string;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Success = 200 | 201 | 202;

/** `/v1/referrals/{id}` → `/v1/referrals/${string}`: what a path with its parameters filled in looks like. */
type Filled<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Filled<Tail>}`
  : P;
type Segments<S extends string> = S extends `${infer Head}/${infer Tail}` ? [Head, ...Segments<Tail>] : [S];
type WithoutQuery<S extends string> = S extends `${infer Path}?${string}` ? Path : S;
type SegmentsMatch<Template extends string[], Actual extends string[]> = Template extends [
  infer T extends string,
  ...infer TRest extends string[],
]
  ? Actual extends [infer A extends string, ...infer ARest extends string[]]
    ? (T extends `{${string}}` ? true : A extends T ? true : false) extends true
      ? SegmentsMatch<TRest, ARest>
      : false
    : false
  : Actual extends []
    ? true
    : false;

/** The OpenAPI path a request path (parameters filled in, perhaps a query) stands for, e.g. `/v1/referrals/{id}`. */
export type PathOf<S extends string> = {
  [P in ApiPath]: SegmentsMatch<Segments<P>, Segments<WithoutQuery<S>>> extends true ? P : never;
}[ApiPath];

type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** The success body the document declares for a path and method. */
export type OkBody<P extends ApiPath, M extends Method> = [paths[P][M]] extends [never | undefined]
  ? unknown
  : paths[P][M] extends { responses: infer R }
    ? BodyOf<R[Extract<keyof R, Success>]>
    : unknown;

/**
 * What the suites read of the paths the API document does not describe: the document itself, and the local
 * platform's own endpoints (`/local/…`, dev-only). Typed here, once.
 */
interface OtherAnswers {
  '/openapi.json': { openapi: string; paths: Record<string, Record<string, unknown>> };
  '/local/clock': { now: string; offsetMs: number };
  '/local/demo': { loading: boolean; report?: { referrals: number; open: number } };
  '/local/outbox': OutboxEntry[];
  '/local/schedule/run': { ran: boolean; at: string };
  '/local/usage': Usage;
}

/** What a request to `path` answers on success: the document's body, one of the other answers above, or unknown (web pages). */
export type Answer<S extends string, M extends Method> =
  WithoutQuery<S> extends keyof OtherAnswers
    ? OtherAnswers[WithoutQuery<S>]
    : [PathOf<S>] extends [never]
      ? unknown
      : OkBody<PathOf<S>, M>;

/**
 * A path the suites may request: an API path with its parameters filled in (and a query), typed by the document, or
 * any other string (a web page, a path built from parts), whose answer is unknown.
 */
type RequestPath = Filled<ApiPath> | `${Filled<ApiPath>}?${string}` | (string & {});

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  as?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export function apiClient(baseUrl: string) {
  const tokens = new Map<string, string>();

  async function token(identity: string): Promise<string> {
    const cached = tokens.get(identity);
    if (cached) return cached;
    const res = await fetch(`${baseUrl}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity }),
    });
    if (!res.ok) throw new Error(`No token for ${identity}: ${res.status}`);
    const { access_token } = (await res.json()) as { access_token: string };
    tokens.set(identity, access_token);
    return access_token;
  }

  async function request<S extends RequestPath, M extends Method = Method>(
    method: Uppercase<M> | (string & {}),
    path: S,
    options: RequestOptions = {},
  ): Promise<ApiResponse<Answer<S, M>>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await token(options.as)}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.rawBody !== undefined
        ? { body: options.rawBody }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the body stays the raw text
    }
    return { status: res.status, headers: res.headers, body: body as Answer<S, M> };
  }

  return {
    token,
    request,
    get: <S extends RequestPath>(path: S, as?: string) => request<S, 'get'>('GET', path, as ? { as } : {}),
    post: <S extends RequestPath>(path: S, body: unknown, as?: string, headers?: Record<string, string>) =>
      request<S, 'post'>('POST', path, { body, ...(as ? { as } : {}), ...(headers ? { headers } : {}) }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** The problem+json body of an error answer; fails the test if the answer is not one. */
export function problem(res: ApiResponse): Problem {
  expect(res.headers.get('content-type') ?? '', JSON.stringify(res.body)).toMatch(
    /^application\/problem\+json/,
  );
  return res.body as Problem;
}

/** The fields an error answer names (in its order); fails the test unless it is a `status` in problem+json. */
export function namedFields(res: ApiResponse, status: number): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return (problem(res).errors ?? []).map((e) => e.path);
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
