import * as z from 'zod';
import type { ChainEntryKind } from './assistance-chain';
import { bilingual, label } from './bilingual';
import { type AllowanceCategory, type Category, isAllowanceCategory } from './categories';
import { addCalendarDays } from './city-time';
import { correctionGrounds, type CorrectionCause } from './correction';
import type { DistrictCode } from './districts';
import { conflict, ruleBroken } from './errors';
import type { Allowance, Household, RollMember } from './household';
import type { PolicyBook } from './policy/policy-book';
import { ALLOWANCE_PROGRAMME } from './programmes';
import { gradualExitEnd } from './recognition/entitlements';

/**
 * 容错纠错 of a recognition decision (分类审核认定): civil affairs finds a classified review wrong
 * (income misreported, shared data inaccurate, an emergency) and records the result it should
 * have had. The decision stays as it was; the correction stands beside it and redoes what
 * follows: a refusal corrected to DIBAO or TEKUN enrols the household, a grant corrected to a
 * refusal ends its allowance (through the policy's gradual exit, 渐退).
 */
export const DECIDED_CATEGORIES = ['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE'] as const;
export type DecidedCategory = (typeof DECIDED_CATEGORIES)[number];

const isoDay = z.iso.date();

/** 纠错 the body of a decision's correction: the result it should have had, the cause, why, and who. */
export const decisionCorrection = z
  .object({
    category: z
      .enum(DECIDED_CATEGORIES, {
        error: bilingual(
          `更正后的认定类别 category 须为以下之一或 null（不予认定）：${DECIDED_CATEGORIES.join('、')}`,
          `category must be one of ${DECIDED_CATEGORIES.join(', ')}, or null (refused)`,
        ),
      })
      .nullable()
      .meta(label('更正后的认定类别（null 为不予认定）', 'Corrected category (null: refused)')),
    correctedInputs: z
      .object({
        perCapitaMonthlyIncomeFen: z
          .number()
          .int()
          .min(0)
          .max(100_000_000)
          .optional()
          .meta(label('核实后的家庭月人均收入（分）', 'Per-capita monthly income as found (fen)')),
      })
      .strict()
      .optional()
      .meta(label('核实后的认定依据', 'Inputs as actually found')),
    effectiveFrom: isoDay.optional().meta(label('更正生效日期（默认为纠错当日）', 'Effective from (default: the day corrected)')),
    ...correctionGrounds('decision'),
  })
  .strict();
export type DecisionCorrection = z.infer<typeof decisionCorrection>;

/** What a decision's correction did to the household, for programs (stable). */
export type DecisionChange =
  | { kind: 'enrolled'; programme: string; monthlyAmountFen: number; startDate: string }
  | { kind: 'gradual-exit'; programme: string; lastPaidDay: string; graceMonths: number }
  | { kind: 'allowance-ended'; programme: string; endedOn: string }
  | { kind: 'gradual-exit-stopped'; programme: string; until: string }
  | { kind: 'recategorised'; category: Category; since: string };

/** A decision's correction as kept beside the decision (never over it). */
export interface RecordedDecisionCorrection extends DecisionCorrection {
  householdId: string;
  district: DistrictCode;
  /** The decision corrected: the platform's id of its investigation record. */
  decisionId: string;
  /** 1 for the first correction of the decision, 2 for a correction of that one … */
  sequence: number;
  correctionId: string;
  /** The category in force before: the decision's, or the previous correction's. */
  from: DecidedCategory | null;
  perCapitaMonthlyIncomeFen: number;
  changes: DecisionChange[];
  correctedAt: string;
  bodyHash: string;
  /** Set once CorrectionRecorded.v1 is on the bus (the write's outbox). */
  publishedAt?: string;
}

export const decisionCorrectionId = (decisionId: string, sequence: number) => `${decisionId}:correction:${sequence}`;

/** The decision as the correction reads it (a RecognitionDecision, members kept since decisions carry them). */
export interface DecisionInForce {
  householdId: string;
  district: DistrictCode;
  recordId: string;
  investigatedOn: string;
  category: DecidedCategory | null;
  perCapitaMonthlyIncomeFen: number;
  members?: RollMember[];
}

/** The household written by a correction: the register's profile as it is to be, and its allowances to put or change. */
export interface DecisionCorrectionPlan {
  from: DecidedCategory | null;
  perCapitaMonthlyIncomeFen: number;
  changes: DecisionChange[];
  /** The household as it is to be held (undefined: the correction changes nothing in the register). */
  household?: Household;
  /** Whether the household was already in the register (else the correction puts it there). */
  held: boolean;
  /** The allowances written, each on condition it is still as `from` (absent: not there, or ended). */
  allowances: { from?: Allowance; to: Allowance }[];
  /** The allowance started, if any: its disclosure line and its `granted` count. */
  started?: Allowance;
  /** The allowance ended or put into gradual exit, as it is to be. */
  ending?: Allowance;
}

/**
 * 可否纠错 and what follows: the latest decision only, corrected to a result other than the one in
 * force; enrolment pays the policy's standard (DIBAO: the gap between the standard and the
 * per-capita income, for each member; TEKUN: the standard for each member), ending goes through
 * the gradual exit when the policy grants one. Pure; throws the refusal.
 */
export function planDecisionCorrection(at: {
  decision: DecisionInForce;
  /** The household's latest decision (only it may be corrected). */
  latestDecisionId: string;
  /** This decision's corrections so far, in order. */
  earlier: readonly Pick<RecordedDecisionCorrection, 'category' | 'perCapitaMonthlyIncomeFen'>[];
  correction: DecisionCorrection;
  household: Household | undefined;
  policy: PolicyBook;
  /** The city day the correction is made. */
  today: string;
  correctedAt: string;
}): DecisionCorrectionPlan {
  const { decision, correction, policy } = at;
  if (decision.recordId !== at.latestDecisionId) {
    throw conflict(
      'NotLatestDecision',
      bilingual(
        `只能更正该户最新的认定决定（${at.latestDecisionId}）；较早的决定已被后来的调查取代`,
        `only the household’s latest decision (${at.latestDecisionId}) may be corrected; a later investigation has replaced this one`,
      ),
    );
  }
  const last = at.earlier.at(-1);
  const from = last ? last.category : decision.category;
  const income = correction.correctedInputs?.perCapitaMonthlyIncomeFen ?? last?.perCapitaMonthlyIncomeFen ?? decision.perCapitaMonthlyIncomeFen;
  const to = correction.category;
  if (from === to) {
    throw ruleBroken('NothingToCorrect', bilingual('更正后的认定类别与现行认定相同', 'the corrected category is the one already in force'), [
      { field: 'category', message: bilingual(`现行认定为 ${from ?? '不予认定'}`, `in force: ${from ?? 'refused'}`) },
    ]);
  }
  const since = correction.effectiveFrom ?? at.today;
  if (since < decision.investigatedOn || since > at.today) {
    throw ruleBroken(
      'EffectiveOutOfRange',
      bilingual(
        `生效日期须在调查日期（${decision.investigatedOn}）与今日（${at.today}）之间`,
        `effectiveFrom must be between the investigation (${decision.investigatedOn}) and today (${at.today})`,
      ),
      [{ field: 'effectiveFrom', message: bilingual(`${decision.investigatedOn} 至 ${at.today}`, `${decision.investigatedOn} to ${at.today}`) }],
    );
  }

  const held = at.household;
  const members = held?.members ?? decision.members;
  if (!members?.length) {
    throw conflict(
      'NotOnRoll',
      bilingual(
        '该户不在低收入人口数据库中，且该认定决定未记录家庭成员；请先报送在册记录',
        'the household is not in the low-income database and the decision keeps no members: send its roll entry first',
      ),
    );
  }
  const base: Household = held ?? {
    householdId: decision.householdId,
    district: decision.district,
    category: to ?? 'OTHER_HARDSHIP',
    recognisedOn: since,
    monthlyIncomeFen: income * members.length,
    members,
    allowances: [],
    updatedAt: at.correctedAt,
  };
  const changes: DecisionChange[] = [];
  const rewrites: { from?: Allowance; to: Allowance }[] = [];
  let allowances = [...base.allowances];
  let ending: Allowance | undefined;
  let started: Allowance | undefined;

  // A grant in force: its allowance ends (to a refusal or a category without one: through the gradual exit).
  if (from && isAllowanceCategory(from)) {
    const programme = ALLOWANCE_PROGRAMME[from];
    const paid = allowances.find((a) => a.programme === programme && a.status === 'active');
    if (paid) {
      const switching = to !== null && isAllowanceCategory(to);
      const { lastPaidDay, graceMonths } = gradualExitEnd(since, policy, base.district);
      if (switching || graceMonths <= 0) {
        // Paid without a gap by the new allowance, or no grace by policy: ends the day before.
        const endedOn = maxDay(addCalendarDays(since, -1), paid.startDate);
        const { gradualExitUntil: _g, ...rest } = paid;
        ending = { ...rest, status: 'ended', endedOn };
        changes.push({ kind: 'allowance-ended', programme, endedOn });
      } else if (!paid.gradualExitUntil) {
        ending = { ...paid, gradualExitUntil: lastPaidDay };
        changes.push({ kind: 'gradual-exit', programme, lastPaidDay, graceMonths });
      }
      if (ending) {
        allowances = allowances.map((a) => (a.programme === programme ? ending! : a));
        rewrites.push({ from: paid, to: ending });
      }
    }
  }

  // A grant corrected in: the allowance from the policy's standard on the effective day.
  if (to !== null && isAllowanceCategory(to)) {
    const programme = ALLOWANCE_PROGRAMME[to];
    const paid = allowances.find((a) => a.programme === programme && a.status === 'active');
    if (paid?.gradualExitUntil) {
      // Refused while paid, so in its grace period: the exit stops and the allowance simply continues.
      const { gradualExitUntil, ...continues } = paid;
      allowances = allowances.map((a) => (a === paid ? continues : a));
      rewrites.push({ from: paid, to: continues });
      changes.push({ kind: 'gradual-exit-stopped', programme, until: gradualExitUntil });
    } else if (paid) {
      throw conflict('AlreadyPaid', bilingual(`该户已在领取 ${programme}`, `the household is already paid ${programme}`));
    } else {
      const monthlyAmountFen = allowanceAmount(to, income, members.length, since, base.district, policy);
      started = { programme, monthlyAmountFen, startDate: since, status: 'active' };
      const before = allowances.find((a) => a.programme === programme);
      allowances = [...allowances.filter((a) => a.programme !== programme), started];
      rewrites.push({ ...(before ? { from: before } : {}), to: started });
      changes.push({ kind: 'enrolled', programme, monthlyAmountFen, startDate: since });
    }
  }
  if (to !== null && base.category !== to) changes.push({ kind: 'recategorised', category: to, since });

  const household: Household = {
    ...base,
    ...(to !== null ? { category: to, recognisedOn: since } : {}),
    allowances: allowances.sort((a, b) => a.programme.localeCompare(b.programme)),
  };
  return {
    from,
    perCapitaMonthlyIncomeFen: income,
    changes,
    ...(changes.length ? { household } : {}),
    held: Boolean(held),
    allowances: rewrites,
    ...(started ? { started } : {}),
    ...(ending ? { ending } : {}),
  };
}

/** 保障金额: DIBAO pays the gap to the standard for each member; TEKUN the standard for each member. */
export function allowanceAmount(
  category: AllowanceCategory,
  perCapitaFen: number,
  members: number,
  on: string,
  district: DistrictCode,
  policy: PolicyBook,
): number {
  const standard = policy.numberOn('dibao.standardMonthlyFen', on, district);
  if (category === 'TEKUN') return standard * members;
  if (perCapitaFen >= standard) {
    throw ruleBroken(
      'NotBelowStandard',
      bilingual(
        `人均月收入 ${perCapitaFen} 分不低于低保标准 ${standard} 分：请在 correctedInputs 中写明核实后的收入`,
        `a per-capita income of ${perCapitaFen} fen is not below the dibao standard of ${standard} fen: give the income as found in correctedInputs`,
      ),
      [{ field: 'correctedInputs.perCapitaMonthlyIncomeFen', message: bilingual(`须低于 ${standard}`, `must be below ${standard}`) }],
    );
  }
  return (standard - perCapitaFen) * members;
}

/** One line for the chain: what the correction changed. */
export function decisionChangeSummary(c: DecisionChange): { kind: ChainEntryKind; summary: string } {
  switch (c.kind) {
    case 'enrolled':
      return { kind: 'roll-entry', summary: `enrolled by correction: ${c.programme} ${c.monthlyAmountFen} fen a month from ${c.startDate}` };
    case 'gradual-exit':
      return {
        kind: 'gradual-exit',
        summary: `gradual exit (渐退) by correction: ${c.programme} continues for ${c.graceMonths} month(s), last paid ${c.lastPaidDay}`,
      };
    case 'allowance-ended':
      return { kind: 'assistance-ended', summary: `${c.programme} ended on ${c.endedOn} (corrected)` };
    case 'gradual-exit-stopped':
      return { kind: 'gradual-exit', summary: `gradual exit stopped by correction (last paid was to be ${c.until}): ${c.programme} continues` };
    case 'recategorised':
      return { kind: 'roll-entry', summary: `recognised as ${c.category} from ${c.since} (corrected)` };
  }
}

export type { CorrectionCause };

const maxDay = (a: string, b: string) => (a > b ? a : b);
