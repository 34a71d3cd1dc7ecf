import { createHash } from 'node:crypto';
import { WARNINGS_RAISED_V1, warningRaisedV1, warningsRaisedV1, type WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { ChainEntry } from '../domain/assistance-chain';
import type { WarningRecipient } from '../domain/departments';
import type { PolicyValue } from '../domain/policy/policy-book';
import { addDays, evidenceKey, leadHouseholdId, warningIdFor, type OpenWarning, type StoredWarning, type Warning, type WarningDraft } from '../domain/warning';
import type { EventPublisher, PlatformEvent } from '../ports/event-publisher';
import type { WarningStore, WarningWrite } from '../ports/warning-store';
import { chunkBySize } from '../adapters/partial-retry';

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

export interface RaisedWarnings {
  raised: Warning[];
  /** Warnings these drafts had raised already (a replay, or another group was first). */
  alreadyRaised: string[];
  /** Open warnings that took a draft's evidence instead of a second warning of their indicator. */
  absorbed: string[];
  /** Each touched household's open warnings once these writes are done (what indicator 14 reads). */
  open: Map<string, OpenWarning[]>;
}

/** Rounds of raising before a group that keeps conflicting is given up (and retried as a whole). */
const MAX_ROUNDS = 8;
/** A WarningsRaised event stays well inside the bus's 256 KB entry limit. */
const EVENT_BYTES = 200 * 1024;

/**
 * Raises a group of drafts with as few reads and writes as the limits allow: one read of the
 * open warnings of all the households concerned, then the new warnings and absorbed evidence in
 * packed transactions. An open warning of the same indicator for the household takes the new
 * evidence instead of a second warning. Drafts for the same household and indicator go in
 * successive rounds, as do drafts whose write met a concurrent change (they are read again and
 * planned anew). New warnings are published as WarningsRaised.v1 groups; so are those this same
 * group (`raisedBy`) raised in an earlier attempt that failed before it recorded the group as
 * published (consumers are idempotent per warning). Shared by every function that raises.
 */
export async function raiseWarnings(
  drafts: readonly DraftToRaise[],
  ports: { warnings: WarningStore; events: EventPublisher; now: () => Date },
  actor: string,
  raisedBy: string,
): Promise<RaisedWarnings> {
  const result: RaisedWarnings = { raised: [], alreadyRaised: [], absorbed: [], open: new Map() };
  const republish = new Set<string>();
  const raisedAt = ports.now().toISOString();
  let pending = drafts.map((d) => ({ ...d, warning: toWarning(d.indicator, d.parameters, d.draft, raisedAt), entries: d.entries ?? [] }));
  let conflicted = new Set<string>();

  for (let round = 1; pending.length; round += 1) {
    if (round > MAX_ROUNDS) throw new Error(`raising ${pending.length} warning(s) kept conflicting after ${MAX_ROUNDS} rounds`);
    const taken = new Set<string>();
    const now: typeof pending = [];
    const later: typeof pending = [];
    for (const p of pending) {
      const slot = `${p.warning.householdId}|${p.indicator.id}`;
      (taken.has(slot) ? later : now).push(p);
      taken.add(slot);
    }
    const households = [...new Set(now.map((p) => p.warning.householdId))];
    const held = await ports.warnings.openWarningsOf(households);
    for (const h of households) result.open.set(h, held.get(h) ?? []);
    // A write that conflicted: read the warnings concerned, to tell "there already" from "changed".
    const known = conflicted.size ? await ports.warnings.getMany([...conflicted]) : new Map<string, StoredWarning>();

    const writes: WarningWrite[] = [];
    const planned: typeof pending = [];
    const absorbing: { p: (typeof pending)[number]; open: OpenWarning }[] = [];
    for (const p of now) {
      const { warning } = p;
      const open = result.open.get(warning.householdId)!.find((o) => o.indicatorId === p.indicator.id);
      const stored = known.get(warning.warningId);
      if (open?.warningId === warning.warningId || (!open && stored)) {
        result.alreadyRaised.push(warning.warningId);
        const by = open?.raisedBy ?? stored?.raisedBy;
        // Raised by this same group in an earlier attempt (not in an earlier round of this one).
        const raisedNow = result.raised.some((w) => w.warningId === warning.warningId);
        if (by === raisedBy && !raisedNow && (open || stored?.status !== 'resolved')) republish.add(warning.warningId);
        continue;
      }
      if (open) absorbing.push({ p, open });
      else {
        writes.push({ kind: 'raise', warning, entries: [...p.entries.map((e) => ({ ...e, householdId: warning.householdId })), raisedEntry(p, actor)] });
        planned.push(p);
      }
    }
    // An open warning takes only the evidence it does not hold yet (a draft may carry several pieces).
    const targets = absorbing.length ? await ports.warnings.getMany([...new Set(absorbing.map((a) => a.open.warningId))]) : new Map<string, StoredWarning>();
    for (const { p, open } of absorbing) {
      const held = new Set((targets.get(open.warningId)?.evidence ?? []).map(evidenceKey));
      const fresh = p.draft.evidence.filter((e) => !held.has(evidenceKey(e)));
      if (!fresh.length) {
        result.absorbed.push(open.warningId); // this evidence is there already
        continue;
      }
      writes.push({
        kind: 'absorb',
        warningId: open.warningId,
        householdId: p.warning.householdId,
        evidence: fresh,
        entries: [...p.entries.map((e) => ({ ...e, householdId: p.warning.householdId })), evidenceEntry(open, p, actor, raisedAt)],
      });
      planned.push(p);
    }

    const outcomes = writes.length ? await ports.warnings.write(writes, raisedBy) : [];
    conflicted = new Set();
    const retry: typeof pending = [];
    writes.forEach((w, i) => {
      const p = planned[i]!;
      if (outcomes[i] === 'conflict') {
        conflicted.add(w.kind === 'raise' ? w.warning.warningId : w.warningId);
        conflicted.add(p.warning.warningId);
        retry.push(p);
      } else if (w.kind === 'raise') {
        result.raised.push(w.warning);
        result.open.get(w.warning.householdId)!.push({
          warningId: w.warning.warningId,
          indicatorId: w.warning.indicator.id,
          district: w.warning.district,
          recipients: w.warning.recipients,
          raisedAt: w.warning.raisedAt,
          dueBy: w.warning.dueBy,
          raisedBy,
        });
      } else result.absorbed.push(w.warningId);
    });
    pending = [...retry, ...later];
  }

  // What this group raised in an earlier attempt is published again unless that attempt got as far as publishing.
  const again = republish.size && !(await ports.warnings.groupPublished(raisedBy)) ? [...(await ports.warnings.getMany([...republish])).values()] : [];
  if (result.raised.length || again.length) {
    await publishRaised([...result.raised, ...again], ports.events);
    await ports.warnings.markGroupPublished(raisedBy, ports.now().toISOString());
  }
  return result;
}

/** WarningsRaised.v1 events of as many warnings as fit one entry; ids derived from their warnings. */
async function publishRaised(warnings: readonly Warning[], events: EventPublisher): Promise<void> {
  const once = [...new Map(warnings.map((w) => [w.warningId, w])).values()];
  const groups = chunkBySize(once.map(toEvent), (e) => Buffer.byteLength(JSON.stringify(e)), EVENT_BYTES);
  if (!groups.length) return;
  const entries: PlatformEvent[] = groups.map((group) => ({
    source: WARNINGS_RAISED_V1.source,
    detailType: WARNINGS_RAISED_V1.detailType,
    detail: warningsRaisedV1.parse({ groupId: groupIdOf(group.map((w) => w.warningId)), warnings: group }),
  }));
  await events.publish(entries);
}

const groupIdOf = (warningIds: readonly string[]) =>
  `G${createHash('sha256')
    .update([...warningIds].sort().join('|'))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase()}`;

function raisedEntry(p: { warning: Warning; indicator: IndicatorMeta; draft: WarningDraft }, actor: string): ChainEntry {
  const { warning, indicator, draft } = p;
  return {
    householdId: warning.householdId,
    at: warning.raisedAt,
    entryId: warning.warningId,
    kind: 'warning-raised',
    actor,
    summary: `${indicator.id} ${indicator.title}: ${draft.action} (to ${warning.recipients.join(', ')}, due ${warning.dueBy.slice(0, 10)})`,
    refs: { warningId: warning.warningId, indicatorId: indicator.id },
  };
}

function evidenceEntry(open: OpenWarning, p: { warning: Warning; indicator: IndicatorMeta; draft: WarningDraft }, actor: string, at: string): ChainEntry {
  const first = p.draft.evidence[0];
  return {
    householdId: p.warning.householdId,
    at,
    entryId: `${open.warningId}:evidence:${first?.recordId ?? p.warning.warningId}:${first?.subject ?? ''}`,
    kind: 'warning-evidence',
    actor,
    summary: `new evidence for open warning ${open.warningId} (${p.indicator.id}): ${p.draft.explanation}`,
    refs: { warningId: open.warningId, indicatorId: p.indicator.id },
  };
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
