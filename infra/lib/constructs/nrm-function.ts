// The house defaults of every Lambda function: runtime, architecture, sizing, logs, tracing, bundling and a role
// of its own that starts with nothing but its log group.
import { Duration } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { LAMBDA_BUNDLING } from '../lambda-bundling';
import { acknowledge } from '../nag/acknowledge';
import { LOCKFILE, REPO_ROOT } from '../paths';
import { EnvironmentConstruct } from './environment-construct';

/**
 * Node.js 22: the runtime pinned in the repository (node_modules/.bin/node), on which the local platform and every
 * test run the same handler files. Moving to a newer Lambda runtime means moving that pin in the same change.
 */
export const RUNTIME = Runtime.NODEJS_22_X;

const APPLICATION_LOG_LEVEL: Record<EnvironmentConfig['logLevel'], ApplicationLogLevel> = {
  DEBUG: ApplicationLogLevel.DEBUG,
  INFO: ApplicationLogLevel.INFO,
  WARN: ApplicationLogLevel.WARN,
  ERROR: ApplicationLogLevel.ERROR,
};

export interface NrmFunctionProps {
  readonly env: EnvironmentConfig;
  /** The logical name (catalogue name); the physical name is `nrm-<env>-<name>`. */
  readonly name: string;
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly purpose: string;
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * How the function is invoked. Synchronous callers (API Gateway, event source mappings, Cognito) hand failures
   * back to the caller, so only asynchronous invocations get a dead-letter queue.
   */
  readonly invocation:
    | { readonly type: 'synchronous'; readonly failuresGoTo: string }
    | { readonly type: 'asynchronous'; readonly deadLetterQueue: IQueue };
}

export class NrmFunction extends EnvironmentConstruct {
  readonly function: NodejsFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: NrmFunctionProps) {
    super(scope, id, props.env);
    this.functionName = this.physicalName(props.name);

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: this.env.logRetention,
      removalPolicy: this.removalPolicy,
    });

    // A role per function without the AWS managed basic-execution policy: its only grant is its own log group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${this.functionName}: ${props.purpose}`.slice(0, 1000),
    });
    this.logGroup.grantWrite(role);
    this.role = role;

    this.function = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      description: props.purpose.slice(0, 256),
      entry: props.entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCKFILE,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: APPLICATION_LOG_LEVEL[this.env.logLevel],
      systemLogLevelV2: SystemLogLevel.INFO,
      tracing: Tracing.ACTIVE,
      ...(props.invocation.type === 'asynchronous'
        ? { deadLetterQueue: props.invocation.deadLetterQueue }
        : {}),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: this.env.logLevel,
        ...props.environment,
      },
      bundling: LAMBDA_BUNDLING,
    });

    acknowledge(
      this,
      'AwsSolutions-L1',
      'Node.js 22 on purpose: it is the runtime pinned in the repository, on which the local platform and all tests run these same handler files; the Lambda runtime moves with that pin.',
    );
    acknowledge(
      this,
      'Serverless-LambdaLatestVersion',
      'Node.js 22 on purpose: it is the runtime pinned in the repository, on which the local platform and all tests run these same handler files; the Lambda runtime moves with that pin.',
    );
    acknowledge(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'Only the actions that have no resource-level permissions use "*": X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and, for stream consumers, dynamodb:ListStreams. A test asserts no other action ever gets "*".',
    );
    if (props.invocation.type === 'synchronous') {
      acknowledge(
        this,
        'Serverless-LambdaDLQ',
        `Invoked synchronously, so an asynchronous dead-letter queue would never receive anything; failures go to ${props.invocation.failuresGoTo}.`,
      );
    }
  }
}
