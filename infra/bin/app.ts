// The CDK app: `cdk synth -c env=dev|prod`. Synthesis fails on any cdk-nag finding that is not acknowledged.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { environmentFromContext } from '../lib/config';
import { NrmChecks } from '../lib/nag/nrm-checks';
import { buildNrmApp } from '../lib/nrm-app';

const app = new App();
buildNrmApp(app, environmentFromContext(app.node));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new NrmChecks(app));
app.synth();
