import { describe, expect, it } from 'vitest';
import { afterRollEntry, membersWhoLeft, newestPerHousehold, restateAllowances, type Allowance, type Household } from '../../shared/domain/household';

const grandmother = { personRef: `p1_${'g'.repeat(43)}`, maskedIdentityNumber: '430104***********8', relationship: 'head' };
const grandson = { personRef: `p1_${'s'.repeat(43)}`, maskedIdentityNumber: '430104***********3', relationship: 'grandchild' };
const dibao: Allowance = { programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'active' };

/** The Yuelu dibao household of two, as a roll entry of `updatedAt` states it. */
const household = (updatedAt: string, over: Partial<Household> = {}): Household => ({
  householdId: '430104-2025-000317',
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-12-15',
  members: [grandmother, grandson],
  allowances: [dibao],
  updatedAt,
  ...over,
});

describe('a roll entry applied over the household held', () => {
  it('puts a household not held yet on the roll as the entry states it', () => {
    const entry = household('2026-01-02T00:00:00.000Z');
    expect(afterRollEntry(undefined, entry)).toEqual(entry);
  });

  it('changes nothing when the household held is as new or newer (a late replay)', () => {
    const held = household('2026-05-01T00:00:00.000Z');
    expect(afterRollEntry(held, household('2026-01-02T00:00:00.000Z', { monthlyIncomeFen: 90_000 }))).toBeUndefined();
    expect(afterRollEntry(held, household('2026-05-01T00:00:00.000Z', { monthlyIncomeFen: 90_000 }))).toBeUndefined();
  });

  it('takes a newer entry, with the allowances restated over those held', () => {
    const held = household('2026-01-02T00:00:00.000Z', { allowances: [{ ...dibao, gradualExitUntil: '2026-09-30' }] });
    const after = afterRollEntry(held, household('2026-05-01T00:00:00.000Z', { monthlyIncomeFen: 90_000 }));
    expect(after).toMatchObject({
      monthlyIncomeFen: 90_000,
      updatedAt: '2026-05-01T00:00:00.000Z',
      allowances: [{ ...dibao, gradualExitUntil: '2026-09-30' }],
    });
  });

  it('of several entries for one household in a group, keeps the newest (the later of equals)', () => {
    const a = { household: household('2026-05-01T00:00:00.000Z'), entry: 'a' };
    const b = { household: household('2026-01-02T00:00:00.000Z'), entry: 'b' };
    const c = { household: household('2026-05-01T00:00:00.000Z'), entry: 'c' };
    const other = { household: household('2026-01-02T00:00:00.000Z', { householdId: '430104-2025-000318' }), entry: 'other' };
    expect(newestPerHousehold([a, b, other, c]).map((e) => e.entry)).toEqual(['c', 'other']);
  });

  it('names the members the entry no longer lists', () => {
    const held = household('2026-01-02T00:00:00.000Z');
    expect(membersWhoLeft(held, household('2026-05-01T00:00:00.000Z', { members: [grandmother] }))).toEqual([grandson]);
    expect(membersWhoLeft(held, household('2026-05-01T00:00:00.000Z'))).toEqual([]);
    expect(membersWhoLeft(undefined, held)).toEqual([]);
  });
});

describe('restating allowances (a yearly re-roll)', () => {
  it('does not pay again an allowance the platform ended', () => {
    const ended: Allowance = { ...dibao, status: 'ended', endedOn: '2026-09-30' };
    expect(restateAllowances([dibao], [ended])).toEqual([{ ...dibao, status: 'ended', endedOn: '2026-09-30' }]);
  });

  it('keeps the last paid day of a gradual exit under way, and its new amount', () => {
    const exiting: Allowance = { ...dibao, gradualExitUntil: '2026-09-30' };
    expect(restateAllowances([{ ...dibao, monthlyAmountFen: 160_000 }], [exiting])).toEqual([
      { ...dibao, monthlyAmountFen: 160_000, gradualExitUntil: '2026-09-30' },
    ]);
  });

  it('treats a new start date as a new allowance, paid', () => {
    const ended: Allowance = { ...dibao, status: 'ended', endedOn: '2026-09-30' };
    const restarted: Allowance = { ...dibao, startDate: '2026-12-01' };
    expect(restateAllowances([restarted], [ended])).toEqual([restarted]);
  });

  it('keeps an allowance the entry itself says has ended, without a gradual exit', () => {
    const exiting: Allowance = { ...dibao, gradualExitUntil: '2026-09-30' };
    const endedByEntry: Allowance = { ...dibao, status: 'ended', endedOn: '2026-06-30' };
    expect(restateAllowances([endedByEntry], [exiting])).toEqual([endedByEntry]);
  });
});
