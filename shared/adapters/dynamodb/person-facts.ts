import type { FactKey, PersonFact } from '../../domain/person-fact';
import type { PersonFacts } from '../../ports/person-facts';
import { FACT_PREFIX, personFact, personPartition } from '../../table/entities/person-fact';
import type { Table } from './table';

/** Person facts in the single table (access pattern 5b). */
export class DynamoPersonFacts implements PersonFacts {
  constructor(private readonly table: Table) {}

  /** Strongly consistent: a roll entry must see a death written a moment before (the race). */
  async factsAt(keys: readonly FactKey[]): Promise<Map<string, PersonFact[]>> {
    const out = new Map<string, PersonFact[]>();
    for (const f of (await this.table.batchGet(keys.map(personFact.key))).map(personFact.fromItem)) out.set(f.personRef, [...(out.get(f.personRef) ?? []), f]);
    return out;
  }

  async dossierOf(personRef: string): Promise<PersonFact[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :facts)',
      ExpressionAttributeValues: { ':pk': personPartition(personRef), ':facts': FACT_PREFIX },
      ConsistentRead: true,
    });
    return items.map(personFact.fromItem);
  }

  async record(facts: readonly PersonFact[]): Promise<void> {
    await this.table.batchWrite(facts.map(personFact.toItem));
  }
}
