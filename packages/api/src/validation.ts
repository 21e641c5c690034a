// zod validation failures become one 400 problem naming every bad field.
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import type * as z from 'zod';
import { fieldErrors, problem } from './problem';

const TARGET_PREFIX: Record<string, string | undefined> = {
  json: undefined,
  param: 'path',
  query: 'query',
  header: 'header',
};

/** What a validator found: the value, or the error naming every bad field. */
type Validated = { readonly target: keyof ValidationTargets } & (
  | { readonly success: true }
  | { readonly success: false; readonly error: z.core.$ZodError }
);

export const validationHook = (result: Validated, c: Context) => {
  if (!result.success) {
    const prefix = TARGET_PREFIX[result.target];
    return problem(c, 400, 'Some fields are not valid; see `errors`.', {
      errors: fieldErrors(result.error, prefix),
    });
  }
};

/** A JSON body's media type: `application/json` or `application/<suffix>+json`, with well-formed parameters. */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * Refuses a body that is not JSON with one 415 problem. The app asks it of every POST under /v1 before the token is
 * read; each operation that takes a body asks it too, so a resource's operations answer the same when served alone.
 */
export const jsonBodyOnly: MiddlewareHandler = async (c, next) => {
  if (!JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
    return problem(c, 415, 'Send the body as application/json.');
  }
  await next();
};
