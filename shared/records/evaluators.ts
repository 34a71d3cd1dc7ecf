import { CASE_RECORD_TYPES, ROLL_RECORD_TYPES, type RecordType } from './record-types';

/** The functions that evaluate accepted records; each records, per group, what it evaluated (a submission's status). */
export type RecordEvaluator = 'warning-evaluation' | 'register-update' | 'recognition';

/** Investigations get a classified review (events/rules.ts routes them to recognition by this list). */
export const RECOGNITION_RECORD_TYPES: readonly RecordType[] = ['economic-investigation'];

/**
 * Which functions evaluate an accepted record of a type: warning evaluation every record (a roll
 * entry once register-update has written it, from HouseholdsRolled.v1), register-update the roll
 * entries and emergency cases, recognition the investigations. The rules on the bus route by the
 * same lists (events/rules.ts); test/contract/evaluators.test.ts holds this to their patterns.
 * Kept apart from the rules so that a reader of a submission's status does not carry every event
 * contract.
 */
export function evaluatorsOf(recordType: RecordType): RecordEvaluator[] {
  const evaluators: RecordEvaluator[] = ['warning-evaluation'];
  if (ROLL_RECORD_TYPES.includes(recordType) || CASE_RECORD_TYPES.includes(recordType)) evaluators.push('register-update');
  if (RECOGNITION_RECORD_TYPES.includes(recordType)) evaluators.push('recognition');
  return evaluators.sort();
}
