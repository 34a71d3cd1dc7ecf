import { DescribeTimeToLiveCommand, DynamoDBClient, UpdateTimeToLiveCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { AUDIT_HEADS_TABLE_KEYS, IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';

/** The tables as the stateful stack declares them, built from the same key definitions. */
export function householdsTableDefinition(TableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, gsi1, gsi2, gsi3 } = TABLE_KEYS;
  const S = 'S' as const;
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [partitionKey, sortKey, gsi1.partitionKey, gsi1.sortKey, gsi2.partitionKey, gsi2.sortKey, gsi3.partitionKey, gsi3.sortKey].map(
      (AttributeName) => ({
        AttributeName,
        AttributeType: S,
      }),
    ),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [gsi1, gsi2, gsi3].map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

export function idempotencyTableDefinition(TableName: string): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE_KEYS.partitionKey, AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE_KEYS.partitionKey, KeyType: 'HASH' as const }],
  };
}

export function auditHeadsTableDefinition(TableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey } = AUDIT_HEADS_TABLE_KEYS;
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [partitionKey, sortKey].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
  };
}

/** Expired idempotency records and temporary items are removed by TTL, as on AWS. */
export async function enableTimeToLive(endpoint: string, region: string, tables: [string, string][]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const [TableName, AttributeName] of tables) {
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
      if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') continue;
      await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName } }));
    }
  } finally {
    client.destroy();
  }
}
