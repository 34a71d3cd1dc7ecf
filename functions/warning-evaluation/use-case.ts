import { WARNING_RAISED_V1, warningRaisedV1, type WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { indicatorsFor, type Indicator } from '../../shared/domain/indicators';
import type { PolicyBook, PolicyValue } from '../../shared/domain/policy/policy-book';
import { addDays, warningIdFor, type Warning } from '../../shared/domain/warning';
import type { DistrictCode } from '../../shared/domain/districts';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface EvaluationPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
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
 * 监测预警: compares one department record with the low-income database and raises a warning
 * for every indicator that fires. Replaying the same record raises nothing new: warning ids are
 * derived from the indicator, household and what fired it.
 */
export async function evaluateRecord(event: RecordAcceptedV1, ports: EvaluationPorts): Promise<EvaluationResult> {
  const on = event.acceptedAt.slice(0, 10);
  const indicators = indicatorsFor(event.recordType, on);
  const result: EvaluationResult = { indicatorsChecked: indicators.map((i) => i.id), matchedSubjects: 0, raised: [], alreadyRaised: [] };
  if (indicators.length === 0 || event.subjects.length === 0) return result;

  // People outside the database are not stored: the record already is, pseudonymized, as evidence.
  const memberships = await ports.register.membershipsOf(event.subjects);
  result.matchedSubjects = memberships.size;
  if (memberships.size === 0) return result;
  const district = [...memberships.values()][0]!.district;

  const toPublish: WarningRaisedV1[] = [];
  for (const indicator of indicators) {
    const parameters = parametersOf(indicator, ports.policy, on, district);
    const drafts = indicator.evaluate({ observed: event, memberships, parameters });
    for (const draft of drafts) {
      const raisedAt = ports.now().toISOString();
      const deadlineDays = parameters[indicator.deadlineParameter];
      if (typeof deadlineDays !== 'number') throw new Error(`deadline parameter ${indicator.deadlineParameter} must be a number`);
      const { dedupeKey, ...rest } = draft;
      const warning: Warning = {
        ...rest,
        warningId: warningIdFor(indicator.id, draft.householdId, dedupeKey),
        indicator: { id: indicator.id, version: indicator.version, title: indicator.title, parameters },
        recipients: [...indicator.recipients],
        status: 'raised',
        raisedAt,
        dueBy: addDays(raisedAt, deadlineDays),
      };
      const entries: ChainEntry[] = [
        {
          householdId: draft.householdId,
          at: event.acceptedAt,
          entryId: event.recordId,
          kind: 'department-record',
          actor: event.department,
          summary: `${event.department} reported ${event.recordType} ${event.departmentRecordId}`,
          refs: { recordId: event.recordId, departmentRecordId: event.departmentRecordId },
        },
        {
          householdId: draft.householdId,
          at: raisedAt,
          entryId: warning.warningId,
          kind: 'warning-raised',
          actor: 'warning-evaluation',
          summary: `${indicator.id} ${indicator.title}: ${draft.action} (to ${warning.recipients.join(', ')}, due ${warning.dueBy.slice(0, 10)})`,
          refs: { warningId: warning.warningId, indicatorId: indicator.id },
        },
      ];
      const outcome = await ports.warnings.raise(warning, entries);
      if (outcome === 'raised') {
        result.raised.push(warning.warningId);
        toPublish.push(toEvent(warning));
      } else {
        result.alreadyRaised.push(warning.warningId);
        // A previous attempt may have stored the warning and failed before publishing it.
        const stored = await ports.warnings.get(warning.warningId);
        if (stored && !stored.publishedAt) toPublish.push(toEvent(stored));
      }
    }
  }

  if (toPublish.length) {
    await ports.events.publish(
      toPublish.map((detail) => ({ source: WARNING_RAISED_V1.source, detailType: WARNING_RAISED_V1.detailType, detail })),
    );
    const at = ports.now().toISOString();
    for (const w of toPublish) await ports.warnings.markPublished(w.warningId, at);
  }
  return result;
}

function parametersOf(indicator: Indicator, policy: PolicyBook, on: string, district: DistrictCode): Record<string, PolicyValue> {
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
