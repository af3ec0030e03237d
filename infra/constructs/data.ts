import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEXES, type IndexLayout } from '#shared/store/table-layout.ts';

/**
 * The single table (DESIGN.md § Data). On-demand because review traffic is a few requests an
 * hour with bursts at deadlines; point-in-time recovery and deletion protection because the
 * audit trail (ART33) lives here and must outlast any mistaken `cdk destroy`.
 */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Idempotency records forget their key after a day; nothing else carries this attribute.
      timeToLiveAttribute: 'expiresAt',
      globalSecondaryIndexes: Object.values(INDEXES).map((index: IndexLayout) => ({
        indexName: index.name,
        partitionKey: { name: index.pk, type: index.pkType === 'N' ? AttributeType.NUMBER : AttributeType.STRING },
        sortKey: { name: index.sk, type: AttributeType.STRING },
        ...(index.include
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: ProjectionType.ALL }),
      })),
    });
  }
}
