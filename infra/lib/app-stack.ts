// The application stack: messaging, identity, compute, e-mail, the API edge and monitoring, wired to the data stack.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from './config';
import { Api } from './constructs/api';
import { Compute, type FunctionSources } from './constructs/compute';
import { Email } from './constructs/email';
import { Identity, WEB_SIGN_IN_SCOPES } from './constructs/identity';
import { Messaging } from './constructs/messaging';
import { Monitoring } from './constructs/monitoring';

export interface AppStackProps extends StackProps, FunctionSources {
  readonly env: NonNullable<StackProps['env']>;
  readonly config: EnvironmentConfig;
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

    const serving = (serves: 'api' | 'web') =>
      catalogue.functions
        .filter((f) => f.trigger.type === 'http' && f.trigger.serves === serves)
        .map((f) => this.compute.function(f.name));
    const [apiFunction, ...apis] = serving('api');
    const [webFunction, ...webs] = serving('web');
    if (!apiFunction || apis.length > 0)
      throw new Error('The catalogue must have exactly one http function serving the api');
    if (webs.length > 0)
      throw new Error('The catalogue may have one http function serving the web, not more');
    this.api = new Api(this, 'Api', {
      env,
      handler: apiFunction,
      ...(webFunction ? { web: webFunction } : {}),
      identity: this.identity,
      webAclArn: props.webAclArn,
    });
    // The pages are served at the API's public origin (CloudFront) unless another origin fronts them.
    const webOrigin = env.webOrigin ?? this.api.publicOrigin;
    const webClient = this.identity.addWebClient([webOrigin]);
    if (webFunction) {
      const signIn = {
        NRM_SIGN_IN_DOMAIN: this.identity.domain.baseUrl(),
        NRM_WEB_CLIENT_ID: webClient.userPoolClientId,
        NRM_SIGN_IN_SCOPES: WEB_SIGN_IN_SCOPES.join(' '),
        NRM_WEB_ORIGIN: webOrigin,
      };
      for (const [name, value] of Object.entries(signIn)) webFunction.function.addEnvironment(name, value);
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      env,
      catalogue,
      compute: this.compute,
      messaging: this.messaging,
      api: this.api,
    });

    new CfnOutput(this, 'WebUrl', {
      value: webOrigin,
      description: 'The web pages (sign-in at /sign-in).',
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
