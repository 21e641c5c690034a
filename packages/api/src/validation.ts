// zod validation failures become one 400 problem naming every bad field.
import type { Hook } from '@hono/zod-openapi';
import { fieldErrors, problem } from './problem';

const TARGET_PREFIX: Record<string, string | undefined> = {
  json: undefined,
  param: 'path',
  query: 'query',
  header: 'header',
};

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route, whatever its input type
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    const prefix = TARGET_PREFIX[result.target];
    return problem(c, 400, 'Some fields are not valid; see `errors`.', {
      errors: fieldErrors(result.error, prefix),
    });
  }
};
