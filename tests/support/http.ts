// A small client for the suites: tokens for demo identities and JSON requests against a running platform.
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
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

  async function request<T = unknown>(
    method: string,
    path: string,
    options: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
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
    return { status: res.status, headers: res.headers, body: body as T };
  }

  return {
    token,
    request,
    get: <T = unknown>(path: string, as?: string) => request<T>('GET', path, as ? { as } : {}),
    post: <T = unknown>(path: string, body: unknown, as?: string, headers?: Record<string, string>) =>
      request<T>('POST', path, { body, ...(as ? { as } : {}), ...(headers ? { headers } : {}) }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

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
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
