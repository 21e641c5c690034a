// The server side of a signed-in session: stored by @nrm/store/sessions (the referrals table, its key model); this
// module keeps the web's names for it.
import { keys } from '@nrm/store/keys';
import { sessionStore } from '@nrm/store/sessions';

export { IDLE_SECONDS, type SessionStore } from '@nrm/store/sessions';

export const sessionPk = (id: string) => keys.webSession(id);
export const dynamoSessionStore = sessionStore;
