// What every form post passes before a handler reads it: the size limit (a larger body is refused unread), the
// origin check (hono/csrf: `Origin` or `Sec-Fetch-Site` must be this site) and the session's synchroniser token.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { expired, message } from '../routes/answers';
import type { WebEnv } from '../routes/env';
import { str } from '../routes/form-data';

/** A form post is a few kilobytes; the longest, a draft step with the narrative, is under 100 kB. As the API's. */
export const MAX_FORM_BYTES = 256 * 1024;

export const formLimit: MiddlewareHandler<WebEnv> = bodyLimit({
  maxSize: MAX_FORM_BYTES,
  onError: (c) => {
    // The rest of the body is not read, so the connection cannot carry another request.
    c.header('Connection', 'close');
    return message(c, 'error.tooLarge.title', 'error.tooLarge.text', 413);
  },
});

/**
 * A cross-site post is refused (hono/csrf throws a 403, which the error handler shows as the "form has expired"
 * page). Behind CloudFront the request URL is API Gateway's own host, so the public origin is named as well.
 */
export const sameOrigin = (publicOrigin: string | undefined): MiddlewareHandler<WebEnv> =>
  csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });

/** Every form carries the session's token (`_csrf`, pages/components CsrfField), checked before any handler runs. */
export const csrfToken: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const form = await c.req.parseBody({ all: true });
  if (str(form, '_csrf') !== c.get('session').csrf) return expired(c);
  await next();
};
