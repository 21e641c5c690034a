// The dev environment as `cdk synth` builds it from the real catalogue: every property that matters for safety and
// correctness, and a clean bill from cdk-nag.

import { ROLES } from '@nrm/domain/vocabulary';
import { consumerOf, visibilityTimeoutSeconds } from '@nrm/functions/catalogue';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS as DECLARED_ACCESS, type FunctionAccess } from '../lib/access';
import {
  batchingOf,
  dlqName,
  FUNCTIONS as FUNCTION_CATALOGUE,
  type FunctionDefinition,
  keys,
  QUEUES as QUEUE_CATALOGUE,
  type QueueDefinition,
  RELAY_FAILURE_QUEUE,
  RELAY_MAX_RETRIES,
  TABLES,
  type TableName,
  VISIBILITY_TIMEOUT_FACTOR,
} from '../lib/catalogue';
import { PUBLIC_ROUTES, WEB_ROUTES } from '../lib/constructs/api';
import { SECRET_ARN_VARIABLES } from '../lib/constructs/compute';
import { API_AUDIENCE } from '../lib/constructs/identity';
import { PLATFORM_SCOPES } from '../lib/identity/claims';
import {
  acknowledgements,
  dependencyCycle,
  resourcesOf,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
  synthesize,
} from './support';

// Widened from the literal catalogue types, as any future entry would be.
const FUNCTIONS: readonly FunctionDefinition[] = FUNCTION_CATALOGUE;
const QUEUES: readonly QueueDefinition[] = QUEUE_CATALOGUE;
const FUNCTION_ACCESS: Readonly<Record<string, FunctionAccess>> = DECLARED_ACCESS;

let synth: Synthesized;
let app: Template;
let data: Template;
let edge: Template;

beforeAll(() => {
  synth = synthesize({ context: { env: 'dev' } });
  ({ app, data, edge } = synth.templates);
}, SYNTH_TIMEOUT_MS);

type Props = Record<string, unknown>;

function functionNamed(name: string): { id: string; props: Props } {
  const entry = Object.entries(resourcesOf(app, 'AWS::Lambda::Function')).find(
    ([, p]) => p.FunctionName === `nrm-dev-${name}`,
  );
  if (!entry) throw new Error(`No function nrm-dev-${name}`);
  return { id: entry[0], props: entry[1] };
}

/** The catalogue's functions a trigger of this type starts, each with its trigger narrowed to that type. */
function triggeredBy<T extends FunctionDefinition['trigger']['type']>(type: T) {
  type Narrowed = Extract<FunctionDefinition['trigger'], { type: T }>;
  return FUNCTIONS.flatMap((f) =>
    f.trigger.type === type ? [{ ...f, trigger: f.trigger as Narrowed }] : [],
  );
}

/** Asserts that the app maps an event source to the function named `name` with (at least) these properties. */
function hasMapping(name: string, props: Props): void {
  app.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    FunctionName: { Ref: functionNamed(name).id },
    ...props,
  });
}

function roleIdOf(name: string): string {
  const role = functionNamed(name).props.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statementsOf(roleId: string): Statement[] {
  return Object.values(resourcesOf(app, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Roles).includes(`"${roleId}"`))
    .flatMap((p) => (p.PolicyDocument as { Statement: Statement[] }).Statement);
}

function actionsOf(roleId: string): string[] {
  return statementsOf(roleId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

function queueNamed(name: string): { id: string; props: Props } {
  const entry = Object.entries(resourcesOf(app, 'AWS::SQS::Queue')).find(
    ([, p]) => p.QueueName === `nrm-dev-${name}`,
  );
  if (!entry) throw new Error(`No queue nrm-dev-${name}`);
  return { id: entry[0], props: entry[1] };
}

describe('data', () => {
  it.each(TABLES.map((t) => [t.name, t] as const))('table %s is built from its definition', (_, table) => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `nrm-dev-${table.name}`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' }] : []),
      ],
      GlobalSecondaryIndexes: table.indexes.length
        ? table.indexes.map((index) =>
            Match.objectLike({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
              ],
            }),
          )
        : Match.absent(),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      ...(table.stream ? { StreamSpecification: { StreamViewType: table.stream } } : {}),
      ...(table.timeToLiveAttribute
        ? { TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true } }
        : {}),
    });
  });

  it('encrypts with a customer-managed key that rotates', () => {
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const key = Object.keys(data.findResources('AWS::KMS::Key'))[0];
    for (const table of Object.values(resourcesOf(data, 'AWS::DynamoDB::Table'))) {
      expect(JSON.stringify(table.SSESpecification)).toContain(`"${key}"`);
    }
  });

  it('keeps the person-key, web-key and audit-seal-key secrets beside the data: generated, encrypted with the data key', () => {
    const key = Object.keys(data.findResources('AWS::KMS::Key'))[0];
    for (const name of ['person-key', 'web-key', 'audit-seal-key']) {
      data.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `nrm-dev-${name}`,
        KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
      });
    }
    // Nothing in the templates carries a secret's value.
    expect(JSON.stringify(app.toJSON())).not.toMatch(
      /SecretString"|NRM_WEB_KEY"|NRM_PERSON_KEY_SECRET"|NRM_AUDIT_SEAL_KEY"/,
    );
  });

  it('lets dev tables be deleted with the stack', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });
});

describe('messaging', () => {
  it.each(QUEUES.map((q) => [q.name, q] as const))(
    'queue %s has a dead-letter queue, KMS and its visibility',
    (_, q) => {
      const dlq = queueNamed(dlqName(q));
      const queue = queueNamed(q.name);
      // A queue whose consumer is not in the catalogue yet keeps SQS's default (its message age is alarmed).
      expect(queue.props.VisibilityTimeout).toBe(
        consumerOf(q.name) ? visibilityTimeoutSeconds(q.name) : undefined,
      );
      expect(queue.props).toMatchObject({
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] },
          maxReceiveCount: q.maxReceiveCount,
        },
        KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^MessagingKey/), 'Arn'] },
      });
      expect(dlq.props).toMatchObject({
        MessageRetentionPeriod: 14 * 24 * 3600,
        KmsMasterKeyId: expect.anything(),
      });
    },
  );

  it('hides a message for at least six times the timeout of the function consuming it', () => {
    for (const q of QUEUES) {
      const consumer = FUNCTIONS.find((f) => f.trigger.type === 'sqs' && f.trigger.queue === q.name);
      if (!consumer) continue;
      const visibility = queueNamed(q.name).props.VisibilityTimeout as number;
      expect(visibility, q.name).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * consumer.timeoutSeconds);
    }
  });

  it('refuses every queue request without TLS', () => {
    const queues = Object.keys(app.findResources('AWS::SQS::Queue'));
    const policies = Object.values(resourcesOf(app, 'AWS::SQS::QueuePolicy'));
    for (const id of queues) {
      const policy = policies.find((p) => JSON.stringify(p.Queues).includes(`"${id}"`));
      expect(policy?.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      });
    }
  });

  it('encrypts every queue with the messaging key', () => {
    for (const queue of Object.values(resourcesOf(app, 'AWS::SQS::Queue'))) {
      expect(queue.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MessagingKey/), 'Arn'] });
    }
    app.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('compute', () => {
  it.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s has the house defaults', (name, definition) => {
    const { props } = functionNamed(name);
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: definition.memoryMb,
      Timeout: definition.timeoutSeconds,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      Environment: {
        Variables: expect.objectContaining({
          NRM_STAGE: 'dev',
          NRM_TABLE_PREFIX: 'nrm-dev-',
          NRM_QUEUE_URLS: expect.anything(),
          NRM_JWT_ISSUER: { 'Fn::GetAtt': [expect.stringMatching(/^IdentityUserPool/), 'ProviderURL'] },
          NRM_JWT_AUDIENCE: API_AUDIENCE,
          NRM_JWKS_URL: expect.anything(),
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
    const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(app.toJSON().Resources[logGroup].Properties).toMatchObject({
      LogGroupName: `/aws/lambda/nrm-dev-${name}`,
      RetentionInDays: 14,
    });
  });

  it('gives every function a role of its own without AWS managed policies', () => {
    const roles = FUNCTIONS.map((f) => roleIdOf(f.name));
    expect(new Set(roles).size).toBe(roles.length);
    for (const role of roles)
      expect(app.toJSON().Resources[role].Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('maps every SQS consumer with partial batch responses, the batch size and batching window of its queue', () => {
    for (const { name, trigger } of triggeredBy('sqs')) {
      const queue = QUEUES.find((q) => q.name === trigger.queue)!;
      const window = batchingOf(queue).windowSeconds;
      hasMapping(name, {
        EventSourceArn: { 'Fn::GetAtt': [queueNamed(queue.name).id, 'Arn'] },
        BatchSize: queue.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(window ? { MaximumBatchingWindowInSeconds: window } : {}),
      });
    }
    // The statistics aggregator counts a burst's events a hundred at a time, waiting a second for them.
    hasMapping('stats-aggregator', { BatchSize: 100, MaximumBatchingWindowInSeconds: 1 });
  });

  it('relays only inserted event items from the stream, in order, with bounded retries and a failure queue', () => {
    for (const { name, trigger } of triggeredBy('stream')) {
      const table = TABLES.find((t) => t.name === trigger.table);
      hasMapping(name, {
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: RELAY_MAX_RETRIES,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [queueNamed(dlqName({ name })).id, 'Arn'] } },
        },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { Keys: { [table?.sortKey?.name ?? '']: { S: [{ prefix: keys.event.prefix }] } } },
              }),
            },
          ],
        },
      });
      const mapping = Object.values(resourcesOf(app, 'AWS::Lambda::EventSourceMapping')).find(
        (m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: functionNamed(name).id }),
      );
      expect(mapping?.ParallelizationFactor ?? 1).toBe(1);
    }
  });

  it("sends the relay's failures to the queue the redrive tool reads", () => {
    expect(dlqName({ name: 'outbox-relay' })).toBe(RELAY_FAILURE_QUEUE);
    expect(RELAY_MAX_RETRIES).toBeGreaterThan(0);
    queueNamed(RELAY_FAILURE_QUEUE);
  });
});

describe('least privilege', () => {
  /** Actions AWS offers no resource-level permission for. */
  const WILDCARD_RESOURCE_ACTIONS = [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'dynamodb:ListStreams',
  ];

  it('uses "*" as a resource only for actions that allow nothing narrower, and never a wildcard action', () => {
    for (const policy of Object.values(resourcesOf(app, 'AWS::IAM::Policy'))) {
      for (const statement of (policy.PolicyDocument as { Statement: Statement[] }).Statement) {
        const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
        for (const action of actions) expect(action).not.toContain('*');
        if (statement.Resource === '*') {
          for (const action of actions) expect(WILDCARD_RESOURCE_ACTIONS).toContain(action);
        }
      }
    }
  });

  it('never lets a function scan; only the retention purge deletes freely (statistics: person keys only), the web only its drafts', () => {
    for (const definition of FUNCTIONS) {
      const statements = statementsOf(roleIdOf(definition.name));
      const actions = actionsOf(roleIdOf(definition.name));
      for (const action of ['dynamodb:Scan', 'dynamodb:BatchWriteItem'])
        expect(actions, definition.name).not.toContain(action);
      const deletes = statements.filter((s) => [s.Action].flat().includes('dynamodb:DeleteItem'));
      if (definition.name === 'retention-purge') {
        // Its own table's personal items freely; in the statistics table only the person-key items.
        expect(deletes.filter((s) => s.Condition).map((s) => s.Condition)).toEqual([
          { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERSON#*'] } },
        ]);
        continue;
      }
      const allowed = FUNCTION_ACCESS[definition.name]?.deletesItems ?? {};
      expect(deletes.length, definition.name).toBe(Object.keys(allowed).length);
      for (const statement of deletes) {
        // Only items whose partition key is a draft's or a web session's (the web), or an organisation's webhook
        // endpoints (the API, issue 17): never a referral, its events or its personal data.
        expect(statement.Action, definition.name).toEqual('dynamodb:DeleteItem');
        expect(
          Object.values(allowed).map((keys) => ({
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys },
          })),
        ).toContainEqual(statement.Condition);
      }
    }
    expect(FUNCTION_ACCESS.web?.deletesItems).toEqual({ referrals: ['DRAFT#*', 'DRAFTS#*', 'WEBSESSION#*'] });
    expect(FUNCTION_ACCESS.api?.deletesItems).toEqual({ referrals: ['WEBHOOKS#*'] });
  });

  it('lets a function read only the secrets it declares, by ARN in its environment, never the value itself', () => {
    const secrets = resourcesOf(data, 'AWS::SecretsManager::Secret');
    const secretId = (name: string) =>
      Object.entries(secrets).find(([, p]) => p.Name === `nrm-dev-${name}`)?.[0] ?? 'missing';
    for (const definition of FUNCTIONS) {
      const declared = FUNCTION_ACCESS[definition.name]?.readsSecrets ?? [];
      const variables = (functionNamed(definition.name).props.Environment as { Variables: Props }).Variables;
      expect(variables, definition.name).not.toHaveProperty('NRM_PERSON_KEY_SECRET');
      expect(variables, definition.name).not.toHaveProperty('NRM_WEB_KEY');
      const reads = statementsOf(roleIdOf(definition.name)).filter((s) =>
        [s.Action].flat().includes('secretsmanager:GetSecretValue'),
      );
      expect(JSON.stringify(reads.map((s) => s.Action)), definition.name).not.toContain('*');
      for (const name of ['person-key', 'web-key', 'audit-seal-key'] as const) {
        const variable = SECRET_ARN_VARIABLES[name];
        expect(JSON.stringify(reads).includes(secretId(name)), `${definition.name} reads ${name}`).toBe(
          declared.includes(name),
        );
        expect(variable in variables, `${definition.name} has ${variable}`).toBe(declared.includes(name));
      }
    }
    expect(FUNCTION_ACCESS.api?.readsSecrets).toEqual(['person-key']);
    expect(FUNCTION_ACCESS.web?.readsSecrets).toEqual(['person-key', 'web-key']);
  });

  it('grants each function exactly the item actions FUNCTION_ACCESS declares, table by table', () => {
    const read = [
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ];
    const expected = {
      read,
      append: [...read, 'dynamodb:PutItem'].sort(),
      'read-write': [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
      erase: [...read, 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    };
    const itemActions = new Set([
      ...expected['read-write'],
      'dynamodb:DeleteItem',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
    ]);
    for (const definition of FUNCTIONS) {
      for (const table of TABLES) {
        const granted = statementsOf(roleIdOf(definition.name))
          // Conditional grants (the web's draft deletes) are the test above's.
          .filter((s) => !s.Condition && JSON.stringify(s.Resource).includes(`Table${table.name}`))
          .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
          .filter((a) => itemActions.has(a))
          .sort();
        const level = FUNCTION_ACCESS[definition.name]?.tables?.[table.name as TableName];
        // A function whose puts are limited to some keys gets them in a conditional grant (the test below).
        const keyed = FUNCTION_ACCESS[definition.name]?.putsItems?.[table.name as TableName];
        const unconditional = (level ? expected[level] : []).filter(
          (a) => !keyed || a !== 'dynamodb:PutItem',
        );
        expect(granted, `${definition.name} on ${table.name}`).toEqual(unconditional);
      }
    }
  });

  it('lets the API put only audit entries and listing pointers, and only the sealer put checkpoints (issue 15)', () => {
    const putsOnAudit = (name: string) =>
      statementsOf(roleIdOf(name)).filter(
        (s) =>
          [s.Action].flat().includes('dynamodb:PutItem') && JSON.stringify(s.Resource).includes('Tableaudit'),
      );
    const leadingKeys = (name: string) =>
      putsOnAudit(name).map((s) => s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']);
    // Every function that appends to the audit table does so under a LeadingKeys condition: no unconditional put.
    for (const definition of FUNCTIONS) {
      if (!FUNCTION_ACCESS[definition.name]?.tables?.audit) continue;
      expect(putsOnAudit(definition.name).length, definition.name).toBeGreaterThan(0);
      for (const statement of putsOnAudit(definition.name))
        expect(statement.Condition, definition.name).toBeDefined();
    }
    for (const name of ['api', 'web', 'retention-purge']) {
      expect(leadingKeys(name), name).toEqual([['TRAIL#*', 'LISTED#*']]);
    }
    expect(leadingKeys('audit-sealer')).toEqual([['CHECKPOINT#*', 'SEALER#*']]);
    // The seal key: the sealer reads it, the API's roles do not (the secrets test below checks every function).
    expect(FUNCTION_ACCESS['audit-sealer']?.readsSecrets).toEqual(['audit-seal-key']);
    for (const name of ['api', 'web', 'retention-purge'] as const) {
      expect(FUNCTION_ACCESS[name]?.readsSecrets ?? [], name).not.toContain('audit-seal-key');
    }
  });

  it('lets the webhook sender send only to its own queue (its delayed retries) and that queue’s DLQ, and e-mail', () => {
    const sends = statementsOf(roleIdOf('webhook-sender')).filter((s) =>
      [s.Action].flat().includes('sqs:SendMessage'),
    );
    const targets = JSON.stringify(sends.map((s) => s.Resource));
    expect(targets).toContain(`"${queueNamed('webhooks').id}"`);
    expect(targets).toContain(`"${queueNamed('webhooks-dlq').id}"`);
    for (const q of QUEUES.filter((q) => q.name !== 'webhooks')) {
      expect(targets, q.name).not.toContain(`"${queueNamed(q.name).id}"`);
      expect(targets, dlqName(q)).not.toContain(`"${queueNamed(dlqName(q)).id}"`);
    }
    expect(actionsOf(roleIdOf('webhook-sender'))).toEqual(expect.arrayContaining(['ses:SendEmail']));
    // It finds the dead-letter queue's URL where it finds every queue's.
    const urls = JSON.stringify(
      (functionNamed('webhook-sender').props.Environment as { Variables: Props }).Variables.NRM_QUEUE_URLS,
    );
    expect(urls).toContain('webhooks-dlq');
    expect(urls).toContain(queueNamed('webhooks-dlq').id);
  });

  it('lets the outbox relay send to every queue that subscribes to events, and no other function send', () => {
    const subscribers = QUEUES.filter((q) => q.eventTypes === '*' || q.eventTypes.length > 0);
    for (const definition of FUNCTIONS) {
      const sends = statementsOf(roleIdOf(definition.name)).filter((s) =>
        (Array.isArray(s.Action) ? s.Action : [s.Action]).includes('sqs:SendMessage'),
      );
      const targets = JSON.stringify(sends.map((s) => s.Resource));
      const declared = FUNCTION_ACCESS[definition.name]?.sendsTo;
      for (const q of QUEUES) {
        const expected =
          declared === 'outbox-subscribers' ? subscribers.includes(q) : (declared ?? []).includes(q.name);
        expect(targets.includes(`"${queueNamed(q.name).id}"`), `${definition.name} → ${q.name}`).toBe(
          expected,
        );
      }
    }
  });
});

describe('API', () => {
  it('puts a Cognito JWT authorizer on /v1 and leaves only the contract-public routes and the pages open', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [API_AUDIENCE],
        Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IdentityUserPool'), 'ProviderURL'] },
      },
    });
    app.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /v1/{proxy+}',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: Match.anyValue() },
    });
    const routes = Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Route'));
    const open = routes.filter((r) => r.AuthorizationType === 'NONE').map((r) => r.RouteKey);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES.map((p) => `GET ${p}`), 'GET /', 'ANY /{proxy+}'].sort());
  });

  it('sends the pages (every path the API does not claim) to the web function, and /v1 to the api function', () => {
    const integrations = resourcesOf(app, 'AWS::ApiGatewayV2::Integration');
    const target = (routeKey: string) => {
      const route = Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Route')).find(
        (r) => r.RouteKey === routeKey,
      );
      const target = route?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] } | undefined;
      const id = target?.['Fn::Join'][1][1].Ref ?? 'missing';
      return JSON.stringify(integrations[id]?.IntegrationUri);
    };
    for (const { path, methods } of WEB_ROUTES) {
      expect(target(`${methods[0]} ${path}`)).toContain(functionNamed('web').id);
    }
    for (const key of ['ANY /v1/{proxy+}', ...PUBLIC_ROUTES.map((p) => `GET ${p}`)]) {
      expect(target(key), key).toContain(functionNamed('api').id);
    }
  });

  it('throttles the stage and writes JSON access logs to a log group with retention', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
    });
    const stage = Object.values(resourcesOf(app, 'AWS::ApiGatewayV2::Stage'))[0];
    expect(() =>
      JSON.parse((stage?.AccessLogSettings as { Format: string } | undefined)?.Format ?? ''),
    ).not.toThrow();
    app.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/apigateway/nrm-dev-api',
      RetentionInDays: 14,
    });
  });

  it('serves the API through CloudFront with the web ACL, HTTPS only, geo restriction, no caching and logs', () => {
    app.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: {
          'Fn::GetStackOutput': Match.objectLike({ StackName: 'nrm-dev-edge', Region: 'us-east-1' }),
        },
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        }),
        Origins: [
          Match.objectLike({ CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) }),
        ],
        Restrictions: { GeoRestriction: { RestrictionType: 'whitelist', Locations: ['SE'] } },
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
  });

  it('has a CloudFront-scoped web ACL with AWS managed rules and a per-IP rate limit', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
          },
        }),
      ]),
    });
    expect(synth.stacks.edge.region).toBe('us-east-1');
  });
});

describe('identity', () => {
  it('is a Plus user pool: administrators create people, MFA by authenticator app, threat protection enforced', () => {
    app.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireNumbers: true,
          RequireSymbols: true,
          RequireUppercase: true,
          RequireLowercase: true,
        }),
      },
    });
  });

  it('has one group per platform role', () => {
    const groups = Object.values(resourcesOf(app, 'AWS::Cognito::UserPoolGroup')).map((g) => g.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has a resource server whose identifier is the API audience, with the platform scopes', () => {
    app.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: API_AUDIENCE,
      Scopes: PLATFORM_SCOPES.map((s) => Match.objectLike({ ScopeName: s })),
    });
  });

  it('gives each registered agency system a client-credentials client with a secret', () => {
    const client = Object.values(resourcesOf(app, 'AWS::Cognito::UserPoolClient')).find(
      (c) => c.ClientName === 'agency-demo-police-system',
    );
    expect(client).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    // `<resource server>/<scope>`: the server is referenced so CloudFormation creates it before the client.
    expect(JSON.stringify(client?.AllowedOAuthScopes)).toContain('/referrals:write');
    // It registers its organisation's webhook endpoints itself (issue 17).
    expect(JSON.stringify(client?.AllowedOAuthScopes)).toContain('/webhooks:manage');
  });

  it('gives the web a public authorization-code client that can write no attribute', () => {
    const origin = ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }];
    app.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith([
        'openid',
        ...PLATFORM_SCOPES.map((s) => ({ 'Fn::Join': ['', [{ Ref: Match.anyValue() }, `/${s}`]] })),
      ]),
      // The pages are at CloudFront's origin when no other web origin is configured.
      CallbackURLs: [{ 'Fn::Join': ['', [...origin, '/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [...origin, '/sign-in']] }],
      WriteAttributes: [],
    });
  });

  it('tells the web function where the hosted sign-in is, which client it is and where it is served', () => {
    const variables = (functionNamed('web').props.Environment as { Variables: Props }).Variables;
    const webClient = Object.entries(resourcesOf(app, 'AWS::Cognito::UserPoolClient')).find(
      ([, p]) => p.ClientName === 'web',
    )?.[0];
    expect(variables).toMatchObject({
      NRM_SIGN_IN_DOMAIN: {
        'Fn::Join': ['', expect.arrayContaining([{ Ref: expect.stringMatching(/^IdentityUserPoolDomain/) }])],
      },
      NRM_WEB_CLIENT_ID: { Ref: webClient },
      NRM_SIGN_IN_SCOPES: `openid email profile ${PLATFORM_SCOPES.map((s) => `${API_AUDIENCE}/${s}`).join(' ')}`,
      NRM_WEB_ORIGIN: {
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^ApiEdge/), 'DomainName'] }]],
      },
    });
    app.hasOutput('WebUrl', { Value: variables.NRM_WEB_ORIGIN });
  });

  it('runs the pre token generation trigger (V3, so also for client credentials) and lets Cognito invoke it', () => {
    app.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaVersion: 'V3_0',
          LambdaArn: { 'Fn::Join': ['', Match.arrayWith([':function:nrm-dev-pre-token-generation'])] },
        },
      },
    });
    const trigger = functionNamed('pre-token-generation');
    app.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [trigger.id, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IdentityUserPool'), 'Arn'] },
    });
  });
});

describe('e-mail', () => {
  it('sends from a DKIM domain identity through a configuration set that requires TLS', () => {
    app.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'dev.nrm.example.se' });
    app.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'nrm-dev-notifications',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('alarms and dashboard', () => {
  function alarmNamed(name: string): Props | undefined {
    return Object.values(resourcesOf(app, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.AlarmName === `nrm-dev-${name}`,
    );
  }

  it('alarms on the depth of every dead-letter queue', () => {
    const dlqs = [
      ...QUEUES.map((q) => dlqName(q)),
      ...FUNCTIONS.filter((f) => f.trigger.type === 'stream' || f.trigger.type === 'schedule').map((f) =>
        dlqName(f),
      ),
    ];
    for (const dlq of dlqs) {
      expect(alarmNamed(`${dlq}-depth`), dlq).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: expect.stringMatching(/^MonitoringAlarms/) }],
      });
    }
  });

  it('alarms when a message waits in any queue for a quarter of an hour', () => {
    for (const q of QUEUES) {
      expect(alarmNamed(`${q.name}-age`), q.name).toMatchObject({
        MetricName: 'ApproximateAgeOfOldestMessage',
        Threshold: 900,
      });
    }
  });

  it('alarms on errors and throttles of every function, outbox lag, API 5xx and SLA breaches', () => {
    for (const f of FUNCTIONS) {
      expect(alarmNamed(`${f.name}-errors`), f.name).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
      });
      expect(alarmNamed(`${f.name}-throttles`), f.name).toMatchObject({ MetricName: 'Throttles' });
    }
    expect(alarmNamed('outbox-relay-iterator-age')).toMatchObject({
      MetricName: 'IteratorAge',
      Threshold: 60_000,
    });
    expect(alarmNamed('api-5xx')).toMatchObject({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' });
    expect(alarmNamed('sla-breaches')).toMatchObject({ MetricName: 'ClockBreached', Namespace: 'NRM' });
  });

  it('alarms on a burst of submissions, counted from the access log', () => {
    const filters = Object.values(resourcesOf(app, 'AWS::Logs::MetricFilter')) as {
      FilterPattern: string;
      MetricTransformations: { MetricName: string }[];
    }[];
    const submitted = filters.find((f) => f.MetricTransformations[0]?.MetricName === 'ReferralsSubmitted');
    expect(submitted?.FilterPattern).toBe(
      '{ ($.method = "POST") && ($.path = "/v1/referrals") && ($.status = "201") }',
    );
    expect(alarmNamed('submission-burst')).toMatchObject({
      Threshold: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      MetricName: 'ReferralsSubmitted',
      Namespace: 'NRM',
    });
  });

  it("alarms when 5 % or more of the API's answers in five minutes are 503, counted from the access log", () => {
    const filters = Object.values(resourcesOf(app, 'AWS::Logs::MetricFilter')) as {
      MetricTransformations: { MetricName: string }[];
    }[];
    const filter = filters.find((f) => f.MetricTransformations[0]?.MetricName === 'ApiUnavailable');
    expect(filter).toMatchObject({
      FilterPattern: '{ $.status = "503" }',
      LogGroupName: { Ref: expect.stringMatching(/^ApiAccessLogs/) },
      MetricTransformations: [{ MetricNamespace: 'NRM', MetricName: 'ApiUnavailable', MetricValue: '1' }],
    });
    const rate = alarmNamed('api-503-rate');
    expect(rate).toMatchObject({
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^MonitoringAlarms/) }],
    });
    const metrics = rate?.Metrics as { Expression?: string; MetricStat?: { Metric: Props } }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe(
      'IF(requests >= 20, 100 * FILL(unavailable, 0) / requests, 0)',
    );
    expect(metrics.map((m) => m.MetricStat?.Metric.MetricName).filter(Boolean)).toEqual(
      expect.arrayContaining(['Count', 'ApiUnavailable']),
    );
  });

  it('sends alarms to an encrypted topic that accepts TLS only', () => {
    app.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'nrm-dev-alarms',
      KmsMasterKeyId: Match.anyValue(),
    });
    app.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('shows dead letters, every function, the API and SLA breaches on the dashboard', () => {
    const [dashboard] = Object.values(resourcesOf(app, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.DashboardBody);
    for (const title of [
      'Dead-letter queue depth',
      'SLA breaches',
      'Function errors',
      'Function throttles',
    ]) {
      expect(body).toContain(title);
    }
    for (const f of FUNCTIONS) expect(body).toContain(`\\"label\\":\\"${f.name}\\"`);
  });
});

describe('the whole app', () => {
  it('has no finding of the AwsSolutions, Serverless or NRM packs that is not acknowledged', () => {
    expect(synth.findings).toEqual([]);
  });

  it('acknowledges each finding on a resource with a reason of its own', () => {
    const all = acknowledgements(synth.app);
    expect(all.length).toBeGreaterThan(0);
    for (const { path, rule, reason } of all) {
      expect(reason.length, `${rule} at ${path}`).toBeGreaterThanOrEqual(60);
      expect(reason, `${rule} at ${path}`).not.toMatch(/\$\{Token/);
      expect(path.split('/').length, `${rule} is acknowledged on a whole stack`).toBeGreaterThan(2);
    }
  });

  it('has no dependency cycle CloudFormation would refuse', () => {
    for (const template of [app, data, edge]) expect(dependencyCycle(template)).toBeUndefined();
  });

  it('synthesizes without an AWS account: no stack is pinned to one', () => {
    for (const stack of [synth.stacks.data, synth.stacks.edge, synth.stacks.app]) {
      expect(stack.account).toMatch(/^\$\{Token/);
    }
    expect(synth.stacks.app.region).toBe('eu-north-1');
  });
});
