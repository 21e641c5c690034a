// Builds the platform's stacks for one environment: data (home region), edge (us-east-1) and application.
import type { App } from 'aws-cdk-lib';
import { FUNCTION_ACCESS, type FunctionAccess } from './access';
import { AppStack } from './app-stack';
import { type Catalogue, FUNCTIONS, QUEUES, TABLES } from './catalogue';
import { EDGE_REGION, type EnvironmentConfig } from './config';
import { DataStack } from './data-stack';
import { EdgeStack } from './edge-stack';
import { handlerEntry } from './paths';

export const CATALOGUE: Catalogue = { tables: TABLES, queues: QUEUES, functions: FUNCTIONS };

export interface NrmStacks {
  readonly data: DataStack;
  readonly edge: EdgeStack;
  readonly app: AppStack;
}

export interface NrmAppOptions {
  readonly catalogue?: Catalogue;
  readonly access?: Readonly<Record<string, FunctionAccess>>;
  readonly entryFor?: (functionName: string) => string;
}

export function buildNrmApp(app: App, env: EnvironmentConfig, options: NrmAppOptions = {}): NrmStacks {
  const catalogue = options.catalogue ?? CATALOGUE;
  const stackName = (part: string) => `nrm-${env.name}-${part}`;
  const tags = { project: 'nrm', environment: env.name };
  const terminationProtection = env.retainData;

  const data = new DataStack(app, stackName('data'), {
    env: { account: env.account, region: env.region },
    description: `NRM ${env.name}: encryption key and tables.`,
    config: env,
    tables: catalogue.tables,
    terminationProtection,
    tags,
  });
  const edge = new EdgeStack(app, stackName('edge'), {
    env: { account: env.account, region: EDGE_REGION },
    description: `NRM ${env.name}: web ACL of the API edge (CloudFront scope, us-east-1).`,
    config: env,
    crossRegionReferences: true,
    terminationProtection,
    tags,
  });
  const application = new AppStack(app, stackName('app'), {
    env: { account: env.account, region: env.region },
    description: `NRM ${env.name}: queues, functions, API, identity, e-mail, alarms.`,
    config: env,
    catalogue,
    access: options.access ?? FUNCTION_ACCESS,
    entryFor: options.entryFor ?? handlerEntry,
    data,
    webAclArn: edge.webAcl.attrArn,
    crossRegionReferences: true,
    terminationProtection,
    tags,
  });
  application.addStackDependency(data, 'tables and their key');
  application.addStackDependency(edge, 'web ACL of the edge');
  return { data, edge, app: application };
}
