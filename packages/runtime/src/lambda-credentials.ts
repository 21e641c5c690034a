// What the function bundles give the AWS SDK clients in place of its default credential chain (infra's esbuild alias
// for @aws-sdk/credential-provider-node; the local platform and the tests keep the real chain). In Lambda the
// function's role credentials are always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), so the chain's other sources — SSO, INI and process profiles, STS web identity, ECS and EC2
// metadata, with the nested STS and SSO clients they bring — are some 90 KB per function that never run.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** The signature of the chain it stands in for: `defaultProvider(init)`, init ignored. */
export const defaultProvider = (_init?: unknown): AwsCredentialIdentityProvider => fromEnv();
