import { describe, expect, it } from 'vitest';
import { type AllowanceState, outcomeCorrection, planCorrection, rewriteSummary } from '../../shared/domain/correction';
import { DomainError } from '../../shared/domain/errors';
import type { WarningOutcome } from '../../shared/domain/outcome';
import { yueluHousehold } from '../fixtures/people';

/** 容错纠错: which corrections are allowed, and what each redoes on the household's allowances. */
const dibaoActive: AllowanceState = { programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'active' };
const dibaoEnded: AllowanceState = { ...dibaoActive, status: 'ended', endedOn: '2026-11-30' };
const ended: WarningOutcome = {
  outcome: 'assistance-ended',
  programme: 'dibao-allowance',
  endedOn: '2026-11-30',
  exitReason: 'died',
  reason: 'household head died',
  handledBy: 'YL-MZ-0413',
};
const noAction: WarningOutcome = { outcome: 'no-action-needed', reason: 'the record was about someone else', handledBy: 'YL-MZ-0413' };
const adjusted = (monthlyAmountFen: number): WarningOutcome => ({
  outcome: 'assistance-adjusted',
  programme: 'dibao-allowance',
  monthlyAmountFen,
  effectiveFrom: '2026-12-01',
  reason: 'one member fewer',
  handledBy: 'YL-MZ-0413',
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, code: e.code };
    throw e;
  }
  throw new Error('not refused');
};

describe('which corrections are allowed', () => {
  it('refuses a warning nobody answered (409) and another department than the one that answered (403)', () => {
    expect(refusal(() => planCorrection({ department: 'civil-affairs', answeredBy: [], inForce: undefined, corrected: noAction, allowances: [] }))).toEqual({
      kind: 'Conflict',
      code: 'NotAnswered',
    });
    expect(
      refusal(() => planCorrection({ department: 'education', answeredBy: ['civil-affairs'], inForce: undefined, corrected: noAction, allowances: [] })),
    ).toEqual({
      kind: 'NotAllowed',
      code: 'NotYourAnswer',
    });
  });

  it('requires a cause among the plan’s objective causes, a reason under the free-text policy and the officer', () => {
    const body = { outcome: noAction, cause: 'inaccurate-shared-data', reason: '死亡记录身份信息匹配有误', correctedBy: 'YL-MZ-0413' };
    expect(outcomeCorrection.safeParse(body).success).toBe(true);
    const { cause: _c, ...noCause } = body;
    expect(outcomeCorrection.safeParse(noCause).error?.issues.map((i) => i.path.join('.'))).toEqual(['cause']);
    expect(outcomeCorrection.safeParse({ ...body, cause: 'officer-mistake' }).success).toBe(false);
    // An identity number in the reason breaks the free-text policy.
    expect(outcomeCorrection.safeParse({ ...body, reason: `身份证 ${yueluHousehold.grandmother.identityNumber} 不是受助人` }).success).toBe(false);
    expect(outcomeCorrection.safeParse({ ...body, correctedBy: '' }).success).toBe(false);
  });

  it('refuses kinds it cannot redo, and a correction that decides nothing new', () => {
    const enrolled: WarningOutcome = {
      outcome: 'enrolled',
      programme: 'medical-assistance',
      amountFen: 500_000,
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      reason: 'inpatient costs',
      handledBy: 'YB-0001',
    };
    // A grant can be corrected (correction-undo.ts withdraws it); a correction cannot give one.
    expect(
      planCorrection({ department: 'medical-insurance', answeredBy: ['medical-insurance'], inForce: enrolled, corrected: noAction, allowances: [] }),
    ).toEqual([]);
    expect(
      refusal(() =>
        planCorrection({ department: 'medical-insurance', answeredBy: ['medical-insurance'], inForce: noAction, corrected: enrolled, allowances: [] }),
      ).code,
    ).toBe('NotCorrectable');
    const sameWithOtherWords = { ...ended, reason: 'other words', handledBy: 'YL-MZ-0999' };
    expect(
      refusal(() =>
        planCorrection({ department: 'civil-affairs', answeredBy: ['civil-affairs'], inForce: ended, corrected: sameWithOtherWords, allowances: [dibaoEnded] }),
      ),
    ).toEqual({ kind: 'RuleBroken', code: 'NothingToCorrect' });
  });

  it('refuses when the allowance is no longer as the answer left it', () => {
    expect(
      refusal(() =>
        planCorrection({ department: 'civil-affairs', answeredBy: ['civil-affairs'], inForce: ended, corrected: noAction, allowances: [dibaoActive] }),
      ),
    ).toEqual({ kind: 'Conflict', code: 'AllowanceChanged' });
  });
});

describe('what a correction redoes', () => {
  const plan = (inForce: Parameters<typeof planCorrection>[0]['inForce'], corrected: WarningOutcome, allowances: AllowanceState[]) =>
    planCorrection({ department: 'civil-affairs', answeredBy: ['civil-affairs'], inForce, corrected, allowances });

  it('restores an allowance ended by mistake from the day it ended', () => {
    const [r] = plan(ended, noAction, [dibaoEnded]);
    expect(r).toEqual({ programme: 'dibao-allowance', from: dibaoEnded, to: dibaoActive });
    expect(rewriteSummary(r!)).toEqual({ kind: 'assistance-restored', summary: expect.stringContaining('restored from 2026-11-30') });
  });

  it('moves the end date, or ends at a date not before the allowance started', () => {
    expect(plan(ended, { ...ended, endedOn: '2026-12-31' }, [dibaoEnded])).toEqual([
      { programme: 'dibao-allowance', from: dibaoEnded, to: { ...dibaoEnded, endedOn: '2026-12-31' } },
    ]);
    expect(refusal(() => plan(ended, { ...ended, endedOn: '2025-12-31' }, [dibaoEnded])).code).toBe('EndBeforeStart');
  });

  it('replaces an adjusted amount, and puts back the amount an adjustment replaced', () => {
    const withPrior = { ...adjusted(90_000), priorMonthlyAmountFen: 150_000 };
    const now = { ...dibaoActive, monthlyAmountFen: 90_000 };
    expect(plan(withPrior, adjusted(120_000), [now])).toEqual([
      { programme: 'dibao-allowance', from: now, to: { ...now, monthlyAmountFen: 120_000, adjustedFrom: '2026-12-01' }, priorMonthlyAmountFen: 150_000 },
    ]);
    // A correction that adjusted keeps the amount before, so a later correction can undo it.
    const correctedAdjustment = { ...adjusted(120_000), priorMonthlyAmountFen: 150_000 };
    const later = { ...dibaoActive, monthlyAmountFen: 120_000, adjustedFrom: '2026-12-01' };
    expect(plan(correctedAdjustment, noAction, [later])).toEqual([{ programme: 'dibao-allowance', from: later, to: dibaoActive }]);
    // Ended after an answer that left the allowance alone: the amount before is the current one.
    expect(plan(noAction, adjusted(60_000), [dibaoActive])[0]!.priorMonthlyAmountFen).toBe(150_000);
    expect(plan(withPrior, noAction, [now])).toEqual([{ programme: 'dibao-allowance', from: now, to: { ...now, monthlyAmountFen: 150_000 } }]);
    // Without the amount on record, only a correction naming the right amount is possible.
    expect(refusal(() => plan(adjusted(90_000), noAction, [now])).code).toBe('PriorAmountUnknown');
  });

  it('ends or adjusts an allowance that the first answer left alone, only if it is paid', () => {
    expect(plan(noAction, ended, [dibaoActive])).toEqual([{ programme: 'dibao-allowance', from: dibaoActive, to: dibaoEnded }]);
    expect(refusal(() => plan(noAction, ended, [])).code).toBe('NoSuchAllowance');
  });
});
