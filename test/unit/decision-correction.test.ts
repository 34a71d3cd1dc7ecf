import { describe, expect, it } from 'vitest';
import { type DecisionCorrection, type DecisionInForce, decisionCorrection, planDecisionCorrection } from '../../shared/domain/correction-decision';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import type { Household } from '../../shared/domain/household';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { identityNumber } from '../fixtures/people';

/** 容错纠错 of a recognition decision: the pure rule, each direction and each refusal. */
const policy = new PolicyBook(CITY_PARAMETERS);
const HOUSEHOLD = '430104-2026-002611';
const members = [
  {
    personRef: 'p1_8c1d0a7e4f2b9d3c6a5e1f0b7c2d9e4a',
    maskedIdentityNumber: maskIdentityNumber(identityNumber('430104', '1968-02-14', 17)),
    relationship: 'head',
  },
  {
    personRef: 'p1_1f2e3d4c5b6a79880a1b2c3d4e5f6a7b',
    maskedIdentityNumber: maskIdentityNumber(identityNumber('430104', '1970-07-30', 26)),
    relationship: 'spouse',
  },
  {
    personRef: 'p1_9a8b7c6d5e4f30211f2e3d4c5b6a7988',
    maskedIdentityNumber: maskIdentityNumber(identityNumber('430104', '2009-11-02', 33)),
    relationship: 'child',
  },
];
const decision = (category: DecisionInForce['category'], perCapita: number, recordId = 'S7E0A1B2C3D4E5F60718293A4B:0'): DecisionInForce => ({
  householdId: HOUSEHOLD,
  district: '430104',
  recordId,
  investigatedOn: '2026-11-05',
  category,
  perCapitaMonthlyIncomeFen: perCapita,
  members,
});
const body = (over: Partial<DecisionCorrection>): DecisionCorrection =>
  decisionCorrection.parse({
    category: 'DIBAO',
    cause: 'misreported-income',
    reason: '经核实申报收入有误 / income found misreported',
    correctedBy: 'MZ-YL-0107',
    ...over,
  });
const paidDibao = (over: Partial<Household['allowances'][number]> = {}): Household => ({
  householdId: HOUSEHOLD,
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-03-01',
  members,
  allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 96_000, startDate: '2025-03-01', status: 'active', ...over }],
  updatedAt: '2025-03-01T02:00:00.000Z',
});
const plan = (
  d: DecisionInForce,
  c: DecisionCorrection,
  household?: Household,
  latest = d.recordId,
  earlier: { category: DecisionInForce['category']; perCapitaMonthlyIncomeFen: number }[] = [],
) =>
  planDecisionCorrection({
    decision: d,
    latestDecisionId: latest,
    earlier,
    correction: c,
    household,
    policy,
    today: '2026-11-25',
    correctedAt: '2026-11-25T02:10:00.000Z',
  });

describe('correcting a recognition decision', () => {
  it('enrols a refused household not yet on the roll, paying the gap to the standard for each member', () => {
    const p = plan(decision(null, 140_000), body({ correctedInputs: { perCapitaMonthlyIncomeFen: 58_000 } }));
    // 2026 standard 90,000; (90,000 − 58,000) × 3 members.
    expect(p.changes).toEqual([{ kind: 'enrolled', programme: 'dibao-allowance', monthlyAmountFen: 96_000, startDate: '2026-11-25' }]);
    expect(p).toMatchObject({ from: null, held: false, perCapitaMonthlyIncomeFen: 58_000, started: { monthlyAmountFen: 96_000, status: 'active' } });
    expect(p.household).toMatchObject({ category: 'DIBAO', members, allowances: [{ programme: 'dibao-allowance', status: 'active' }] });
    expect(p.allowances).toEqual([{ to: p.started }]);
  });

  it('pays TEKUN the standard for each member, from the day named', () => {
    const p = plan(decision('DIBAO_EDGE', 0), body({ category: 'TEKUN', cause: 'inaccurate-shared-data', effectiveFrom: '2026-11-10' }));
    expect(p.started).toEqual({ programme: 'tekun-support', monthlyAmountFen: 270_000, startDate: '2026-11-10', status: 'active' });
  });

  it('refuses a grant the income in force does not support, naming the field to give', () => {
    expect(() => plan(decision(null, 140_000), body({}))).toThrow(expect.objectContaining({ code: 'NotBelowStandard' }));
  });

  it('ends a wrongful grant through the gradual exit the policy grants (6 months)', () => {
    const p = plan(decision('DIBAO', 50_000), body({ category: null, correctedInputs: { perCapitaMonthlyIncomeFen: 150_000 } }), paidDibao());
    expect(p.changes).toEqual([{ kind: 'gradual-exit', programme: 'dibao-allowance', lastPaidDay: '2027-05-31', graceMonths: 6 }]);
    expect(p.ending).toMatchObject({ status: 'active', gradualExitUntil: '2027-05-31' });
    expect(p.allowances).toEqual([{ from: paidDibao().allowances[0], to: p.ending }]);
    // Refused keeps the household's category: it stays in the database, monitored.
    expect(p.household?.category).toBe('DIBAO');
  });

  it('moves DIBAO to TEKUN without a gap: the old allowance ends the day before the new one starts', () => {
    const p = plan(decision('DIBAO', 0), body({ category: 'TEKUN', cause: 'emergency' }), paidDibao());
    expect(p.changes.map((c) => c.kind)).toEqual(['allowance-ended', 'enrolled', 'recategorised']);
    expect(p.ending).toMatchObject({ status: 'ended', endedOn: '2026-11-24' });
    expect(p.household?.category).toBe('TEKUN');
  });

  it('stops a gradual exit when a refusal of a paid household is corrected to DIBAO', () => {
    const p = plan(decision(null, 95_000), body({ correctedInputs: { perCapitaMonthlyIncomeFen: 70_000 } }), paidDibao({ gradualExitUntil: '2027-05-31' }));
    expect(p.changes).toEqual([{ kind: 'gradual-exit-stopped', programme: 'dibao-allowance', until: '2027-05-31' }]);
    expect(p.household?.allowances[0]).not.toHaveProperty('gradualExitUntil');
  });

  it('corrects a correction: the category in force is the last correction’s', () => {
    const p = plan(decision(null, 140_000), body({ category: 'DIBAO_EDGE', cause: 'other-objective' }), paidDibao(), undefined, [
      { category: 'DIBAO', perCapitaMonthlyIncomeFen: 58_000 },
    ]);
    expect(p.from).toBe('DIBAO');
    expect(p.changes.map((c) => c.kind)).toEqual(['gradual-exit', 'recategorised']);
  });

  it('refuses a decision that is not the latest, one that changes nothing, and a day out of range', () => {
    expect(() =>
      plan(decision(null, 140_000), body({ correctedInputs: { perCapitaMonthlyIncomeFen: 58_000 } }), undefined, 'S0000000000000000000000000:0'),
    ).toThrow(expect.objectContaining({ code: 'NotLatestDecision', kind: 'Conflict' }));
    expect(() => plan(decision('DIBAO', 50_000), body({}), paidDibao())).toThrow(expect.objectContaining({ code: 'NothingToCorrect' }));
    expect(() => plan(decision(null, 0), body({ effectiveFrom: '2026-11-01' }))).toThrow(expect.objectContaining({ code: 'EffectiveOutOfRange' }));
  });

  it('refuses to enrol a household neither on the roll nor with members kept on the decision', () => {
    const { members: _m, ...bare } = decision(null, 0);
    expect(() => plan(bare, body({}))).toThrow(expect.objectContaining({ code: 'NotOnRoll' }));
  });

  it('requires a cause among the plan’s four', () => {
    const { success, error } = decisionCorrection.safeParse({ category: 'DIBAO', reason: '说明 reason', correctedBy: 'MZ-YL-0107' });
    expect(success).toBe(false);
    expect(error?.issues.map((i) => i.path.join('.'))).toEqual(['cause']);
    expect(decisionCorrection.safeParse({ category: 'DIBAO', cause: 'blame', reason: '说明 reason', correctedBy: 'MZ-YL-0107' }).success).toBe(false);
  });
});
