import { WARNING_RAISED_V1, warningRaisedV1, type WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { ROLL_RECORD_TYPES } from '../../events/rules';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { DistrictCode } from '../../shared/domain/districts';
import { indicatorsFor, type Indicator } from '../../shared/domain/indicators';
import type { PolicyBook, PolicyValue } from '../../shared/domain/policy/policy-book';
import { addDays, leadHouseholdId, warningIdFor, type Warning, type WarningDraft } from '../../shared/domain/warning';
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
 * ids come from the indicator, the household and what fired it.
 */
export async function evaluateRecord(event: RecordAcceptedV1, ports: EvaluationPorts): Promise<EvaluationResult> {
  const on = event.acceptedAt.slice(0, 10);
  const indicators = indicatorsFor(event.recordType, on);
  const result: EvaluationResult = { indicatorsChecked: indicators.map((i) => i.id), matchedSubjects: 0, raised: [], alreadyRaised: [] };
  if (event.subjects.length === 0 && !event.record.householdId) return result;

  const memberships = await ports.register.membershipsOf(event.subjects);
  result.matchedSubjects = memberships.size;
  const facts = indicators.some((i) => i.usesFacts) ? await ports.facts.factsOf(event.subjects) : new Map<string, PersonFact[]>();
  const district = ([...memberships.values()][0]?.district ?? event.district ?? (event.record.district as DistrictCode | undefined)) as DistrictCode | undefined;

  const drafts: { indicator: Indicator; parameters: Record<string, PolicyValue>; draft: WarningDraft }[] = [];
  for (const indicator of indicators) {
    const parameters = parametersOf(indicator, ports.policy, on, district);
    for (const draft of indicator.evaluate({ observed: event, memberships, parameters, facts, on })) drafts.push({ indicator, parameters, draft });
  }

  // The record joins the dossier of each monitored subject, and of each subject of a lead.
  const leadSubjects = new Set(drafts.filter((d) => d.draft.lead).flatMap((d) => d.draft.subjects));
  const kept = event.subjects.filter((ref) => memberships.has(ref) || leadSubjects.has(ref));
  if (kept.length) {
    await ports.facts.record(
      kept.map((personRef) => ({ personRef, recordType: event.recordType, recordId: event.recordId, department: event.department, acceptedAt: event.acceptedAt, record: event.record })),
    );
  }
  // A roll entry is written into the chain by register-update itself.
  const onRoll = ROLL_RECORD_TYPES.includes(event.recordType);
  const households = new Set([...memberships.values()].map((m) => m.householdId));
  const recordEntries = onRoll ? [] : [...households].map((householdId) => departmentRecordEntry(event, householdId));

  const toPublish: WarningRaisedV1[] = [];
  for (const { indicator, parameters, draft } of drafts) {
    const warning = toWarning(indicator, parameters, draft, ports.now().toISOString());
    const entries = [
      ...(onRoll || households.has(warning.householdId) ? [] : [departmentRecordEntry(event, warning.householdId)]),
      {
        householdId: warning.householdId,
        at: warning.raisedAt,
        entryId: warning.warningId,
        kind: 'warning-raised' as const,
        actor: 'warning-evaluation',
        summary: `${indicator.id} ${indicator.title}: ${draft.action} (to ${warning.recipients.join(', ')}, due ${warning.dueBy.slice(0, 10)})`,
        refs: { warningId: warning.warningId, indicatorId: indicator.id },
      },
    ];
    if ((await ports.warnings.raise(warning, entries)) === 'raised') {
      result.raised.push(warning.warningId);
      toPublish.push(toEvent(warning));
    } else {
      result.alreadyRaised.push(warning.warningId);
      // A previous attempt may have stored the warning and failed before publishing it.
      const stored = await ports.warnings.get(warning.warningId);
      if (stored && !stored.publishedAt) toPublish.push(toEvent(stored));
    }
  }
  if (recordEntries.length) await ports.register.appendToChains(recordEntries);

  if (toPublish.length) {
    await ports.events.publish(toPublish.map((detail) => ({ source: WARNING_RAISED_V1.source, detailType: WARNING_RAISED_V1.detailType, detail })));
    const at = ports.now().toISOString();
    for (const w of toPublish) await ports.warnings.markPublished(w.warningId, at);
  }
  return result;
}

function toWarning(indicator: Indicator, parameters: Record<string, PolicyValue>, draft: WarningDraft, raisedAt: string): Warning {
  const deadlineDays = parameters[indicator.deadlineParameter];
  if (typeof deadlineDays !== 'number') throw new Error(`deadline parameter ${indicator.deadlineParameter} must be a number`);
  const { dedupeKey, lead, ...rest } = draft;
  const householdId = lead ? leadHouseholdId(draft.subjects[0]!) : draft.householdId;
  return {
    ...rest,
    householdId,
    warningId: warningIdFor(indicator.id, householdId, dedupeKey),
    indicator: { id: indicator.id, version: indicator.version, title: indicator.title, parameters },
    recipients: [...indicator.recipients],
    status: 'raised',
    raisedAt,
    dueBy: addDays(raisedAt, deadlineDays),
  };
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

function parametersOf(indicator: Indicator, policy: PolicyBook, on: string, district: DistrictCode | undefined): Record<string, PolicyValue> {
  return Object.fromEntries(indicator.parameters.map((name) => [name, policy.valueOn(name, on, district)]));
}

function toEvent(w: Warning): WarningRaisedV1 {
  return warningRaisedV1.parse({
    warningId: w.warningId,
    indicator: w.indicator,
    householdId: w.householdId,
    district: w.district,
    subjects: w.subjects,
    recipients: w.recipients,
    action: w.action,
    explanation: w.explanation,
    evidence: w.evidence,
    raisedAt: w.raisedAt,
    dueBy: w.dueBy,
  } satisfies WarningRaisedV1);
}


