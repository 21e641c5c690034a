// The application stack: messaging, identity, compute, e-mail, the API edge and monitoring, wired to the data stack.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionAccess } from './access';
import type { Catalogue } from './catalogue';
import type { EnvironmentConfig } from './config';
import { Api } from './constructs/api';
import { Compute } from './constructs/compute';
import { Email } from './constructs/email';
import { Identity } from './constructs/identity';
import { Messaging } from './constructs/messaging';
import { Monitoring } from './constructs/monitoring';
import type { DataStack } from './data-stack';

export interface AppStackProps extends StackProps {
  readonly env: NonNullable<StackProps['env']>;
  readonly config: EnvironmentConfig;
  readonly catalogue: Catalogue;
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly entryFor: (functionName: string) => string;
  readonly data: DataStack;
  readonly webAclArn: string;
}

export class AppStack extends Stack {
  readonly messaging: Messaging;
  readonly identity: Identity;
  readonly compute: Compute;
  readonly email: Email;
  readonly api: Api;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config: env, catalogue } = props;

    this.messaging = new Messaging(this, 'Messaging', { env, catalogue });
    this.identity = new Identity(this, 'Identity', { env });
    this.email = new Email(this, 'Email', { env });
    this.compute = new Compute(this, 'Compute', {
      env,
      catalogue,
      access: props.access,
      entryFor: props.entryFor,
      data: props.data,
      messaging: this.messaging,
      identity: this.identity,
      email: this.email,
    });

    const [httpFunction, ...others] = this.compute.byTrigger('http', catalogue);
    if (!httpFunction || others.length > 0)
      throw new Error('The catalogue must have exactly one http function');
    this.api = new Api(this, 'Api', {
      env,
      handler: httpFunction,
      identity: this.identity,
      webAclArn: props.webAclArn,
    });
    const webClient = this.identity.addWebClient(env.webOrigin ? [env.webOrigin] : [this.api.publicOrigin]);

    this.monitoring = new Monitoring(this, 'Monitoring', {
      env,
      catalogue,
      compute: this.compute,
      messaging: this.messaging,
      api: this.api,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.publicOrigin,
      description: 'Base URL of the API (CloudFront).',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'Issuer', { value: this.identity.issuer });
    new CfnOutput(this, 'TokenEndpoint', {
      value: `${this.identity.domain.baseUrl()}/oauth2/token`,
      description: 'Where agency systems get tokens (client credentials).',
    });
    new CfnOutput(this, 'SignInUrl', {
      value: this.identity.domain.baseUrl(),
      description: 'Cognito sign-in.',
    });
    new CfnOutput(this, 'WebClientId', { value: webClient.userPoolClientId });
    for (const [id, client] of this.identity.agencyClients) {
      new CfnOutput(this, `AgencyClient-${id}`, {
        value: client.userPoolClientId,
        description: `App client of agency system ${id}; its secret is read with describe-user-pool-client.`,
      });
    }
  }
}
