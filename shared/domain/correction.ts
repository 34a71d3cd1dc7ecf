import * as z from 'zod';
import { freeText } from '../privacy/free-text';
import { bilingual, label } from './bilingual';
import { conflict, notAllowed, ruleBroken } from './errors';
import type { Allowance } from './household';
import type { AnswerUndo } from './correction-undo';
import { type RecordedOutcome, type WarningOutcome, warningOutcome } from './outcome';

/**
 * 容错纠错 corrections without blame: an answer found wrong is corrected by a record naming who,
 * why and which of the plan's objective causes; the original answer stays on record and in the
 * chain, and what followed from it is redone from the corrected answer.
 */
export const CORRECTION_CAUSES = ['misreported-income', 'inaccurate-shared-data', 'emergency', 'other-objective'] as const;
export type CorrectionCause = (typeof CORRECTION_CAUSES)[number];

/** The plan's objective causes, as people read them. */
export const CORRECTION_CAUSE_LABELS: Record<CorrectionCause, { zh: string; en: string }> = {
  'misreported-income': { zh: '申报收入不实', en: 'misreported income' },
  'inaccurate-shared-data': { zh: '共享数据不准确', en: 'inaccurate shared data' },
  emergency: { zh: '突发情况', en: 'an emergency' },
  'other-objective': { zh: '其他客观原因', en: 'another objective cause' },
};

/** The answers a correction can give: those whose effect is the allowance on the roll (or nothing). */
export const CORRECTION_GIVES = ['assistance-ended', 'assistance-adjusted', 'no-action-needed', 'not-eligible'] as const;
/** The answers a correction can undo: those, and a grant, a transfer, a referral not yet answered (correction-undo.ts). */
export const CORRECTABLE_OUTCOMES = [...CORRECTION_GIVES, 'enrolled', 'transferred', 'referred-to-county-coordination'] as const;

/** What every correction says besides what it corrects: the objective cause, why, and who corrects (`what`: 'answer', 'decision'). */
export const correctionGrounds = (what: string) => ({
  cause: z
    .enum(CORRECTION_CAUSES, {
      error: bilingual(`纠错原因 cause 须为以下之一：${CORRECTION_CAUSES.join('、')}`, `cause must be one of ${CORRECTION_CAUSES.join(', ')}`),
    })
    .meta(label('纠错原因类别', 'Objective cause')),
  reason: freeText({ min: 2, max: 500 }).meta(label('纠错说明', `Why the ${what} was wrong`)),
  correctedBy: z
    .string()
    .regex(/^[A-Za-z0-9._-]{2,40}$/, bilingual('须为经办人工号', 'must be the correcting officer’s staff number'))
    .meta(label('纠错经办人工号', 'Correcting officer’s staff number')),
});

/** 纠错 the body of a correction: the answer as it should have been, the cause, why, and who corrects. */
export const outcomeCorrection = z
  .object({
    outcome: warningOutcome.meta(label('更正后的处置结果', 'Corrected outcome')),
    ...correctionGrounds('answer'),
  })
  .strict();
export type OutcomeCorrection = z.infer<typeof outcomeCorrection>;

/** A correction as the warning keeps it, beside (never over) the answer it corrects. */
export interface RecordedCorrection extends Omit<OutcomeCorrection, 'outcome'> {
  /** The corrected answer; a corrected adjustment also keeps the amount it replaced. */
  outcome: WarningOutcome & { priorMonthlyAmountFen?: number };
  warningId: string;
  department: string;
  /** 1 for the first correction of this department's answer, 2 for a correction of that one … */
  sequence: number;
  correctionId: string;
  /** The chain entry of the answer or correction this one corrects. */
  corrects: string;
  correctedAt: string;
  bodyHash: string;
  /** What the corrected answer did beyond the allowances, undone (a grant, a transfer, a referral). */
  undid?: AnswerUndo;
  /** Set once CorrectionRecorded.v1 is on the bus (the write's outbox). */
  publishedAt?: string;
}

/** The allowance fields a correction rewrites. */
export type AllowanceState = Pick<Allowance, 'programme' | 'monthlyAmountFen' | 'startDate' | 'status' | 'endedOn' | 'gradualExitUntil'> & {
  adjustedFrom?: string;
};

/** One allowance rewritten by a correction: on condition it is still as `from`. */
export interface AllowanceRewrite {
  programme: string;
  from: AllowanceState;
  to: AllowanceState;
  /** A corrected adjustment: the amount it replaces (before any adjustment by this warning), kept so a later correction can put it back. */
  priorMonthlyAmountFen?: number;
}

/** The answer in force for a department: its latest correction, else its own answer. */
export function answerInForce(outcome: RecordedOutcome | undefined, corrections: readonly RecordedCorrection[]): WarningOutcome | RecordedOutcome | undefined {
  const latest = corrections.at(-1);
  return latest ? latest.outcome : outcome;
}

export const correctionId = (warningId: string, department: string, sequence: number) => `${warningId}:correction:${department}:${sequence}`;

/**
 * 可否纠错 and what it redoes: the department's answer in force is undone and the corrected
 * answer applied, on the household's allowances as they are now. Pure; throws the refusal.
 */
export function planCorrection(at: {
  department: string;
  /** The departments that answered the warning. */
  answeredBy: readonly string[];
  /** The department's answer in force (undefined: it has not answered). */
  inForce: (WarningOutcome & { priorMonthlyAmountFen?: number }) | undefined;
  corrected: WarningOutcome;
  allowances: readonly AllowanceState[];
}): AllowanceRewrite[] {
  const { department, inForce, corrected } = at;
  if (!inForce) {
    if (at.answeredBy.length === 0)
      throw conflict(
        'NotAnswered',
        bilingual('预警尚未反馈，无可更正；请先反馈处置结果', 'the warning has not been answered: there is nothing to correct; answer it first'),
      );
    throw notAllowed(
      'NotYourAnswer',
      bilingual(
        `只有作出反馈的部门（${at.answeredBy.join('、')}）可以更正其反馈`,
        `only the department that answered (${at.answeredBy.join(', ')}) may correct its answer`,
      ),
    );
  }
  if (!(CORRECTABLE_OUTCOMES as readonly string[]).includes(inForce.outcome)) {
    throw ruleBroken(
      'NotCorrectable',
      bilingual(
        `${inForce.outcome} 的反馈暂不能以纠错方式更正（可更正：${CORRECTABLE_OUTCOMES.join('、')}）`,
        `an answer of ${inForce.outcome} cannot be corrected (correctable: ${CORRECTABLE_OUTCOMES.join(', ')})`,
      ),
      [{ field: 'outcome', message: bilingual(`${department} 的反馈为 ${inForce.outcome}`, `${inForce.outcome}`) }],
    );
  }
  if (!(CORRECTION_GIVES as readonly string[]).includes(corrected.outcome)) {
    throw ruleBroken(
      'NotCorrectable',
      bilingual(
        `纠错不能给出 ${corrected.outcome} 的反馈（可给出：${CORRECTION_GIVES.join('、')}）；请作为新的反馈报送`,
        `a correction cannot give an answer of ${corrected.outcome} (it gives: ${CORRECTION_GIVES.join(', ')})`,
      ),
      [{ field: 'outcome.outcome', message: bilingual(`不能为 ${corrected.outcome}`, `not ${corrected.outcome}`) }],
    );
  }
  if (sameDecision(inForce, corrected)) {
    throw ruleBroken('NothingToCorrect', bilingual('更正后的处置结果与现行反馈相同', 'the corrected outcome is the answer already in force'), [
      { field: 'outcome', message: bilingual('与现行反馈相同', 'same as the answer in force') },
    ]);
  }
  const now = new Map(at.allowances.map((a) => [a.programme, a]));
  const changed = new Map<string, AllowanceState>();
  const state = (p: string) => changed.get(p) ?? now.get(p);
  let prior: number | undefined;

  // Undo the answer in force: the allowance as it was before it.
  if (inForce.outcome === 'assistance-ended') {
    const a = now.get(inForce.programme);
    if (a?.status !== 'ended' || a.endedOn !== inForce.endedOn) throw allowanceChanged(inForce.programme);
    const { endedOn: _ended, ...rest } = a;
    changed.set(a.programme, { ...rest, status: 'active' });
  } else if (inForce.outcome === 'assistance-adjusted') {
    const a = now.get(inForce.programme);
    if (a?.status !== 'active' || a.monthlyAmountFen !== inForce.monthlyAmountFen) throw allowanceChanged(inForce.programme);
    if (inForce.priorMonthlyAmountFen === undefined) {
      if (corrected.outcome !== 'assistance-adjusted' || corrected.programme !== inForce.programme) {
        throw ruleBroken(
          'PriorAmountUnknown',
          bilingual(
            '调整前的月救助金额未记录：请以 assistance-adjusted 更正并写明正确金额',
            'the amount before the adjustment is not on record: correct with assistance-adjusted naming the right amount',
          ),
          [{ field: 'outcome.outcome', message: bilingual('须为 assistance-adjusted', 'must be assistance-adjusted') }],
        );
      }
    } else {
      const { adjustedFrom: _from, ...rest } = a;
      changed.set(a.programme, { ...rest, monthlyAmountFen: inForce.priorMonthlyAmountFen });
    }
  }

  // Apply the corrected answer over that.
  if (corrected.outcome === 'assistance-ended' || corrected.outcome === 'assistance-adjusted') {
    const a = state(corrected.programme);
    if (a?.status !== 'active') {
      throw ruleBroken('NoSuchAllowance', bilingual(`该户没有正在发放的 ${corrected.programme}`, `the household is not paid ${corrected.programme}`), [
        { field: 'outcome.programme', message: bilingual(`该户没有正在发放的 ${corrected.programme}`, `no active ${corrected.programme} for this household`) },
      ]);
    }
    if (corrected.outcome === 'assistance-ended') {
      if (corrected.endedOn < a.startDate) {
        throw ruleBroken(
          'EndBeforeStart',
          bilingual(`终止日期早于救助起始日期（${a.startDate}）`, `endedOn is before the allowance started (${a.startDate})`),
          [{ field: 'outcome.endedOn', message: bilingual(`不得早于 ${a.startDate}`, `must be on or after ${a.startDate}`) }],
        );
      }
      changed.set(a.programme, { ...a, status: 'ended', endedOn: corrected.endedOn });
    } else {
      changed.set(a.programme, { ...a, monthlyAmountFen: corrected.monthlyAmountFen, adjustedFrom: corrected.effectiveFrom });
      prior = a.monthlyAmountFen;
    }
  }
  return [...changed.entries()].map(([programme, to]) => ({
    programme,
    from: now.get(programme)!,
    to,
    ...(prior !== undefined && corrected.outcome === 'assistance-adjusted' && corrected.programme === programme ? { priorMonthlyAmountFen: prior } : {}),
  }));
}

/** What changed in one rewrite, for the chain. */
export function rewriteSummary(r: AllowanceRewrite): { kind: 'assistance-restored' | 'assistance-ended' | 'assistance-adjusted'; summary: string } {
  if (r.from.status === 'ended' && r.to.status === 'active') {
    return {
      kind: 'assistance-restored',
      summary: `${r.programme} restored from ${r.from.endedOn} (ended by mistake), ${r.to.monthlyAmountFen} fen a month`,
    };
  }
  if (r.to.status === 'ended') return { kind: 'assistance-ended', summary: `${r.programme} ended on ${r.to.endedOn} (corrected)` };
  return { kind: 'assistance-adjusted', summary: `${r.programme} set to ${r.to.monthlyAmountFen} fen a month (corrected, was ${r.from.monthlyAmountFen})` };
}

/** Two answers that decide the same thing (who handled it and the wording of the reason aside). */
function sameDecision(a: WarningOutcome, b: WarningOutcome): boolean {
  const strip = ({ reason: _r, handledBy: _h, ...rest }: WarningOutcome & { priorMonthlyAmountFen?: number }) => {
    const { priorMonthlyAmountFen: _p, ...decision } = rest as typeof rest & { priorMonthlyAmountFen?: number };
    return JSON.stringify(Object.entries(decision).sort(([x], [y]) => x.localeCompare(y)));
  };
  return strip(a) === strip(b);
}

const allowanceChanged = (programme: string) =>
  conflict(
    'AllowanceChanged',
    bilingual(
      `${programme} 已不是该反馈留下的状态；请重新读取救助链后再更正`,
      `${programme} is no longer as the answer left it; read the chain and correct again`,
    ),
  );
