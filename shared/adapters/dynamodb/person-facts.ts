import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PersonFact, PersonFacts } from '../../ports/person-facts';
import { keys } from '../../table/keys';
import { mapLimit } from '../partial-retry';
import { batchPut } from './batch-write';
import { queryAll } from './query-all';
import { strip } from './submission-store';

/** Person facts in the single table (access pattern 5b). */
export class DynamoPersonFacts implements PersonFacts {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async factsOf(personRefs: readonly string[]): Promise<Map<string, PersonFact[]>> {
    const unique = [...new Set(personRefs)];
    const lists = await mapLimit(unique, 8, (ref) =>
      queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :facts)',
        ExpressionAttributeValues: { ':pk': keys.personPartition(ref), ':facts': keys.FACT_PREFIX },
        // Strongly consistent: a roll entry must see a death written a moment before (the race).
        ConsistentRead: true,
      }),
    );
    return new Map(unique.map((ref, i) => [ref, lists[i]!.map((item) => strip(item) as unknown as PersonFact)]));
  }

  async record(facts: readonly PersonFact[]): Promise<void> {
    await batchPut(this.db, this.tableName, facts.map((f) => ({ ...keys.personFact(f.personRef, f.recordType, f.recordId), entity: 'PersonFact', ...f })));
  }
}
