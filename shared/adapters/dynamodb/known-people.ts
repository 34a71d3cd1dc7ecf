import type { KnownPeople } from '../../ports/known-people';
import { membership } from '../../table/entities/household';
import { personFact } from '../../table/entities/person-fact';
import type { Table } from './table';

/** Access pattern 5c: BatchGetItem of each reference's membership and retained fact slots. */
export class DynamoKnownPeople implements KnownPeople {
  constructor(private readonly table: Table) {}

  async knownAmong(refs: readonly string[], retained: readonly { recordType: string; slot: string }[]): Promise<Set<string>> {
    const keys = refs.flatMap((personRef) => [membership.key(personRef), ...retained.map((r) => personFact.key({ personRef, ...r }))]);
    const items = await this.table.batchGet(keys);
    return new Set(items.map((i) => String(i.PK).slice('PERSON#'.length)));
  }
}
