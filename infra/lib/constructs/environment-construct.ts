// What every construct of the app shares: it belongs to one deployment environment, which names its resources and
// says whether what holds data or logs outlives a stack deletion.
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type EnvironmentConfig, removalPolicyOf, resourcePrefix } from '../config';

/** A construct of one environment: its physical names and removal policy follow that environment. */
export abstract class EnvironmentConstruct extends Construct {
  protected readonly env: EnvironmentConfig;
  /** What deleting the stack does to this construct's data and logs (`removalPolicyOf`). */
  protected readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    this.env = env;
    this.removalPolicy = removalPolicyOf(env);
  }

  /** The physical name of the environment's resource `name`: `nrm-<env>-<name>` (`resourcePrefix`). */
  protected physicalName(name: string): string {
    return `${resourcePrefix(this.env)}${name}`;
  }
}
