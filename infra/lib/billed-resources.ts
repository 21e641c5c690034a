// What the prod deployment holds that costs money by the month whatever the traffic, counted from the synthesized
// templates (without bundling, so it takes seconds): the cost model of `pnpm bench` prices it (tests/bench/cost.ts).
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { environmentFromContext } from './config';
import { buildNrmApp } from './nrm-app';

export interface BilledResources {
  readonly webAcls: number;
  readonly webAclRules: number;
  readonly kmsKeys: number;
  readonly alarms: number;
  readonly dashboards: number;
  readonly secrets: number;
  readonly userPools: number;
  readonly distributions: number;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export function countBilledResources(env = 'prod'): BilledResources {
  const app = new App({
    context: {
      ...JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context,
      env,
      'aws:cdk:bundling-stacks': [],
    },
  });
  const stacks = buildNrmApp(app, environmentFromContext(app.node));
  const assembly = app.synth();
  const resources = Object.values(stacks).flatMap((stack) =>
    Object.values((assembly.getStackByName(stack.stackName).template as { Resources: Resources }).Resources),
  );
  const count = (type: string) => resources.filter((r) => r.Type === type).length;
  const acls = resources.filter((r) => r.Type === 'AWS::WAFv2::WebACL');
  return {
    webAcls: acls.length,
    webAclRules: acls.reduce(
      (sum, r) => sum + ((r.Properties?.Rules as unknown[] | undefined)?.length ?? 0),
      0,
    ),
    kmsKeys: count('AWS::KMS::Key'),
    alarms: count('AWS::CloudWatch::Alarm'),
    dashboards: count('AWS::CloudWatch::Dashboard'),
    secrets: count('AWS::SecretsManager::Secret'),
    userPools: count('AWS::Cognito::UserPool'),
    distributions: count('AWS::CloudFront::Distribution'),
  };
}
