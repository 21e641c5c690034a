// The role guard: a page for signed-in people sends anyone else to sign in (and back here afterwards); a page for
// some roles is the "not allowed" page for the others. What a user may see or do is still the API's decision: this
// only spares a call whose answer is known.
import type { Role } from '@nrm/domain';
import { createMiddleware } from 'hono/factory';
import { forbidden, signInAgain } from '../routes/answers';
import type { SignedInEnv } from '../routes/env';

export const COORDINATOR_ROLES = [
  'regional-coordinator',
  'child-coordinator',
  'national-coordinator',
] as const satisfies readonly Role[];

/** Only for these roles; with none named, for anyone signed in. The handler finds the user as `c.get('user')`. */
export const signedIn = (...roles: readonly Role[]) =>
  createMiddleware<SignedInEnv>(async (c, next) => {
    const { user } = c.get('session');
    if (!user) return signInAgain(c);
    if (roles.length && !roles.includes(user.role)) return forbidden(c);
    c.set('user', user);
    await next();
  });
