// What the function bundles give the AWS SDK in place of `@smithy/core/checksum` (infra's esbuild alias; the local
// platform and the tests keep the real module). Smithy's module uses Node's crypto when the process has it and
// otherwise JavaScript SHA-256, MD5 and CRC32 — 4–6 KiB a function that Lambda's Node, which always has crypto, never
// runs. The clients take Sha256 (request signing) and, SQS, Md5 (message checksums) from it, built here on
// node:crypto as Smithy's own Node classes are; a client that needs another of its names fails the build (esbuild:
// no matching export), not a request.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

function buffer(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

class NodeChecksum implements Checksum {
  private hash: Hash | Hmac;
  private finished = false;

  constructor(
    private readonly algorithm: 'sha256' | 'md5',
    readonly digestLength: number,
    private readonly secret?: SourceData,
  ) {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    return this.secret ? createHmac(this.algorithm, buffer(this.secret)) : createHash(this.algorithm);
  }

  update(data: SourceData): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(buffer(data));
  }

  async digest(): Promise<Uint8Array> {
    // An HMAC cannot be copied, so its digest finishes it; a hash is copied and may go on.
    const hash = this.hash;
    let digest: Buffer;
    if ('copy' in hash) digest = hash.copy().digest();
    else {
      this.finished = true;
      digest = hash.digest();
    }
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  reset(): void {
    this.hash = this.create();
    this.finished = false;
  }
}

export class Sha256 extends NodeChecksum {
  constructor(secret?: SourceData) {
    super('sha256', 32, secret);
  }
}

export class Md5 extends NodeChecksum {
  constructor() {
    super('md5', 16);
  }
}
