// AES-256-GCM sealing for the session cookie and the stored drafts. One master key from configuration; each use
// gets its own key derived with HKDF, and the associated data binds a sealed value to where it belongs (a draft to
// its owner and id), so a ciphertext copied elsewhere does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type KeyPurpose = 'session' | 'drafts';

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

/** The key from `NRM_WEB_KEY` (base64, 32 bytes), as deployed from a secret. */
export function webKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const value = env.NRM_WEB_KEY;
  if (!value) throw new Error('NRM_WEB_KEY is not set');
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('NRM_WEB_KEY must be 32 bytes, base64-encoded');
  return key;
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
