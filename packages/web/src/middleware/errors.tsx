// The web's error handler: a failure is the "something went wrong" page, named in the log by its kind only.
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { expired, message } from '../routes/answers';
import type { WebEnv } from '../routes/env';

export const onWebError: ErrorHandler<WebEnv> = (error, c) => {
  const page = c.get('page');
  // hono/csrf refuses a cross-site post by throwing: it is the "form has expired" page, not a failure.
  if (error instanceof HTTPException && error.status === 403 && page) return expired(c);
  console.error('Web page failed', error instanceof Error ? error.name : 'unknown');
  if (!page) return c.text('Error', 500);
  return message(c, 'error.title', 'error.server', 500);
};
