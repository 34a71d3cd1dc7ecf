import { cityDay } from '../../shared/domain/city-time';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { ROLL_RECORD_TYPES } from '../../events/rules';
import { raiseWarnings, type DraftToRaise } from '../../shared/application/raise-warnings';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { DistrictCode } from '../../shared/domain/districts';
import { leadHouseholdId, warningIdFor } from '../../shared/domain/warning';
import { indicatorsFor } from '../../shared/domain/indicators';
import { complexCase, exitWithTransfer } from '../../shared/domain/indicators/household-indicators';
import type { AssistanceEndedV1 } from '../../events/assistance-changed.v1';
import type { PolicyBook, PolicyValue } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { PersonFact, PersonFacts } from '../../shared/ports/person-facts';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface EvaluationPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
  facts: PersonFacts;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

export interface EvaluationResult {
  indicatorsChecked: string[];
  matchedSubjects: number;
  raised: string[];
  alreadyRaised: string[];
}

/**
 * 监测预警 (大数据比对): compares one department record with the low-income database and raises a
 * warning for every indicator that fires. For people in the database the record also joins
 * their dossier (person facts) and their household's chain; about anyone else nothing is kept
 * unless an indicator raised a lead about them. Replaying a record raises nothing new: warning
 * ids come from the indicator, the household and what fired it. When a household then has
 * several open warnings across departments, it becomes a complex case (indicator 14).
 */
export async function evaluateRecord(event: RecordAcceptedV1, ports: EvaluationPorts): Promise<EvaluationResult> {
  const on = cityDay(event.acceptedAt);
  const indicators = indicatorsFor(event.recordType, on);
  const result: EvaluationResult = { indicatorsChecked: indicators.map((i) => i.id), matchedSubjects: 0, raised: [], alreadyRaised: [] };
  if (event.subjects.length === 0 && !event.record.householdId) return result;

  // A record kept even about people not in the database (a death) is written before the
  // database is read: a roll entry written meanwhile then finds it, or this sees the entry.
  const retainedType = indicators.some((i) => i.retainsFor?.includes(event.recordType));
  if (retainedType && event.subjects.length) await ports.facts.record(event.subjects.map((personRef) => factOf(event, personRef)));
  const memberships = await ports.register.membershipsOf(event.subjects);
  result.matchedSubjects = memberships.size;
  const facts = indicators.some((i) => i.usesFacts) ? await ports.facts.factsOf(event.subjects) : new Map<string, PersonFact[]>();
  const district = ([...memberships.values()][0]?.district ?? event.district ?? (event.record.district as DistrictCode | undefined)) as DistrictCode | undefined;

  const drafts: DraftToRaise[] = [];
  for (const indicator of indicators) {
    const parameters = parametersOf(indicator.parameters, ports.policy, on, district);
    for (const draft of indicator.evaluate({ observed: event, memberships, parameters, facts, on })) drafts.push({ indicator, parameters, draft });
  }

  // The record joins the dossier of each monitored subject, and of each subject of a lead.
  const leadSubjects = new Set(drafts.filter((d) => d.draft.lead).flatMap((d) => d.draft.subjects));
  // A roll entry's members are in the database by that very entry (it arrives as
  // HouseholdRolled, after register-update wrote their memberships).
  const onRoll = ROLL_RECORD_TYPES.includes(event.recordType);
  const kept = retainedType ? [] : event.subjects.filter((ref) => onRoll || memberships.has(ref) || leadSubjects.has(ref));
  if (kept.length) await ports.facts.record(kept.map((personRef) => factOf(event, personRef)));
  // A roll entry is written into the chain by register-update itself.
  const households = new Set([...memberships.values()].map((m) => m.householdId));
  for (const d of drafts) if (!onRoll && !households.has(d.draft.householdId)) d.entries = [departmentRecordEntry(event, d.draft.householdId)];

  const first = await raiseWarnings(drafts, ports, 'warning-evaluation');
  result.raised.push(...first.raised.map((w) => w.warningId));
  result.alreadyRaised.push(...first.alreadyRaised);
  if (!onRoll && households.size) await ports.register.appendToChains([...households].map((h) => departmentRecordEntry(event, h)));

  // Indicator 14, for each household this record raised a warning for: newly, or in an earlier
  // attempt that failed before getting here (a retry must not skip the complex case).
  const complex: DraftToRaise[] = [];
  // (Evidence absorbed by an open warning changes no count: those households are left out.)
  const ours = new Set([...first.raised.map((w) => w.warningId), ...first.alreadyRaised]);
  const touched = new Map<string, DistrictCode>();
  for (const d of drafts) {
    const householdId = d.draft.lead ? leadHouseholdId(d.draft.subjects[0]!) : d.draft.householdId;
    if (ours.has(warningIdFor(d.indicator.id, householdId, d.draft.dedupeKey))) touched.set(householdId, d.draft.district);
  }
  for (const [householdId, householdDistrict] of touched) {
    const parameters = parametersOf(complexCase.parameters, ports.policy, on, householdDistrict);
    const draft = complexCase.evaluate(householdId, householdDistrict, await ports.warnings.listByHousehold(householdId), parameters);
    if (draft) complex.push({ indicator: complexCase, parameters, draft });
  }
  if (complex.length) {
    const second = await raiseWarnings(complex, ports, 'warning-evaluation');
    result.raised.push(...second.raised.map((w) => w.warningId));
    result.alreadyRaised.push(...second.alreadyRaised);
  }
  return result;
}

function factOf(event: RecordAcceptedV1, personRef: string): PersonFact {
  return { personRef, recordType: event.recordType, recordId: event.recordId, department: event.department, acceptedAt: event.acceptedAt, record: event.record };
}

function departmentRecordEntry(event: RecordAcceptedV1, householdId: string): ChainEntry {
  return {
    householdId,
    at: event.acceptedAt,
    entryId: event.recordId,
    kind: 'department-record',
    actor: event.department,
    summary: `${event.department} reported ${event.recordType} ${event.departmentRecordId}`,
    refs: { recordId: event.recordId, departmentRecordId: event.departmentRecordId, recordType: event.recordType },
  };
}

export function parametersOf(names: readonly string[], policy: PolicyBook, on: string, district: DistrictCode | undefined): Record<string, PolicyValue> {
  return Object.fromEntries(names.map((name) => [name, policy.valueOn(name, on, district)]));
}

/** Indicator 16, on an AssistanceEnded.v1 event whose exit reason is better finances. */
export async function evaluateExit(exit: AssistanceEndedV1, ports: EvaluationPorts): Promise<EvaluationResult> {
  const household = await ports.register.household(exit.householdId);
  const result: EvaluationResult = { indicatorsChecked: [exitWithTransfer.id], matchedSubjects: 0, raised: [], alreadyRaised: [] };
  if (!household) return result;
  const draft = exitWithTransfer.evaluate(household, exit);
  if (!draft) return result;
  const parameters = parametersOf(exitWithTransfer.parameters, ports.policy, exit.endedOn, household.district);
  const { raised, alreadyRaised } = await raiseWarnings([{ indicator: exitWithTransfer, parameters, draft }], ports, 'warning-evaluation');
  return { ...result, matchedSubjects: household.members.length, raised: raised.map((w) => w.warningId), alreadyRaised };
}
