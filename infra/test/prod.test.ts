// The prod environment: data, keys, identities and logs survive a stack deletion and refuse accidental deletion.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../lib/catalogue';
import { dependencyCycle, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support';

let synth: Synthesized;
let app: Template;
let data: Template;

beforeAll(() => {
  synth = synthesize({
    context: {
      env: 'prod',
      account: '123456789012',
      apiDomainName: 'api.nrm.example.se',
      apiCertificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      alarmEmail: 'nrm-operations@example.se',
      webOrigin: 'https://nrm.example.se',
    },
  });
  ({ app, data } = synth.templates);
}, SYNTH_TIMEOUT_MS);

describe('prod', () => {
  it('names everything nrm-prod-', () => {
    expect(synth.stacks.data.stackName).toBe('nrm-prod-data');
    expect(synth.stacks.app.stackName).toBe('nrm-prod-app');
    expect(synth.stacks.edge.stackName).toBe('nrm-prod-edge');
    for (const table of TABLES) {
      data.hasResourceProperties('AWS::DynamoDB::Table', { TableName: `nrm-prod-${table.name}` });
    }
  });

  it('retains the tables and protects them from deletion', () => {
    const tables = data.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(TABLES.length);
    for (const table of Object.values(tables)) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { DeletionProtectionEnabled: true },
      });
    }
  });

  it('retains the keys, the user pool and the logs', () => {
    for (const template of [data, app]) {
      for (const key of Object.values(template.findResources('AWS::KMS::Key'))) {
        expect(key).toMatchObject({ DeletionPolicy: 'Retain' });
      }
      for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
        expect(group).toMatchObject({ DeletionPolicy: 'Retain' });
      }
    }
    app.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('turns on termination protection for every stack', () => {
    for (const stack of [synth.stacks.data, synth.stacks.edge, synth.stacks.app]) {
      expect(stack.terminationProtection).toBe(true);
    }
  });

  it('serves the custom domain with TLS 1.2 (2021 policy) and the web origin for CORS and sign-in', () => {
    app.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        // The web pages have a name of their own on the same distribution (the certificate covers both).
        Aliases: ['api.nrm.example.se', 'nrm.example.se'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    app.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://nrm.example.se'] }),
    });
    app.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      CallbackURLs: ['https://nrm.example.se/auth/callback'],
      LogoutURLs: ['https://nrm.example.se/sign-in'],
    });
    const web = Object.values(app.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.FunctionName === 'nrm-prod-web',
    );
    expect(web?.Properties.Environment.Variables.NRM_WEB_ORIGIN).toBe('https://nrm.example.se');
  });

  it('retains the secrets with the data: a new person key would make every known person look new', () => {
    const secrets = Object.values(data.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) {
      expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('subscribes the operations address to the alarms', () => {
    app.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'nrm-operations@example.se',
    });
  });

  it('has no unacknowledged cdk-nag finding and no dependency cycle', () => {
    expect(synth.findings).toEqual([]);
    for (const template of Object.values(synth.templates)) expect(dependencyCycle(template)).toBeUndefined();
  });
});
