// The stateful stack: the customer-managed key and the DynamoDB tables, built from the store's table definitions.
// Kept apart from the application so the application stack can be replaced without touching the data.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
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
import type { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../packages/store/src/tables';
import { type EnvironmentConfig, resourcePrefix } from './config';

export interface DataStackProps extends StackProps {
  readonly env: NonNullable<StackProps['env']>;
  readonly config: EnvironmentConfig;
  readonly tables: readonly TableDefinition[];
}

function attribute(key: KeyAttribute): { name: string; type: AttributeType } {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

const STREAM_VIEW: Record<NonNullable<TableDefinition['stream']>, StreamViewType> = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
};

export class DataStack extends Stack {
  readonly key: Key;
  private readonly tablesByName = new Map<string, Table>();
  private readonly definitions = new Map<string, TableDefinition>();

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

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
