// The stateful stack: the customer-managed key, the DynamoDB tables built from the store's table definitions, and the
// secrets the data depends on (the person key behind the statistics, the web key that seals stored drafts). Kept
// apart from the application so the application stack can be replaced without touching the data.

import type { KeyAttribute, TableDefinition } from '@nrm/store/tables';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type CfnSecret, type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { SECRET_NAMES, type SecretName } from './access';
import { type EnvironmentConfig, removalPolicyOf, resourcePrefix } from './config';
import { acknowledge } from './nag/acknowledge';

export interface DataStackProps extends StackProps {
  readonly env: NonNullable<StackProps['env']>;
  readonly config: EnvironmentConfig;
  readonly tables: readonly TableDefinition[];
}

function attribute(key: KeyAttribute): { name: string; type: AttributeType } {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

const SECRETS: Record<SecretName, { description: string; notRotated: string }> = {
  'person-key': {
    description:
      'Secret of the pseudonymous person key (HMAC) that lets statistics count people, not referrals.',
    notRotated:
      'Not rotated on a schedule on purpose: the person key is a keyed hash that must stay the same while statistics count people across referrals; a new secret would make every known person look new. Replacing it is a deliberate operation (infra/README.md).',
  },
  'web-key': {
    description: 'Key material of the web pages: seals the session cookies and the stored form drafts.',
    notRotated:
      'Not rotated on a schedule: a new value signs everyone out and makes unsubmitted drafts (kept 7 days) unreadable. It is replaced by hand if it may have leaked (infra/README.md); functions read it at their next cold start.',
  },
  'audit-seal-key': {
    description:
      'Key of the audit checkpoints (HMAC): read by the audit sealer and the operators who verify the trail, never by the API.',
    notRotated:
      'Not rotated on a schedule: every checkpoint signed so far is verified with this key, so a new value needs the old one kept for verifying (infra/README.md). It is replaced by hand if it may have leaked.',
  },
};

const STREAM_VIEW: Record<NonNullable<TableDefinition['stream']>, StreamViewType> = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
};

export class DataStack extends Stack {
  readonly key: Key;
  private readonly tablesByName = new Map<string, Table>();
  private readonly secrets = new Map<SecretName, Secret>();
  private readonly definitions = new Map<string, TableDefinition>();

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);

    this.key = new Key(this, 'DataKey', {
      alias: `alias/${resourcePrefix(config)}data`,
      description: 'Encrypts the NRM tables and their streams (personal data of presumed victims).',
      enableKeyRotation: true,
      pendingWindow: Duration.days(config.retainData ? 30 : 7),
      removalPolicy,
    });

    for (const definition of props.tables) {
      const table = new Table(this, `Table-${definition.name}`, {
        tableName: `${resourcePrefix(config)}${definition.name}`,
        partitionKey: attribute(definition.partitionKey),
        ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: config.retainData,
        removalPolicy,
        ...(definition.stream ? { stream: STREAM_VIEW[definition.stream] } : {}),
        ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      });
      for (const index of definition.indexes) {
        const projection = index.projection;
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          ...(projection === 'ALL'
            ? { projectionType: ProjectionType.ALL }
            : projection === 'KEYS_ONLY'
              ? { projectionType: ProjectionType.KEYS_ONLY }
              : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection.include] }),
        });
      }
      this.tablesByName.set(definition.name, table);
      this.definitions.set(definition.name, definition);
    }

    // Generated by Secrets Manager at creation: no one ever sees or types them.
    for (const name of SECRET_NAMES) {
      const secret = new Secret(this, `Secret-${name}`, {
        secretName: `${resourcePrefix(config)}${name}`,
        description: SECRETS[name].description,
        encryptionKey: this.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        removalPolicy,
      });
      acknowledge(secret.node.defaultChild as CfnSecret, 'AwsSolutions-SMG4', SECRETS[name].notRotated);
      this.secrets.set(name, secret);
    }
  }

  secret(name: SecretName): ISecret {
    const secret = this.secrets.get(name);
    if (!secret) throw new Error(`No secret "${name}"`);
    return secret;
  }

  table(name: string): ITable {
    const table = this.tablesByName.get(name);
    if (!table) throw new Error(`No table "${name}" in the table definitions`);
    return table;
  }

  definition(name: string): TableDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No table "${name}" in the table definitions`);
    return definition;
  }
}
