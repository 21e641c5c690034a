// How every function bundle is built, in one place: NrmFunction hands these options to CDK (which runs the esbuild
// CLI) and tests/bench/bundle-parts.ts to esbuild's build API, so the bundles the benchmark takes apart are the ones
// Lambda runs. The README's Benchmarks ("Bundles and cold start") has what each option saves.

import { join } from 'node:path';
import { type BundlingOptions, LogLevel, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { REPO_ROOT } from './paths';

/**
 * ESM needs `require` for the CommonJS dependencies esbuild inlines (they call it for Node built-ins).
 * The alias avoids a clash with any bundled module's own top-level names.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __nrmCreateRequire } from 'node:module'; const require = __nrmCreateRequire(import.meta.url);";

const runtimeModule = (file: string) => join(REPO_ROOT, 'packages', 'runtime', 'src', file);

/**
 * Parts of the AWS SDK no function runs, replaced in these bundles only (local mode and the tests run the real
 * ones). Each stand-in says why in its header and fails with a clear error if it is ever called.
 */
export const LAMBDA_ALIASES: Readonly<Record<string, string>> = {
  // The default credential chain (SSO, profiles, STS web identity, instance metadata, with nested STS and SSO
  // clients: ~90 KB a function) gives way to the environment, where Lambda puts the role's credentials.
  '@aws-sdk/credential-provider-node': runtimeModule('lambda-credentials.ts'),
  // The event-stream codec (~15 KiB) that the SDK's HTTP protocol imports dynamically and esbuild inlines.
  '@smithy/core/event-streams': runtimeModule('lambda-no-event-streams.ts'),
  // DynamoDB's endpoint discovery (~8 KiB with its LRU cache), off unless asked for.
  '@aws-sdk/middleware-endpoint-discovery': runtimeModule('lambda-no-endpoint-discovery.ts'),
  // SHA-256 and MD5 on node:crypto, without the JavaScript fallbacks for a process without it (4–6 KiB).
  '@smithy/core/checksum': runtimeModule('lambda-node-checksums.ts'),
  // Standard Webhooks signing's JavaScript SHA-256 and constant-time Base64 (~9 KiB of the webhook sender) on
  // node:crypto and Buffer; the library itself still builds the signature.
  'fast-sha256': runtimeModule('lambda-node-sha256.ts'),
  '@stablelib/base64': runtimeModule('lambda-node-base64.ts'),
};

/** The esbuild options of every function bundle, as esbuild's build API names them. */
export const LAMBDA_ESBUILD = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  charset: 'utf8',
  banner: { js: REQUIRE_BANNER },
  alias: LAMBDA_ALIASES,
} as const;

/** The same options as CDK's NodejsFunction takes them (it derives `target` from the function's runtime). */
export const LAMBDA_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  mainFields: [...LAMBDA_ESBUILD.mainFields],
  banner: REQUIRE_BANNER,
  minify: LAMBDA_ESBUILD.minify,
  sourceMap: LAMBDA_ESBUILD.sourcemap,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: LAMBDA_ESBUILD.sourcesContent,
  logLevel: LogLevel.WARNING,
  // Everything is bundled, the AWS SDK included: the function runs the SDK version the lockfile pins and the tests
  // exercised, not whichever version the Lambda runtime ships that week, and one minified file loads faster than the
  // runtime's unbundled SDK tree.
  externalModules: [],
  esbuildArgs: {
    ...Object.fromEntries(Object.entries(LAMBDA_ALIASES).map(([name, file]) => [`--alias:${name}`, file])),
    // Through the arguments: this CDK version never passes its own `charset` option to esbuild, whose default
    // escapes every non-ASCII character (\uXXXX, 6 bytes where UTF-8 takes 2): 68 KiB of the API's zod locales.
    '--charset': LAMBDA_ESBUILD.charset,
  },
};
