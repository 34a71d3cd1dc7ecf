import { describe, expect, it } from 'vitest';
import { HOUSEHOLDS_ROLLED_V1 } from '../../events/households-rolled.v1';
import { RECORDS_ACCEPTED_V1 } from '../../events/records-accepted.v1';
import { PLATFORM_RULES } from '../../events/rules';
import { evaluatorsOf } from '../../shared/records/evaluators';
import { matchesEventPattern } from '../../infra/local/event-pattern';
import { RECORD_TYPE_CODES, ROLL_RECORD_TYPES, type RecordType } from '../../shared/records/record-types';

/**
 * A submission's record counts as evaluated once every function that evaluates its type has
 * recorded its group (events/rules.ts evaluatorsOf). Held here to the rule patterns as the bus
 * (the local stand-in's matcher, which follows EventBridge's semantics) applies them.
 */
const targetsOf = (source: string, detailType: string, recordType: RecordType) =>
  PLATFORM_RULES.filter((r) =>
    matchesEventPattern(r.eventPattern, { source, 'detail-type': detailType, detail: { recordType, groupId: 'g', records: [] } }),
  ).map((r) => r.target);

describe('which functions evaluate each record type', () => {
  it.each(RECORD_TYPE_CODES.map((t) => [t]))('%s: the targets of its RecordsAccepted.v1 group, and of HouseholdsRolled.v1 once rolled', (recordType) => {
    const direct = targetsOf(RECORDS_ACCEPTED_V1.source, RECORDS_ACCEPTED_V1.detailType, recordType);
    // register-update publishes a roll group again as HouseholdsRolled.v1 once it has written it.
    const rolled = ROLL_RECORD_TYPES.includes(recordType) ? targetsOf(HOUSEHOLDS_ROLLED_V1.source, HOUSEHOLDS_ROLLED_V1.detailType, recordType) : [];
    expect(evaluatorsOf(recordType)).toEqual([...new Set([...direct, ...rolled])].sort());
  });

  it('names the ones the rules say: warning evaluation for all, register-update for rolls and emergency cases, recognition for investigations', () => {
    expect(evaluatorsOf('death-record')).toEqual(['warning-evaluation']);
    expect(evaluatorsOf('low-income-roll-entry')).toEqual(['register-update', 'warning-evaluation']);
    expect(evaluatorsOf('emergency-assistance')).toEqual(['register-update', 'warning-evaluation']);
    expect(evaluatorsOf('economic-investigation')).toEqual(['recognition', 'warning-evaluation']);
  });
});
