import type { DistrictCode } from '../../domain/districts';
import type { DecisionByOfficer, Officer } from '../../domain/favouritism';
import type { OfficerRegister } from '../../ports/officer-register';
import { decisionByOfficer, officer } from '../../table/entities/officer';
import { TABLE_KEYS } from '../../table/keys';
import type { Table } from './table';

/** The officer register and the decisions by officer (access patterns 39–41). */
export class DynamoOfficerRegister implements OfficerRegister {
  constructor(private readonly table: Table) {}

  async register(o: Officer): Promise<Officer | undefined> {
    const before = await this.table.get(officer.key(o.officerId));
    await this.table.batchWrite([officer.toItem(o)]);
    return before ? officer.fromItem(before) : undefined;
  }

  async officers(officerIds: readonly string[]): Promise<Map<string, Officer>> {
    if (!officerIds.length) return new Map();
    const items = await this.table.batchGet([...new Set(officerIds)].map(officer.key));
    return new Map(items.map(officer.fromItem).map((o) => [o.officerId, o]));
  }

  async ofDistrict(district: DistrictCode): Promise<Officer[]> {
    const items = await this.table.query({
      IndexName: TABLE_KEYS.gsi1.indexName,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': officer.ofDistrict(district) },
    });
    return items.map(officer.fromItem);
  }

  async recordDecisions(decisions: readonly DecisionByOfficer[]): Promise<void> {
    if (decisions.length) await this.table.batchWrite(decisions.map(decisionByOfficer.toItem));
  }

  async decisionsIn(district: DistrictCode, from: string, to: string): Promise<DecisionByOfficer[]> {
    const months = monthsFrom(from.slice(0, 7), to.slice(0, 7));
    const pages = await Promise.all(
      months.map((m) => this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': decisionByOfficer.month(district, m) } })),
    );
    return pages
      .flat()
      .map(decisionByOfficer.fromItem)
      .filter((d) => d.decidedOn >= from && d.decidedOn <= to);
  }

  async decisionsBy(officerId: string): Promise<DecisionByOfficer[]> {
    const items = await this.table.query({
      IndexName: TABLE_KEYS.gsi1.indexName,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': decisionByOfficer.byOfficer(officerId) },
    });
    return items.map(decisionByOfficer.fromItem);
  }
}

/** yyyy-mm months from one to another, both included. */
function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  const at = new Date(`${from}-01T00:00:00Z`);
  while (at.toISOString().slice(0, 7) <= to) {
    months.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}
