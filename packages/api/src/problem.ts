// problem+json responses (RFC 9457). Every error the API gives goes through here; none carries a stack trace.
import { type DomainError, InvalidField, type ProblemCode, TooManyRequests } from '@nrm/domain';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail?: string,
  extra: {
    errors?: FieldError[];
    headers?: Record<string, string>;
    /** A problem type a client can act on (e.g. `consent-required`); by default the status names it. */
    type?: string;
  } = {},
) {
  const body = {
    type: `https://nrm.example.se/problems/${extra.type ?? status}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return c.body(JSON.stringify(body), status, {
    'Content-Type': 'application/problem+json',
    ...extra.headers,
  });
}

/** Every issue zod found, one entry per field, with a JSON-pointer-like dotted path ("person.age.dateOfBirth"). */
export function fieldErrors(error: Pick<ZodError, 'issues'>, prefix?: string): FieldError[] {
  const errors: FieldError[] = [];
  const collect = (issues: ZodError['issues'], base: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...base, ...issue.path];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          errors.push({ path: join([...path, key], prefix), message: 'unknown field' });
      } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        errors.push(...unionErrors(issue.errors, path, prefix));
      } else {
        errors.push({ path: join(path, prefix), message: issue.message });
      }
    }
  };
  collect(error.issues, []);
  return errors;
}

/**
 * A union (age, location) failed every alternative. Report the alternative the caller evidently meant — the one
 * whose fields it used — instead of every alternative's complaints.
 */
function unionErrors(alternatives: ZodError['issues'][], base: PropertyKey[], prefix?: string): FieldError[] {
  const candidates = alternatives.filter((issues) => !issues.some((i) => i.code === 'unrecognized_keys'));
  const meant = candidates.length === 1 ? candidates[0]! : undefined;
  if (!meant) {
    return [{ path: join(base, prefix), message: 'does not match any accepted shape (see the schema)' }];
  }
  const nested = fieldErrors({ issues: meant });
  return nested.map((e) => ({
    path: join([...base, ...(e.path ? e.path.split('.') : [])], prefix),
    message: e.message,
  }));
}

function join(path: PropertyKey[], prefix?: string): string {
  const parts = path.map(String);
  return [prefix, ...parts].filter(Boolean).join('.') || '(body)';
}

const STATUS_OF: { readonly [C in ProblemCode]: ContentfulStatusCode } = {
  conflict: 409,
  'consent-required': 409,
  'invalid-field': 422,
  'not-found': 404,
  forbidden: 403,
  'idempotency-mismatch': 422,
  'bad-request': 400,
  'too-many-requests': 429,
};

/** The one mapping from a refusal's code to its problem: every route lets refusals propagate to onError. */
export function domainProblem(c: Context, error: DomainError) {
  const status = STATUS_OF[error.code];
  if (error instanceof InvalidField) {
    return problem(c, status, error.message, { errors: [{ path: error.field, message: error.message }] });
  }
  // Why a role may not do something is the policy's business; the detail never names a condition or an id.
  if (error.code === 'forbidden') return problem(c, status, 'Your role may not do this.');
  if (error instanceof TooManyRequests) {
    return problem(c, status, error.message, { headers: { 'Retry-After': String(error.retryAfterSeconds) } });
  }
  // A problem type a client can act on beyond the status: a consent to record first.
  return problem(c, status, error.message, error.code === 'consent-required' ? { type: error.code } : {});
}
