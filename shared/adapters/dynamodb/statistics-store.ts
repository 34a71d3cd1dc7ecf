import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CounterIncrement, StatisticsStore } from '../../ports/statistics';
import { keys } from '../../table/keys';
import { queryAll } from './query-all';

/** Statistics counters (access patterns 14-15): a marker item makes each event count once, even on replay. */
export class DynamoStatisticsStore implements StatisticsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(eventKey: string, month: string, increments: readonly CounterIncrement[]): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.countedEvent(eventKey), entity: 'CountedEvent', month }, ConditionExpression: 'attribute_not_exists(PK)' } },
            ...increments.map((inc) => {
              const names = Object.keys(inc.add);
              return {
                Update: {
                  TableName: this.tableName,
                  Key: keys.statistic(month, inc.dimension),
                  UpdateExpression: `SET entity = :e ADD ${names.map((_, i) => `#n${i} :v${i}`).join(', ')}`,
                  ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
                  ExpressionAttributeValues: { ':e': 'Statistic', ...Object.fromEntries(names.map((n, i) => [`:v${i}`, inc.add[n]])) },
                },
              };
            }),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async month(month: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.statisticsOf(month) },
    });
    return items.map((i) => {
      const { PK: _p, SK, entity: _e, ...values } = i;
      return { dimension: String(SK), values: values as Record<string, number> };
    });
  }
}
