// zod validation failures become one 400 problem naming every bad field.
import type { Context, ValidationTargets } from 'hono';
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
