// What every web route has in its context: the session, the page's context (language, texts, user, CSRF token, clock)
// and the API as the signed-in user. The middleware in ../middleware sets them; the role guard adds the user.
import type { Api } from '../api';
import type { PageContext } from '../page-context';
import type { Session, SessionCookies, User } from '../session';

export interface WebVariables {
  session: Session;
  cookies: SessionCookies;
  page: PageContext;
  api: Api;
}

export interface WebEnv {
  Variables: WebVariables;
}

/** Behind the role guard (middleware/guard.tsx): a signed-in user. */
export interface SignedInEnv {
  Variables: WebVariables & { user: User };
}
