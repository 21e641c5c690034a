// AES-256-GCM sealing for the session cookie and the stored drafts. One master key from configuration; each use
// gets its own key derived with HKDF, and the associated data binds a sealed value to where it belongs (a draft to
// its owner and id), so a ciphertext copied elsewhere does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type KeyPurpose = 'session' | 'drafts' | 'sign-in';

export interface Sealer {
  seal(plaintext: string, associatedData: string): string;
  /** Undefined when the value was not sealed with this key for this associated data (or was tampered with). */
  open(sealed: string, associatedData: string): string | undefined;
}

export function sealer(masterKey: Uint8Array, purpose: KeyPurpose): Sealer {
  if (masterKey.length !== 32) throw new Error('The web key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `nrm-web-${purpose}`, 32));
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed, associatedData) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The key from the web-key secret (Secrets Manager: 64 generated characters). HKDF turns the text into the 32 bytes
 * the sealers derive their keys from; a short secret is refused rather than stretched.
 */
export function webKeyFromSecret(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The web-key secret must be at least 32 characters');
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'nrm-web-key', 32));
}

/**
 * Local mode: a key kept beside the data so sessions and drafts survive a restart, or a fresh one for an in-memory
 * platform.
 */
export function localWebKey(dataDir?: string): Uint8Array {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'web-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8'), 'base64');
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}
