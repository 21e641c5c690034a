// The pseudonymous person key: a keyed hash (HMAC-SHA-256) of the normalised identity number, or of the normalised
// name and date of birth when there is no number. Statistics count unique persons by it and coordinators are told
// when a new referral probably concerns a known person; without the secret nobody can compute the key of a known
// number, so the key cannot be matched back (identity numbers are few enough to try them all against a plain hash).
import { createHmac } from 'node:crypto';

export interface PersonIdentity {
  /** Normalised 12-digit personal identity or coordination number. */
  readonly identityNumber?: string;
  readonly name?: string;
  readonly dateOfBirth?: string;
}

/** Case, accents, punctuation, spacing and name order do not change who someone is. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** The text the key is computed from, or undefined when the identity is too thin to recognise anyone by. */
export function personKeyInput(identity: PersonIdentity): string | undefined {
  const number = identity.identityNumber?.replace(/\D/g, '');
  if (number && number.length === 12) return `id:${number}`;
  const name = identity.name ? normaliseName(identity.name) : '';
  if (name && identity.dateOfBirth) return `nd:${name}|${identity.dateOfBirth}`;
  return undefined;
}

export function personKey(secret: string, identity: PersonIdentity): string | undefined {
  if (secret.length < 16) throw new RangeError('The person-key secret must be at least 16 characters');
  const input = personKeyInput(identity);
  if (!input) return undefined;
  return `pk1.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
