// Notification e-mail through SES: a DKIM-signed domain identity and a configuration set that only delivers over
// TLS. The messages themselves carry no personal data ("a new referral is in your queue").
import { Arn, CfnOutput, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { EnvironmentConstruct } from './environment-construct';

export interface EmailProps {
  readonly env: EnvironmentConfig;
}

export class Email extends EnvironmentConstruct {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  /** The sender address functions use. */
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id, props.env);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: this.physicalName('notifications'),
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(this.env.emailDomain),
      configurationSet: this.configurationSet,
    });
    this.fromAddress = `no-reply@${this.env.emailDomain}`;

    // Without a hosted zone in the app, an operator publishes these records (README: e-mail).
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} of ${this.env.emailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** SendEmail from this environment's domain, through its configuration set, and nothing else. */
  grantSend(grantee: IGrantable): void {
    const configurationSetArn = Arn.format(
      {
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      },
      Stack.of(this),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.fromAddress } },
      }),
    );
  }
}
