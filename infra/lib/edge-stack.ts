// The web ACL of the public edge. CloudFront only takes a web ACL of scope CLOUDFRONT, and those live in us-east-1,
// so this small stack is deployed there and the application stack reads its ARN through a cross-region reference.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { type EnvironmentConfig, resourcePrefix } from './config';

export interface EdgeStackProps extends StackProps {
  readonly env: NonNullable<StackProps['env']>;
  readonly config: EnvironmentConfig;
}

interface ManagedGroup {
  readonly name: string;
  /** Rules of the group that only count: the API enforces the limit itself with a proper problem response. */
  readonly countOnly?: readonly string[];
}

/**
 * AWS managed rule groups: common exploits, known bad inputs and IP reputation. The anonymous-IP group is left out on
 * purpose: agency systems call from cloud hosting ranges it would block.
 */
const MANAGED_GROUPS: readonly ManagedGroup[] = [
  // The API answers an oversized body with 413 itself (api.md); the group's 8 KB body limit would cut referrals short.
  { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['SizeRestrictions_BODY'] },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  { name: 'AWSManagedRulesAmazonIpReputationList' },
];

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const prefix = resourcePrefix(props.config);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${prefix}api-edge`,
      description: 'NRM API edge: managed rule groups and a per-IP rate limit.',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}api-edge`),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.config.wafRateLimitPerFiveMinutes, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility(`${prefix}rate-per-ip`),
        },
        ...MANAGED_GROUPS.map((group, i) => ({
          name: group.name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group.name,
              ...(group.countOnly
                ? {
                    ruleActionOverrides: group.countOnly.map((name) => ({
                      name,
                      actionToUse: { count: {} },
                    })),
                  }
                : {}),
            },
          },
          visibilityConfig: visibility(`${prefix}${group.name}`),
        })),
      ],
    });
  }
}
