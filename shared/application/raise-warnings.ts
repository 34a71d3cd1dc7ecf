import { WARNING_RAISED_V1, warningRaisedV1, type WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { ChainEntry } from '../domain/assistance-chain';
import type { WarningRecipient } from '../domain/departments';
import type { PolicyValue } from '../domain/policy/policy-book';
import { addDays, leadHouseholdId, warningIdFor, type Warning, type WarningDraft } from '../domain/warning';
import type { EventPublisher } from '../ports/event-publisher';
import type { StoredWarning, WarningStore } from '../ports/warning-store';

/** What raising needs to know of an indicator, record-driven or warning-driven. */
export interface IndicatorMeta {
  id: string;
  version: number;
  title: string;
  recipients: readonly WarningRecipient[];
  deadlineParameter: string;
}

export interface DraftToRaise {
  indicator: IndicatorMeta;
  parameters: Record<string, PolicyValue>;
  draft: WarningDraft;
  /** Chain entries that go with the warning (besides its own 'warning-raised' entry). */
  entries?: ChainEntry[];
}

/**
 * Stores each warning once (with its chain entries), then publishes WarningRaised.v1 for the new
 * ones and for any stored earlier whose publication had failed. Shared by warning-evaluation
 * and overdue-escalation so both raise warnings the same way.
 */
export async function raiseWarnings(
  drafts: readonly DraftToRaise[],
  ports: { warnings: WarningStore; events: EventPublisher; now: () => Date },
  actor: string,
): Promise<{ raised: Warning[]; alreadyRaised: string[]; absorbed: string[] }> {
  const raised: Warning[] = [];
  const alreadyRaised: string[] = [];
  const absorbed: string[] = [];
  const toPublish: WarningRaisedV1[] = [];
  const openByHousehold = new Map<string, StoredWarning[]>();
  for (const { indicator, parameters, draft, entries = [] } of drafts) {
    const warning = toWarning(indicator, parameters, draft, ports.now().toISOString());
    // An open warning of the same indicator for the household takes the new evidence instead.
    if (!openByHousehold.has(warning.householdId)) openByHousehold.set(warning.householdId, await ports.warnings.listByHousehold(warning.householdId));
    const open = openByHousehold.get(warning.householdId)!.find((w) => w.indicator.id === indicator.id && w.status !== 'resolved' && w.warningId !== warning.warningId);
    if (open) {
      const entry: ChainEntry = {
        householdId: open.householdId,
        at: warning.raisedAt,
        entryId: `${open.warningId}:evidence:${draft.evidence[0]?.recordId ?? warning.warningId}:${draft.evidence[0]?.subject ?? ''}`,
        kind: 'warning-evidence',
        actor,
        summary: `new evidence for open warning ${open.warningId} (${indicator.id}): ${draft.explanation}`,
        refs: { warningId: open.warningId, indicatorId: indicator.id },
      };
      const result = await ports.warnings.absorb(open.warningId, draft.evidence, [...entries.map((e) => ({ ...e, householdId: open.householdId })), entry]);
      if (result !== 'closed') {
        absorbed.push(open.warningId);
        continue;
      }
    }
    const own: ChainEntry = {
      householdId: warning.householdId,
      at: warning.raisedAt,
      entryId: warning.warningId,
      kind: 'warning-raised',
      actor,
      summary: `${indicator.id} ${indicator.title}: ${draft.action} (to ${warning.recipients.join(', ')}, due ${warning.dueBy.slice(0, 10)})`,
      refs: { warningId: warning.warningId, indicatorId: indicator.id },
    };
    if ((await ports.warnings.raise(warning, [...entries.map((e) => ({ ...e, householdId: warning.householdId })), own])) === 'raised') {
      raised.push(warning);
      openByHousehold.get(warning.householdId)!.push({ ...warning, pushedTo: [], acknowledgedBy: [], outcomes: {}, outcomesPublished: [] });
      toPublish.push(toEvent(warning));
    } else {
      alreadyRaised.push(warning.warningId);
      const stored = await ports.warnings.get(warning.warningId);
      if (stored && !stored.publishedAt) toPublish.push(toEvent(stored));
    }
  }
  if (toPublish.length) {
    await ports.events.publish(toPublish.map((detail) => ({ source: WARNING_RAISED_V1.source, detailType: WARNING_RAISED_V1.detailType, detail })));
    const at = ports.now().toISOString();
    for (const w of toPublish) await ports.warnings.markPublished(w.warningId, at);
  }
  return { raised, alreadyRaised, absorbed };
}

function toWarning(indicator: IndicatorMeta, parameters: Record<string, PolicyValue>, draft: WarningDraft, raisedAt: string): Warning {
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
