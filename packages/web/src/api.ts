// The web is a client of the API, in process: every page asks the API with the user's token, so authorisation and
// audit are exactly the API's, and the web decides nothing about who may see what.
import type { Schema } from '@nrm/client';

export interface ApiApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** The API's problem+json (its schema, from the typed client); only the status is sure when a body is not one. */
export type ProblemBody = Pick<Schema<'Problem'>, 'status'> &
  Partial<Pick<Schema<'Problem'>, 'type' | 'title' | 'detail' | 'errors'>>;

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly problem: ProblemBody };

export interface Api {
  get<T>(path: string): Promise<ApiResult<T>>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResult<T>>;
  /** A text answer as it is (the API's CSV exports), not parsed. */
  getText(path: string): Promise<ApiResult<string>>;
}

export function apiFor(app: ApiApp, token: string | undefined): Api {
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    asText = false,
  ) {
    const response = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok)
      return { ok: true, status: response.status, body: (asText ? text : parsed) as T } as const;
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as ProblemBody;
    return { ok: false, status: response.status, problem: { ...problem, status: response.status } } as const;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    getText: (path) => call<string>('GET', path, undefined, {}, true),
  };
}
