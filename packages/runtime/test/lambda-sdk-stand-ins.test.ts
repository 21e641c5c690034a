// The stand-ins infra's esbuild aliases put in the function bundles for SDK parts no function runs: a DynamoDB
// client builds with endpoint discovery resolved to off, and asking for discovery or an event stream fails loudly
// instead of running without it. (tests/isolated/built-bundles.test.ts runs the bundles that carry them.)
import { afterEach, describe, expect, it } from 'vitest';
import {
  NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS,
  resolveEndpointDiscoveryConfig,
} from '../src/lambda-no-endpoint-discovery';
import { EventStreamSerde, eventStreamSerdeProvider } from '../src/lambda-no-event-streams';

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
