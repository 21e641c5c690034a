// The session: an AES-GCM sealed cookie holding the user's access token, who they are (for the navigation) and the
// CSRF synchroniser token. A signed-in session also has a record in the table (sessions-store.ts), named by `id`,
// which sign-out deletes and the idle timeout ends.
import { randomBytes } from 'node:crypto';
import type { OrganisationType, Region, Role } from '@nrm/domain';
import { CLAIMS } from '@nrm/runtime';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Sealer } from './crypto';

/**
 * `__Host-`: Secure, `Path=/` and no `Domain`, so no other host (a subdomain) can set or shadow it. Also in local
 * mode over plain HTTP: browsers count `http://127.0.0.1` and `localhost` as secure, and the browser suites run on it.
 */
export const SESSION_COOKIE = '__Host-nrm_session';

export interface User {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationType: OrganisationType;
  readonly region?: Region;
}

export interface Session {
  readonly csrf: string;
  /** The server-side record of a signed-in session. */
  readonly id?: string;
  readonly token?: string;
  readonly user?: User;
  /** Epoch seconds; the token's expiry for a signed-in session. */
  readonly exp: number;
}

const ANONYMOUS_SECONDS = 2 * 60 * 60;

export function newSession(): Session {
  return {
    csrf: randomBytes(24).toString('base64url'),
    exp: Math.floor(Date.now() / 1000) + ANONYMOUS_SECONDS,
  };
}

/**
 * Who the token says the user is. The web does not verify the token: the API does on every call, and this only
 * decides what the navigation shows.
 */
export function userFromToken(token: string): { user: User; exp: number } | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    const user: User = {
      sub: String(payload.sub),
      name: String(payload.name ?? payload.sub),
      role: payload[CLAIMS.role] as Role,
      organisationId: String(payload[CLAIMS.organisation]),
      organisationType: payload[CLAIMS.organisationType] as OrganisationType,
      ...(payload[CLAIMS.region] ? { region: payload[CLAIMS.region] as Region } : {}),
    };
    return { user, exp: Number(payload.exp) };
  } catch {
    return undefined;
  }
}

export interface SessionCookies {
  read(c: Context): Session | undefined;
  write(c: Context, session: Session): void;
  clear(c: Context): void;
}

/** A new session's record id. */
export const newSessionId = () => randomBytes(24).toString('base64url');

export function sessionCookies(sealer: Sealer): SessionCookies {
  return {
    read(c) {
      const raw = getCookie(c, SESSION_COOKIE);
      const opened = raw && sealer.open(raw, SESSION_COOKIE);
      if (!opened) return undefined;
      const session = JSON.parse(opened) as Session;
      return session.exp > Date.now() / 1000 ? session : undefined;
    },
    write(c, session) {
      setCookie(c, SESSION_COOKIE, sealer.seal(JSON.stringify(session), SESSION_COOKIE), {
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        path: '/',
        maxAge: Math.max(0, Math.floor(session.exp - Date.now() / 1000)),
      });
    },
    clear(c) {
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    },
  };
}
