// What the function bundles give Standard Webhooks signing in place of `@stablelib/base64` (infra's esbuild alias;
// the local platform and the tests keep the real module): `standardwebhooks` decodes the endpoint's secret and encodes
// the signature with its `decode` and `encode`, 3 KiB of constant-time JavaScript where Node's Buffer does the same.
// As the original, a secret that is not standard, padded Base64 is refused rather than read leniently.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encode(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

export function decode(text: string): Uint8Array {
  if (!BASE64.test(text)) throw new Error('Base64Coder: incorrect characters or padding for decoding');
  const data = Buffer.from(text, 'base64');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
