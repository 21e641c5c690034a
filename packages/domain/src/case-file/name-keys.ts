// The keys a coordinator finds a case by (name or alias, with the date of birth): keyed hashes of the normalised
// name and the date, written on the personal-data item and indexed, so the index holds no name in the clear, a
// search is one exact-key query whatever the table's size, and the keys go when the personal data goes.
import { createHmac } from 'node:crypto';
import type { CaseData } from '../intake';
import { normaliseName } from '../statistics/person-key';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The search key of a name and date of birth, or undefined when either is missing. Domain-separated from the
 * statistics' person key (a different prefix under the same secret), so one cannot be matched with the other.
 */
export function nameKey(
  secret: string,
  name: string | undefined,
  dateOfBirth: string | undefined,
): string | undefined {
  if (secret.length < 16) throw new RangeError('The name-key secret must be at least 16 characters');
  const normalised = name ? normaliseName(name) : '';
  if (!normalised || !dateOfBirth || !DATE.test(dateOfBirth)) return undefined;
  return `nk1.${createHmac('sha256', secret).update(`search:${normalised}|${dateOfBirth}`).digest('base64url')}`;
}

/** The name's key and the alias's key of a case, each only when the case has the name (or alias) and a birth date. */
export function nameKeysOf(secret: string, data: CaseData): { nameKey?: string; aliasKey?: string } {
  const person = data.person as { name?: unknown; alias?: unknown; age?: unknown };
  const age = person.age as { dateOfBirth?: unknown } | undefined;
  const dateOfBirth = typeof age?.dateOfBirth === 'string' ? age.dateOfBirth : undefined;
  const name = nameKey(secret, typeof person.name === 'string' ? person.name : undefined, dateOfBirth);
  const alias = nameKey(secret, typeof person.alias === 'string' ? person.alias : undefined, dateOfBirth);
  return { ...(name ? { nameKey: name } : {}), ...(alias && alias !== name ? { aliasKey: alias } : {}) };
}
