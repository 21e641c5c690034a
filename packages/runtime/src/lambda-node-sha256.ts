// What the function bundles give Standard Webhooks signing in place of `fast-sha256` (infra's esbuild alias; the
// local platform and the tests keep the real module). `standardwebhooks` signs with `sha256.hmac(key, data)` from that
// module, a JavaScript SHA-256 (6 KiB of the webhook sender) that Lambda's Node, which always has crypto, does not
// need: the same HMAC on node:crypto. A caller that needs another of its names fails the build, not a request.
import { createHash, createHmac } from 'node:crypto';

const bytes = (digest: Buffer) => new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);

export const digestLength = 32;

export function hash(data: Uint8Array): Uint8Array {
  return bytes(createHash('sha256').update(data).digest());
}

export function hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return bytes(createHmac('sha256', key).update(data).digest());
}

export default hash;
