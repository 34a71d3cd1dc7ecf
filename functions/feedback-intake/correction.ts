import { createHash } from 'node:crypto';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { bilingual } from '../../shared/domain/bilingual';
import { cityDay } from '../../shared/domain/city-time';
import {
  answerInForce,
  CORRECTION_CAUSE_LABELS,
  correctionId,
  type OutcomeCorrection,
  planCorrection,
  type RecordedCorrection,
  rewriteSummary,
} from '../../shared/domain/correction';
import { type AnswerUndo, planUndo, undoSummary } from '../../shared/domain/correction-undo';
import type { WarningRecipient } from '../../shared/domain/departments';
import { conflict, notAllowed, notFound } from '../../shared/domain/errors';
import type { StoredWarning } from '../../shared/domain/warning';
import type { CorrectionStore } from '../../shared/ports/correction-store';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import { CORRECTION_RECORDED_V1, correctionRecordedV1 } from '../../events/correction-recorded.v1';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { CountedEvent, StatisticsStore } from '../../shared/ports/statistics';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface CorrectAnswerInput {
  department: WarningRecipient;
  warningId: string;
  correction: OutcomeCorrection;
}

export interface CorrectionPorts {
  warnings: Pick<WarningStore, 'get'>;
  corrections: CorrectionStore;
  register: Pick<HouseholdRegister, 'household'>;
  statistics: StatisticsStore;
  /** A corrected grant comes off the month's disclosure list. */
  disclosure: Pick<DisclosureStore, 'withdraw'>;
  events: EventPublisher;
  now: () => Date;
}

export interface CorrectionReceipt {
  warningId: string;
  correctionId: string;
  sequence: number;
  cause: string;
  /** The outcome it corrects (the department's answer or its previous correction), which stays on record. */
  corrects: { entryId: string; outcome: string };
  outcome: string;
  allowances: { programme: string; status: 'active' | 'ended'; monthlyAmountFen: number; endedOn?: string }[];
  /** What the corrected answer did beyond the allowances, undone (a grant withdrawn, a transfer undone, a referral withdrawn). */
  undid?: AnswerUndo['kind'];
  correctedAt: string;
  replayed: boolean;
}

/**
 * 容错纠错: the department that answered a warning corrects its answer. The answer stays as it
 * was; the correction is written beside it with its cause, and what the answer changed in the
 * household's allowances is redone from the corrected one, in one transaction. The same
 * correction sent again changes nothing; the month's statistics count it once, by cause.
 */
export async function correctAnswer(input: CorrectAnswerInput, ports: CorrectionPorts): Promise<CorrectionReceipt> {
  const { department, correction } = input;
  const bodyHash = createHash('sha256').update(JSON.stringify(correction)).digest('hex');
  const warning = await ports.warnings.get(input.warningId);
  if (!warning) throw notFound('WarningNotFound', bilingual(`没有预警 ${input.warningId}`, `no warning ${input.warningId}`));
  if (!warning.pushedTo.includes(department) && !warning.outcomes[department]) {
    throw notAllowed(
      'WarningNotRoutedToYou',
      bilingual(`预警 ${warning.warningId} 未推送给 ${department}`, `warning ${warning.warningId} was not routed to ${department}`),
    );
  }
  const ours = (await ports.corrections.corrections(warning.warningId)).filter((c) => c.department === department);
  const latest = ours.at(-1);
  if (latest?.bodyHash === bodyHash) return finish(latest, warning, ports, true);

  const household = await ports.register.household(warning.householdId);
  const original = warning.outcomes[department];
  const inForce = answerInForce(original, ours);
  const answeredBy = Object.keys(warning.outcomes);
  const allowances = planCorrection({ department, answeredBy, inForce, corrected: correction.outcome, allowances: household?.allowances ?? [] });
  const undid = planUndo({
    warningId: warning.warningId,
    department,
    inForce,
    original,
    recipients: warning.recipients,
    answeredBy,
  });

  const sequence = ours.length + 1;
  const correctedAt = ports.now().toISOString();
  const prior = allowances.find((r) => r.priorMonthlyAmountFen !== undefined)?.priorMonthlyAmountFen;
  const recorded: RecordedCorrection = {
    ...correction,
    // A corrected adjustment keeps the amount it replaced, as an answer does.
    outcome: prior !== undefined ? { ...correction.outcome, priorMonthlyAmountFen: prior } : correction.outcome,
    warningId: warning.warningId,
    department,
    sequence,
    correctionId: correctionId(warning.warningId, department, sequence),
    corrects: latest ? latest.correctionId : `${warning.warningId}:outcome:${department}`,
    correctedAt,
    bodyHash,
    ...(undid ? { undid } : {}),
  };
  const result = await ports.corrections.correct({
    correction: recorded,
    householdId: warning.householdId,
    district: warning.district,
    allowances,
    entries: chainEntries(warning, recorded, allowances),
    ...(undid ? { undo: undid } : {}),
  });
  if (result === 'conflict') {
    const meanwhile = (await ports.corrections.corrections(warning.warningId)).filter((c) => c.department === department).at(-1);
    if (meanwhile?.bodyHash === bodyHash) return finish(meanwhile, warning, ports, true);
    throw conflict(
      'CorrectionChanged',
      bilingual(
        '更正期间该反馈或救助待遇已变化；请重新读取救助链后再更正',
        'the answer or the allowance changed while correcting; read the chain and correct again',
      ),
    );
  }
  return finish(recorded, warning, ports, false);
}

/** Counts the correction in its month (once, also on a retry after a crash) and says what it did. */
async function finish(c: RecordedCorrection, warning: StoredWarning, ports: CorrectionPorts, replayed: boolean): Promise<CorrectionReceipt> {
  const grant = c.undid?.kind === 'grant-withdrawn' ? c.undid : undefined;
  // Idempotent, so a replay after a crash between the write and these finishes them.
  if (grant) {
    await ports.disclosure.withdraw(
      { month: grant.disclosureMonth, district: warning.district, kind: 'grant', sourceId: grant.sourceId },
      { correctionId: c.correctionId, at: c.correctedAt },
    );
  }
  await ports.statistics.count([countedCorrection(c, warning), ...(grant ? [countedWithdrawal(c, grant, warning)] : [])]);
  // Published once: a replay after a crash between the write and the mark publishes it then.
  if (!c.publishedAt) {
    await ports.events.publish([{ ...CORRECTION_RECORDED_V1, detail: correctionRecordedV1.parse(recordedEvent(c, warning)) }]);
    await ports.corrections.markPublished(c, ports.now().toISOString());
  }
  const before =
    c.sequence === 1
      ? warning.outcomes[c.department]
      : (await ports.corrections.corrections(c.warningId)).find((p) => p.department === c.department && p.sequence === c.sequence - 1)?.outcome;
  const touched = new Set([before, c.outcome].flatMap((o) => (o && 'programme' in o ? [o.programme] : [])));
  const household = await ports.register.household(warning.householdId);
  return {
    warningId: c.warningId,
    correctionId: c.correctionId,
    sequence: c.sequence,
    cause: c.cause,
    corrects: { entryId: c.corrects, outcome: before?.outcome ?? 'unknown' },
    outcome: c.outcome.outcome,
    allowances: (household?.allowances ?? [])
      .filter((a) => touched.has(a.programme))
      .map((a) => ({ programme: a.programme, status: a.status, monthlyAmountFen: a.monthlyAmountFen, ...(a.endedOn ? { endedOn: a.endedOn } : {}) })),
    ...(c.undid ? { undid: c.undid.kind } : {}),
    correctedAt: c.correctedAt,
    replayed,
  };
}

/** CorrectionRecorded.v1 of an answer's correction: what the corrected answer redid, by kind. */
function recordedEvent(c: RecordedCorrection, warning: StoredWarning) {
  const before = c.sequence === 1 ? warning.outcomes[c.department] : undefined;
  const changes: { kind: 'assistance-restored' | 'allowance-ended' | 'assistance-adjusted' | 'recategorised'; programme?: string }[] = [];
  const o = c.outcome;
  if (o.outcome === 'assistance-ended') changes.push({ kind: 'allowance-ended', programme: o.programme });
  if (o.outcome === 'assistance-adjusted') changes.push({ kind: 'assistance-adjusted', programme: o.programme });
  if (before?.outcome === 'assistance-ended' && !(o.outcome === 'assistance-ended' && o.programme === before.programme)) {
    changes.push({ kind: 'assistance-restored', programme: before.programme });
  }
  // The event's change kinds have none for a withdrawn grant or referral (their chain entries say it).
  if (c.undid?.kind === 'transfer-undone') changes.push({ kind: 'recategorised' });
  return {
    correctionId: c.correctionId,
    householdId: warning.householdId,
    district: warning.district,
    corrects: { kind: 'answer', warningId: c.warningId, entryId: c.corrects },
    department: c.department,
    sequence: c.sequence,
    cause: c.cause,
    corrected: c.outcome.outcome,
    changes,
    correctedBy: c.correctedBy,
    correctedAt: c.correctedAt,
  };
}

/** 统计: a corrected grant counted out of the month it was counted in (its own key, so once). */
export function countedWithdrawal(c: RecordedCorrection, g: Extract<AnswerUndo, { kind: 'grant-withdrawn' }>, warning: StoredWarning): CountedEvent {
  const add = { granted: -1, grantedFen: -g.amountFen };
  return {
    eventKey: `ungranted:${c.correctionId}`,
    month: g.grantedMonth,
    increments: [
      { dimension: 'ALL', add },
      { dimension: `PROG#${g.programme}#DIST#${warning.district}`, add },
    ],
  };
}

/** 统计: corrections by cause, in the month corrected, overall, by indicator and by department. */
export function countedCorrection(c: RecordedCorrection, warning: StoredWarning): CountedEvent {
  const add = { corrections: 1, [`corrections#${c.cause}`]: 1 };
  return {
    eventKey: `corrected:${c.correctionId}`,
    month: cityDay(c.correctedAt).slice(0, 7),
    increments: [
      { dimension: 'ALL', add },
      { dimension: `IND#${warning.indicator.id}`, add },
      { dimension: `DEPT#${c.department}`, add },
    ],
  };
}

function chainEntries(warning: StoredWarning, c: RecordedCorrection, allowances: ReturnType<typeof planCorrection>): ChainEntry[] {
  const base = { householdId: warning.householdId, at: c.correctedAt, actor: `${c.department}/${c.correctedBy}` };
  const refs = { warningId: warning.warningId, correctionId: c.correctionId, corrects: c.corrects, cause: c.cause };
  const cause = CORRECTION_CAUSE_LABELS[c.cause];
  return [
    {
      ...base,
      entryId: c.correctionId,
      kind: 'correction',
      summary: `corrected the answer to ${warning.indicator.id} (${c.corrects}) to ${c.outcome.outcome}, cause ${cause.zh} ${cause.en} — ${c.reason}`,
      refs,
    },
    // Same timestamp: entry ids sort the correction before what it redid.
    ...allowances.map((r) => ({ ...base, entryId: `${c.correctionId}:${r.programme}`, ...rewriteSummary(r), refs })),
    ...(c.undid
      ? [{ ...base, entryId: `${c.correctionId}:undo`, kind: UNDO_ENTRY_KIND[c.undid.kind], summary: undoSummary(c.undid, warning.district), refs }]
      : []),
  ];
}

/** The chain kind of each undo: a grant withdrawn is assistance ended, a transfer undone a transfer, a referral withdrawn a correction. */
const UNDO_ENTRY_KIND: Record<AnswerUndo['kind'], ChainEntry['kind']> = {
  'grant-withdrawn': 'assistance-ended',
  'transfer-undone': 'transferred',
  'referral-withdrawn': 'correction',
};
