// Synthesizes the app with bundling and tells where each function's bundle landed: the exact files Lambda would
// run, for the bundle benchmark and for loading them locally with real event shapes.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { environmentFromContext } from './config';
import { buildNrmApp } from './nrm-app';

export interface Bundle {
  /** Catalogue name, or `pre-token-generation` for the Cognito trigger. */
  readonly name: string;
  readonly directory: string;
  /** The ESM entry Lambda loads (`index.mjs`, export `handler`). */
  readonly file: string;
  readonly bytes: number;
  /** The environment the function gets in AWS, with CloudFormation references left as they are. */
  readonly environment: Record<string, unknown>;
}

/** CDK runs esbuild as `pnpm exec esbuild` (the lockfile is pnpm's), so pnpm must be on the PATH. */
export function canBundle(): boolean {
  return spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function synthesizeBundles(options: { outdir: string; context: Record<string, unknown> }): Bundle[] {
  if (!canBundle()) throw new Error('pnpm is not on the PATH: run this through pnpm (pnpm bench:bundles)');
  const app = new App({ outdir: options.outdir, context: options.context });
  const stacks = buildNrmApp(app, environmentFromContext(app.node));
  app.synth();

  const functions = [
    ...stacks.app.compute.functions.entries(),
    ['pre-token-generation', stacks.app.identity.trigger] as const,
  ];
  return functions.map(([name, fn]) => {
    const cfn = fn.function.node.defaultChild as CfnFunction;
    const code = stacks.app.resolve(cfn.code) as { s3Key: string };
    const directory = join(options.outdir, `asset.${code.s3Key.replace(/\.zip$/, '')}`);
    const file = join(directory, 'index.mjs');
    const bytes = readdirSync(directory)
      .filter((f) => f.endsWith('.mjs'))
      .reduce((sum, f) => sum + statSync(join(directory, f)).size, 0);
    const environment =
      (stacks.app.resolve(cfn.environment) as { variables?: Record<string, unknown> })?.variables ?? {};
    return { name, directory, file, bytes, environment };
  });
}

/**
 * The environment to load a bundle with outside AWS: its own variables, with CloudFormation references replaced by
 * plausible values (the overrides win, e.g. endpoints of the local engines).
 */
export function loadEnvironment(
  bundle: Bundle,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const plausible: Record<string, string> = {
    NRM_QUEUE_URLS: JSON.stringify({
      'referral-routing': 'https://sqs.eu-north-1.amazonaws.com/000000000000/queue',
    }),
    NRM_JWT_ISSUER: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_local',
    NRM_JWKS_URL: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_local/.well-known/jwks.json',
    NRM_AGENCY_CLIENTS: '[]',
    NRM_PERSON_KEY_SECRET_ARN:
      'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-person-key-AbCdEf',
    NRM_WEB_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-web-key-AbCdEf',
    NRM_AUDIT_SEAL_KEY_SECRET_ARN:
      'arn:aws:secretsmanager:eu-north-1:000000000000:secret:nrm-dev-audit-seal-key-AbCdEf',
    NRM_SIGN_IN_DOMAIN: 'https://nrm-dev-auth.auth.eu-north-1.amazoncognito.com',
    NRM_WEB_CLIENT_ID: 'web-client',
    NRM_WEB_ORIGIN: 'https://d111111abcdef8.cloudfront.net',
  };
  const own = Object.fromEntries(
    Object.entries(bundle.environment).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : (plausible[k] ?? 'unresolved'),
    ]),
  );
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...own,
    ...overrides,
  };
}
