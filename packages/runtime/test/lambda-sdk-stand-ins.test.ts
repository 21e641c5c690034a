// The stand-ins infra's esbuild aliases put in the function bundles for SDK parts no function runs: a DynamoDB
// client builds with endpoint discovery resolved to off, and asking for discovery or an event stream fails loudly
// instead of running without it; the checksums digest as Smithy's do. (tests/isolated/built-bundles.test.ts runs the bundles that carry them.)
import { Md5 as SmithyMd5, Sha256 as SmithySha256 } from '@smithy/core/checksum';
import type { SourceData } from '@smithy/types';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS,
  resolveEndpointDiscoveryConfig,
} from '../src/lambda-no-endpoint-discovery';
import { EventStreamSerde, eventStreamSerdeProvider } from '../src/lambda-no-event-streams';
import { Md5, Sha256 } from '../src/lambda-node-checksums';

const saved = process.env.AWS_ENABLE_ENDPOINT_DISCOVERY;
afterEach(() => {
  if (saved === undefined) delete process.env.AWS_ENABLE_ENDPOINT_DISCOVERY;
  else process.env.AWS_ENABLE_ENDPOINT_DISCOVERY = saved;
});

describe('the endpoint-discovery stand-in', () => {
  it('resolves discovery to off on the client configuration it is given', async () => {
    delete process.env.AWS_ENABLE_ENDPOINT_DISCOVERY;
    const input = { region: 'eu-north-1' };
    const resolved = resolveEndpointDiscoveryConfig(input, { endpointDiscoveryCommandCtor: class {} });
    expect(resolved).toBe(input);
    expect(resolved.isClientEndpointDiscoveryEnabled).toBe(false);
    await expect(resolved.endpointDiscoveryEnabled()).resolves.toBe(false);
    expect(NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.default).toBe(false);
  });

  it('fails when the client or the environment asks for discovery', () => {
    delete process.env.AWS_ENABLE_ENDPOINT_DISCOVERY;
    expect(() => resolveEndpointDiscoveryConfig({ endpointDiscoveryEnabled: true })).toThrow(
      /endpoint discovery is left out/,
    );
    process.env.AWS_ENABLE_ENDPOINT_DISCOVERY = 'true';
    expect(() => resolveEndpointDiscoveryConfig({})).toThrow(/endpoint discovery is left out/);
    process.env.AWS_ENABLE_ENDPOINT_DISCOVERY = 'false';
    expect(resolveEndpointDiscoveryConfig({}).isClientEndpointDiscoveryEnabled).toBe(false);
  });
});

describe('the event-stream stand-in', () => {
  it('fails when an operation would stream events', () => {
    expect(() => new EventStreamSerde()).toThrow(/event streams are left out/);
    expect(() => eventStreamSerdeProvider()).toThrow(/event streams are left out/);
  });
});

describe('the checksum stand-in', () => {
  const inputs: SourceData[] = [
    '',
    'Action=SendMessage&MessageBody=%7B%7D',
    new Uint8Array([0, 1, 2, 255]),
    'å',
  ];

  it('digests as Smithy does: SHA-256, HMAC-SHA-256 and MD5, a hash going on after a digest', async () => {
    for (const input of inputs) {
      const [ours, theirs] = [new Sha256(), new SmithySha256()];
      ours.update(input);
      theirs.update(input);
      expect(await ours.digest()).toEqual(await theirs.digest());
      ours.update('more');
      theirs.update('more');
      expect(await ours.digest()).toEqual(await theirs.digest());

      const [hmac, smithyHmac] = [new Sha256('signing-key'), new SmithySha256('signing-key')];
      hmac.update(input);
      smithyHmac.update(input);
      const signature = await smithyHmac.digest();
      expect(await hmac.digest()).toEqual(signature);
      expect(() => hmac.update('after')).toThrow(/finished/);
      hmac.reset();
      hmac.update(input);
      expect(await hmac.digest()).toEqual(signature);

      const [md5, smithyMd5] = [new Md5(), new SmithyMd5()];
      md5.update(input);
      smithyMd5.update(input);
      expect(await md5.digest()).toEqual(await smithyMd5.digest());
    }
    expect(new Sha256().digestLength).toBe(32);
    expect(new Md5().digestLength).toBe(16);
  });
});
