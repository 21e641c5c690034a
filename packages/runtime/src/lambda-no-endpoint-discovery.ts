// What the function bundles give the DynamoDB client in place of `@aws-sdk/middleware-endpoint-discovery` (infra's
// esbuild alias; the local platform and the tests keep the real module). The client resolves the endpoint-discovery
// configuration when it is built (an LRU endpoint cache, mnemonist: ~8 KiB a function), but discovery is off for
// DynamoDB unless asked for, and none of its commands here adds the discovery middleware. Asking for it fails here,
// when the client is built, instead of running without it.
const UNAVAILABLE =
  'AWS SDK endpoint discovery is left out of the NRM function bundles (infra/lib/lambda-bundling.ts): remove the alias of @aws-sdk/middleware-endpoint-discovery to turn it on';

const ENABLING_VARIABLES = ['AWS_ENABLE_ENDPOINT_DISCOVERY', 'AWS_ENDPOINT_DISCOVERY_ENABLED'];
const enabling = (value: string | undefined) => value !== undefined && !['false', '0'].includes(value);

/** The shared-config loader's options, never read: the configuration step below settles it. */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (): false => false,
  configFileSelector: (): false => false,
  default: false,
};

/** The client's configuration step: discovery resolved to off, unless the caller asked for it. */
export function resolveEndpointDiscoveryConfig<T extends { endpointDiscoveryEnabled?: boolean }>(
  input: T,
  _options?: unknown,
): T & { endpointDiscoveryEnabled: () => Promise<boolean>; isClientEndpointDiscoveryEnabled: boolean } {
  if (input.endpointDiscoveryEnabled || ENABLING_VARIABLES.some((name) => enabling(process.env[name]))) {
    throw new Error(UNAVAILABLE);
  }
  return Object.assign(input, {
    endpointDiscoveryEnabled: () => Promise.resolve(false),
    isClientEndpointDiscoveryEnabled: false,
  });
}
