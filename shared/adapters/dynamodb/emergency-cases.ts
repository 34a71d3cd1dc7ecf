import { CASE_STEPS_FROM, type EmergencyCase } from '../../domain/emergency-case';
import type { EmergencyCases } from '../../ports/emergency-cases';
import { emergencyCase } from '../../table/entities/emergency-case';
import { TABLE_KEYS } from '../../table/keys';
import type { Table } from './table';

/** Emergency-assistance cases (access pattern 25). */
export class DynamoEmergencyCases implements EmergencyCases {
  constructor(private readonly table: Table) {}

  async open(cases: readonly EmergencyCase[]): Promise<('opened' | 'exists')[]> {
    const outcomes = await this.table.transactGroups(
      cases.map((c) => [{ Put: { Item: emergencyCase.toItem(c), ConditionExpression: 'attribute_not_exists(PK)' } }]),
    );
    return outcomes.map((o) => (o === 'done' ? 'opened' : 'exists'));
  }

  async getMany(caseIds: readonly string[]): Promise<Map<string, EmergencyCase>> {
    const items = await this.table.batchGet(caseIds.map(emergencyCase.key));
    return new Map(items.map(emergencyCase.fromItem).map((c) => [c.caseId, c]));
  }

  async close(closes: readonly { caseId: string; status: 'confirmed' | 'refused'; on: string }[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      closes.map((c) => [
        {
          Update: {
            Key: emergencyCase.key(c.caseId),
            UpdateExpression: 'SET #s = :s, closedOn = :on REMOVE GSI2PK, GSI2SK',
            ConditionExpression: statusIn.condition(CASE_STEPS_FROM.close),
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': c.status, ':on': c.on, ...statusIn.values(CASE_STEPS_FROM.close) },
          },
        },
      ]),
    );
    return outcomes.map((o) => o === 'done');
  }

  async overdue(district: EmergencyCase['district'], before: string) {
    const items = await this.table.query({
      IndexName: TABLE_KEYS.gsi2.indexName,
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      ExpressionAttributeValues: { ':pk': emergencyCase.waitingOf(district), ':before': before },
    });
    return items.map(emergencyCase.fromItem);
  }

  async flag(flags: readonly { caseId: string; reason: string }[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      flags.map((f) => [
        {
          Update: {
            Key: emergencyCase.key(f.caseId),
            UpdateExpression: 'SET #s = :flagged, flags = list_append(flags, :reason) REMOVE GSI2PK, GSI2SK',
            ConditionExpression: statusIn.condition(CASE_STEPS_FROM.flag),
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':flagged': 'flagged', ':reason': [f.reason], ...statusIn.values(CASE_STEPS_FROM.flag) },
          },
        },
      ]),
    );
    return outcomes.map((o) => o === 'done');
  }
}

/** The condition that a case's status (`#s`) is one of those a step may start from. */
const statusIn = {
  condition: (from: readonly string[]) => `#s IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
  values: (from: readonly string[]) => Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
};
