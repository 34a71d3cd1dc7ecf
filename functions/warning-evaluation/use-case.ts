import { cityDay } from '../../shared/domain/city-time';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { ROLL_RECORD_TYPES } from '../../shared/records/record-types';
import { raiseWarnings, type DraftToRaise, type LandedEvidence } from '../../shared/application/raise-warnings';
import { recordGroupEvaluated } from '../../shared/application/submission-progress';
import type { SubmissionProgress } from '../../shared/ports/submission-store';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { DistrictCode } from '../../shared/domain/districts';
import { leadHouseholdId, warningIdFor, type OpenWarning, type WarningDraft } from '../../shared/domain/warning';
import { indicatorsFor } from '../../shared/domain/indicators';
import { complexCase } from '../../shared/domain/indicators/ind-14-complex-case';
import { exitWithTransfer } from '../../shared/domain/indicators/ind-16-exit-with-transfer';
import { paidWithoutEntitlement } from '../../shared/domain/indicators/ind-21-paid-without-entitlement';
import { amountDiffers } from '../../shared/domain/indicators/ind-22-amount-differs';
import { missingFromFile } from '../../shared/domain/indicators/ind-23-missing-from-file';
import { paidUnderTwoHouseholds } from '../../shared/domain/indicators/ind-24-two-households';
import {
  fileComplete,
  fileIdOf,
  owedFor,
  paymentFileCloseOf,
  paymentLineOf,
  type PaymentFileClose,
  type PaymentFileId,
  type PaymentLine,
} from '../../shared/domain/payments';
import type { Household } from '../../shared/domain/household';
import type { PaymentFiles } from '../../shared/ports/payment-files';
import type { Membership } from '../../shared/domain/membership';
import type { AssistanceEndedV1 } from '../../events/assistance-changed.v1';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { PersonFact } from '../../shared/domain/person-fact';
import type { PersonFacts } from '../../shared/ports/person-facts';
import type { WarningStore } from '../../shared/ports/warning-store';
import { factSlot } from '../../shared/records/fact-slots';

export interface EvaluationPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
  facts: PersonFacts;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
  /** Where the group's evaluation is recorded for its submission's status. */
  progress: SubmissionProgress;
  /** The months' payment files, as their lines arrive. */
  payments: PaymentFiles;
}

export interface EvaluationResult {
  records: number;
  matchedSubjects: number;
  raised: string[];
  alreadyRaised: string[];
  absorbed: number;
}

/**
 * 监测预警 (大数据比对): compares a group of department records with the low-income database and
 * raises a warning for every indicator that fires. The whole group is matched at once: one
 * batch read of the memberships of all its people (and of the facts its indicators look up),
 * one batch write of what it adds to dossiers and chains, and one raising step for all its
 * warnings. For people in the database a record joins their dossier (person facts) and their
 * household's chain; about anyone else nothing is kept unless an indicator raised a lead about
 * them. Replaying a group raises nothing new: warning ids come from the indicator, the household
 * and what fired it. A household that then has several open warnings across departments becomes
 * a complex case (indicator 14). Last, the group is recorded as evaluated for its submission.
 */
export async function evaluateRecords(records: readonly AcceptedRecord[], groupId: string, ports: EvaluationPorts): Promise<EvaluationResult> {
  const plans = records.map((record) => {
    const on = cityDay(record.acceptedAt);
    const indicators = indicatorsFor(record.recordType, on);
    const about = record.subjects.length > 0 || Boolean(record.record.householdId);
    return { record, on, indicators: about ? indicators : [], retained: about && indicators.some((i) => i.retainsFor?.includes(record.recordType)) };
  });
  const result: EvaluationResult = { records: records.length, matchedSubjects: 0, raised: [], alreadyRaised: [], absorbed: 0 };

  // A record kept even about people not in the database (a death) is written before the
  // database is read: a roll entry written meanwhile then finds it, or this sees the entry.
  // Until the database says otherwise it is about someone not in it: kept for a while only.
  const retained = plans
    .filter((p) => p.retained)
    .flatMap((p) => p.record.subjects.map((ref) => ({ ...factOf(p.record, ref), keepUntil: keepUntil(p.record, p.on, ports.policy) })));
  if (retained.length) await ports.facts.record(retained);
  const memberships = await ports.register.membershipsOf(plans.flatMap((p) => (p.indicators.length || p.record.subjects.length ? p.record.subjects : [])));
  result.matchedSubjects = memberships.size;
  const factKeys = plans.flatMap((p) => p.indicators.flatMap((i) => i.factsRead?.({ observed: p.record, memberships, on: p.on }) ?? []));
  const facts = factKeys.length ? await ports.facts.factsAt(factKeys) : new Map<string, PersonFact[]>();

  const drafts: (DraftToRaise & { on: string })[] = [];
  const kept: PersonFact[] = [];
  const chain: ChainEntry[] = [];
  for (const { record, on, indicators } of plans) {
    const own = new Map(record.subjects.flatMap((ref) => (memberships.has(ref) ? [[ref, memberships.get(ref)!] as const] : [])));
    const district = ([...own.values()][0]?.district ?? record.district ?? (record.record.district as DistrictCode | undefined)) as DistrictCode | undefined;
    const mine: (DraftToRaise & { on: string })[] = [];
    for (const indicator of indicators) {
      const parameters = ports.policy.valuesOn(indicator.parameters, on, district);
      for (const draft of indicator.evaluate({ observed: record, memberships: own, parameters, facts, on })) mine.push({ indicator, parameters, draft, on });
    }
    // The record joins the dossier of each monitored subject, and of each subject of a lead.
    const leadSubjects = new Set(mine.filter((d) => d.draft.lead).flatMap((d) => d.draft.subjects));
    // A roll entry's members are in the database by that very entry (it arrives as
    // HouseholdsRolled, after register-update wrote their memberships).
    const onRoll = ROLL_RECORD_TYPES.includes(record.recordType);
    // A retained record about someone in the database (or a lead) is kept for good: written again without its expiry.
    kept.push(...record.subjects.filter((ref) => onRoll || own.has(ref) || leadSubjects.has(ref)).map((ref) => factOf(record, ref)));
    // A roll entry makes permanent what was kept for a while about its members (a death that raced it).
    if (onRoll) for (const ref of record.subjects) kept.push(...(facts.get(ref) ?? []).filter((f) => f.keepUntil).map(({ keepUntil: _, ...f }) => f));
    // A roll entry is written into the chain by register-update itself.
    const households = new Set([...own.values()].map((m) => m.householdId));
    if (!onRoll) chain.push(...[...households].map((h) => departmentRecordEntry(record, h)));
    for (const d of mine)
      if (!onRoll && !households.has(d.draft.householdId))
        d.entries = [departmentRecordEntry(record, d.draft.lead ? leadHouseholdId(d.draft.subjects[0]!) : d.draft.householdId)];
    drafts.push(...mine);
  }
  drafts.push(...(await paymentChecks(plans, memberships, ports)));
  if (kept.length) await ports.facts.record(kept);

  const first = await raiseWarnings(drafts, ports, 'warning-evaluation', groupId);
  result.raised.push(...first.raised.map((w) => w.warningId));
  result.alreadyRaised.push(...first.alreadyRaised);
  result.absorbed += first.absorbed.length;
  if (chain.length) await ports.register.appendToChains(chain);

  // Indicator 14, for each household this group raised a warning for: newly, or in an earlier
  // attempt that failed before getting here (a retry must not skip the complex case).
  // (Evidence absorbed by an open warning changes no count: those households are left out.)
  const ours = new Set([...first.raised.map((w) => w.warningId), ...first.alreadyRaised]);
  const touched = new Map<string, { district: DistrictCode; on: string }>();
  for (const d of drafts) {
    const householdId = d.draft.lead ? leadHouseholdId(d.draft.subjects[0]!) : d.draft.householdId;
    if (ours.has(warningIdFor(d.indicator.id, householdId, d.draft.dedupeKey))) touched.set(householdId, { district: d.draft.district, on: d.on });
  }
  const complex: DraftToRaise[] = [];
  const landed: LandedEvidence[] = [...first.landed];
  // Read after this group's own writes: of two groups warning one household at once, the later
  // to commit sees both groups' warnings, so the complex case is never missed between them.
  const openNow = touched.size ? await ports.warnings.openWarningsOf([...touched.keys()]) : new Map<string, OpenWarning[]>();
  for (const [householdId, { district, on }] of touched) {
    const parameters = ports.policy.valuesOn(complexCase.parameters, on, district);
    const draft = complexCase.evaluate(householdId, district, openNow.get(householdId) ?? first.open.get(householdId) ?? [], parameters);
    if (draft) complex.push({ indicator: complexCase, parameters, draft });
  }
  if (complex.length) {
    const second = await raiseWarnings(complex, ports, 'warning-evaluation', `${groupId}:complex`);
    result.raised.push(...second.raised.map((w) => w.warningId));
    result.alreadyRaised.push(...second.alreadyRaised);
    result.absorbed += second.absorbed.length;
    landed.push(...second.landed);
  }
  await recordGroupEvaluated(ports.progress, 'warning-evaluation', groupId, records, landed);
  return result;
}

function keepUntil(record: AcceptedRecord, on: string, policy: PolicyBook): string {
  return new Date(Date.parse(record.acceptedAt) + policy.numberOn('retention.unmatchedFactDays', on) * 86_400_000).toISOString();
}

function factOf(record: AcceptedRecord, personRef: string): PersonFact {
  return {
    personRef,
    recordType: record.recordType,
    slot: factSlot(record.recordType, record.record, record.recordId),
    recordId: record.recordId,
    department: record.department,
    acceptedAt: record.acceptedAt,
    record: record.record,
  };
}

/**
 * 四.3 确保按时足额发放: the group's payment lines against the households they name on the roll,
 * one batch read (IND-21). The lines and closes are kept with their month's file; each file the
 * group touches that is then complete (its close held, as many lines as it counts) is checked
 * whole (`fileChecks`). Files complete before the group are checked again: the dedupe keys make
 * that raise nothing new.
 */
async function paymentChecks(
  plans: readonly { record: AcceptedRecord; on: string }[],
  memberships: ReadonlyMap<string, Membership>,
  ports: EvaluationPorts,
): Promise<(DraftToRaise & { on: string })[]> {
  const payments = plans.filter((p) => p.record.recordType === 'allowance-payment');
  const closes = plans.filter((p) => p.record.recordType === 'allowance-payment-file');
  if (!payments.length && !closes.length) return [];
  const lines = payments.map(({ record, on }) => ({ record, on, line: paymentLineOf(record.recordId, record.record) }));
  // Written before any file is read: of two groups completing one file at once, the later sees both.
  await ports.payments.addLines(lines.map(({ record, line }) => ({ line, lineId: record.departmentRecordId })));
  const closed = closes.map(({ record }) => paymentFileCloseOf(record.recordId, record.record));
  await ports.payments.close(closed);

  const households = lines.length ? await ports.register.households([...new Set(lines.map((l) => l.line.householdId))]) : new Map<string, Household>();
  const drafts: (DraftToRaise & { on: string })[] = lines.flatMap(({ record, on, line }) =>
    paidWithoutEntitlement.evaluate({ lines: [line], households }).map((draft) => ({
      indicator: paidWithoutEntitlement,
      parameters: ports.policy.valuesOn(paidWithoutEntitlement.parameters, on, draft.district),
      draft,
      on,
      // The payee's own household's chain has the record already (above); another household's gets it with the warning.
      ...(memberships.get(line.personRef)?.householdId === draft.householdId ? {} : { entries: [departmentRecordEntry(record, draft.householdId)] }),
    })),
  );
  // The day the group's newest record was accepted is the day the files it completes are checked.
  const on = [...payments, ...closes]
    .map((p) => p.on)
    .sort()
    .at(-1)!;
  const touched = new Map<string, PaymentFileId>([...lines.map((l) => l.line), ...closed].map((f) => [fileIdOf(f), f]));
  drafts.push(...(await fileChecks([...touched.values()], on, ports)));
  return drafts;
}

/**
 * The checks of whole files, for those of `files` that are complete: IND-22 (a household's lines
 * against its allowance), IND-23 (a household the district pays that has no line) and IND-24 (a
 * payee of the file paid under another household too, in any district's file). Reads: the
 * closes (one batch), each complete file's lines (a query), the district's payroll of the
 * programme (a query), the households named (one batch) and the payees' months (one batch).
 */
async function fileChecks(files: readonly PaymentFileId[], on: string, ports: EvaluationPorts): Promise<(DraftToRaise & { on: string })[]> {
  const closes = await ports.payments.closesOf(files);
  const complete: { close: PaymentFileClose; lines: PaymentLine[] }[] = [];
  for (const close of closes.values()) {
    const lines = await ports.payments.linesOf(close);
    if (fileComplete(close, lines)) complete.push({ close, lines });
  }
  if (!complete.length) return [];
  // Households the roll pays in the district that the file has no line for: read whole only if owed.
  const absent = new Map<string, string[]>();
  for (const { close, lines } of complete) {
    const paid = new Set(lines.map((l) => l.householdId));
    const payroll = await ports.register.allowancesIn(close.district, close.programme);
    absent.set(
      fileIdOf(close),
      payroll.filter((p) => !paid.has(p.householdId) && owedFor(p.allowance, close.month)).map((p) => p.householdId),
    );
  }
  const households = await ports.register.households([...new Set(complete.flatMap(({ lines }) => lines.map((l) => l.householdId)).concat(...absent.values()))]);
  const payees = new Map(complete.flatMap(({ lines }) => lines.map((l) => [`${l.personRef}#${l.month}`, { personRef: l.personRef, month: l.month }] as const)));
  const payeeLines = await ports.payments.linesOfPayees([...payees.values()]);

  const drafts: (DraftToRaise & { on: string })[] = [];
  const add = (indicator: DraftToRaise['indicator'] & { parameters: readonly string[] }, found: WarningDraft[]) => {
    for (const draft of found) drafts.push({ indicator, parameters: ports.policy.valuesOn(indicator.parameters, on, draft.district), draft, on });
  };
  for (const { close, lines } of complete) {
    const parameters = (names: readonly string[]) => ports.policy.valuesOn(names, on, close.district);
    add(amountDiffers, amountDiffers.evaluate({ lines, households }, parameters(amountDiffers.parameters)));
    const candidates = (absent.get(fileIdOf(close)) ?? []).flatMap((id) => (households.has(id) ? [households.get(id)!] : []));
    add(missingFromFile, missingFromFile.evaluate({ close, lines, households: candidates }, parameters(missingFromFile.parameters)));
  }
  // IND-24 reads its programmes from the city's row (no district override is meaningful across districts).
  add(paidUnderTwoHouseholds, paidUnderTwoHouseholds.evaluate({ lines: payeeLines }, ports.policy.valuesOn(paidUnderTwoHouseholds.parameters, on)));
  return drafts;
}

function departmentRecordEntry(record: AcceptedRecord, householdId: string): ChainEntry {
  return {
    householdId,
    at: record.acceptedAt,
    entryId: record.recordId,
    kind: 'department-record',
    actor: record.department,
    summary: `${record.department} reported ${record.recordType} ${record.departmentRecordId}`,
    refs: { recordId: record.recordId, departmentRecordId: record.departmentRecordId, recordType: record.recordType },
  };
}

/** Indicator 16, on an AssistanceEnded.v1 event whose exit reason is better finances. */
export async function evaluateExit(exit: AssistanceEndedV1, ports: Omit<EvaluationPorts, 'payments'>): Promise<EvaluationResult> {
  const household = await ports.register.household(exit.householdId);
  const result: EvaluationResult = { records: 0, matchedSubjects: 0, raised: [], alreadyRaised: [], absorbed: 0 };
  if (!household) return result;
  const draft = exitWithTransfer.evaluate(household, exit);
  if (!draft) return result;
  const parameters = ports.policy.valuesOn(exitWithTransfer.parameters, exit.endedOn, household.district);
  const raisedBy = `exit:${exit.warningId}:${exit.programme}`;
  const { raised, alreadyRaised, absorbed } = await raiseWarnings([{ indicator: exitWithTransfer, parameters, draft }], ports, 'warning-evaluation', raisedBy);
  return { ...result, matchedSubjects: household.members.length, raised: raised.map((w) => w.warningId), alreadyRaised, absorbed: absorbed.length };
}
