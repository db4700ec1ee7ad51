/** The DynamoDB tables (built from lib/tables.ts, the one source of their definitions). */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type KeyAttribute, tables, type TableRole, type TableSpec } from '../functions/contract/tables';

const attributeType = (k: KeyAttribute): AttributeType =>
  k.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER;

/**
 * One table per spec: on-demand, AWS-managed encryption, TTL where the spec has one;
 * durable ones get PITR and are retained.
 */
export class DataTables extends Construct {
  /** The tables, keyed by their role in lib/tables.ts. */
  readonly byRole: Record<TableRole, Table>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const entries = (Object.entries(tables) as [TableRole, TableSpec][]).map(
      ([role, spec]) => [role, this.table(spec)] as const,
    );
    this.byRole = Object.fromEntries(entries) as Record<TableRole, Table>;
  }

  private table(spec: TableSpec): Table {
    // Table (CfnTable), not TableV2: cdk-nag's DDB3 check only understands CfnTable, so PITR stays machine-checked.
    const table = new Table(this, spec.id, {
      partitionKey: { name: spec.partitionKey.name, type: attributeType(spec.partitionKey) },
      sortKey: spec.sortKey && { name: spec.sortKey.name, type: attributeType(spec.sortKey) },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: spec.ttlAttribute,
      // The aws/dynamodb key: KMS-backed with CloudTrail visibility, and no key grants (with their wildcards) on the
      // function roles. Refresh tokens are additionally sealed with the app's own key before they reach a table.
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: spec.durable ? { pointInTimeRecoveryEnabled: true } : undefined,
      removalPolicy: spec.durable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of spec.indexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey) },
        sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey) },
        projectionType: ProjectionType.ALL,
      });
    }
    if (!spec.durable) {
      Validations.of(table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason:
          `${spec.id} holds only short-lived items (TTL "${spec.ttlAttribute}", minutes); ` +
          'nothing in it is worth restoring.',
      });
    }
    return table;
  }
}
