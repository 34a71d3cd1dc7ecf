import { describe, expect, it } from 'vitest';
import { changeParameters, readChanges, readParameters, type Caller } from '../../functions/policy-admin/use-case';
import { reviewInvestigations } from '../../functions/recognition/use-case';
import { mergePolicyRows, policyBookLoader } from '../../shared/application/policy-book';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange, PolicyChangeError } from '../../shared/domain/policy/policy-change';
import { rejection } from './rejection';
import { bodyFor, throughEdge } from './through-edge';
import { MemoryAssessments, MemoryPolicyStore, MemoryPublisher, MemoryRegister } from '../fakes';
import type { AcceptedRecord } from '../../events/records-accepted.v1';

const admin: Caller = { department: 'civil-affairs', principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-civil-affairs/wang.li' };
const health: Caller = { department: 'health', principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-health/chen.jie' };
const clock = () => new Date('2026-11-28T09:00:00.000Z');

const standard2027 = (value: number, extra: object = {}) => ({
  name: 'dibao.standardMonthlyFen',
  value,
  district: '*' as const,
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  source: '长沙市民政局 关于提高2027年城乡低保标准的通知',
  ...extra,
});

describe('policy change (参数调整)', () => {
  it('replaces the row with the same start, and ends an overlapping range the day before a new one starts', () => {
    const { next, diffs } = applyPolicyChange(CITY_PARAMETERS, [
      standard2027(95_000),
      { name: 'dibao.standardMonthlyFen', value: 93_000, district: '*', effectiveFrom: '2026-12-01', effectiveTo: '2026-12-31', source: 'winter supplement' },
    ]);
    const book = new PolicyBook(next, 1);
    expect(book.numberOn('dibao.standardMonthlyFen', '2027-01-01')).toBe(95_000);
    expect(book.numberOn('dibao.standardMonthlyFen', '2026-11-30')).toBe(90_000); // last day of the shortened row
    expect(book.numberOn('dibao.standardMonthlyFen', '2026-12-01')).toBe(93_000); // first day of the new one
    expect(diffs.map((d) => [d.effectiveFrom, d.old?.value ?? null, d.new?.value ?? null, d.new?.effectiveTo])).toEqual([
      ['2027-01-01', 90_000, 95_000, '2027-12-31'],
      ['2026-01-01', 90_000, 90_000, '2026-11-30'],
      ['2026-12-01', null, 93_000, '2026-12-31'],
    ]);
  });

  it('accepts an open-ended row (to 9999-12-31) that takes over from a year', () => {
    const { next } = applyPolicyChange(CITY_PARAMETERS, [{ ...standard2027(95_000), effectiveTo: '9999-12-31' }]);
    expect(new PolicyBook(next).numberOn('dibao.standardMonthlyFen', '2031-05-01')).toBe(95_000);
  });

  it('puts a district row over the city row only for that district', () => {
    const { next } = applyPolicyChange(CITY_PARAMETERS, [{ ...standard2027(98_000), district: '430104', effectiveFrom: '2027-07-01' }]);
    const book = new PolicyBook(next);
    expect(book.numberOn('dibao.standardMonthlyFen', '2027-06-30', '430104')).toBe(90_000);
    expect(book.numberOn('dibao.standardMonthlyFen', '2027-07-01', '430104')).toBe(98_000);
    expect(book.numberOn('dibao.standardMonthlyFen', '2027-07-01', '430102')).toBe(90_000);
  });

  it.each([
    ['an unknown name', { ...standard2027(1), name: 'dibao.standardMonthy' }, 'parameters[0].name'],
    ['a value of the wrong type', { ...standard2027(1), value: '95000' }, 'parameters[0].value'],
    ['a negative amount', standard2027(-1), 'parameters[0].value'],
    ['a range inside another row', { ...standard2027(1), effectiveFrom: '2027-03-01', effectiveTo: '2027-04-30' }, 'parameters[0].effectiveTo'],
    ['a shorter city-wide range that leaves days without a value', { ...standard2027(95_000), effectiveTo: '2027-06-30' }, 'parameters[0].effectiveTo'],
  ])('refuses %s, naming the field', (_, row, field) => {
    try {
      applyPolicyChange(CITY_PARAMETERS, [row as ReturnType<typeof standard2027>]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyChangeError);
      expect((error as PolicyChangeError).problems.map((p) => p.field)).toEqual([field]);
    }
  });
});

describe('policy administration over the API use cases', () => {
  const ports = () => ({ store: new MemoryPolicyStore(), shipped: CITY_PARAMETERS, now: clock });

  it('changes a parameter with an audit entry (who, when, why, old, new) and the next read shows the new version', async () => {
    const p = ports();
    const entry = await changeParameters(
      bodyFor('change-policy', { expectedVersion: 0, reason: '2027 standard raised by the city government', parameters: [standard2027(95_000)] }),
      admin,
      p,
    );
    expect(entry).toMatchObject({
      version: 1,
      changedAt: '2026-11-28T09:00:00.000Z',
      changedBy: admin.principal,
      department: 'civil-affairs',
      reason: '2027 standard raised by the city government',
    });
    expect(entry.diffs).toEqual([
      expect.objectContaining({
        name: 'dibao.standardMonthlyFen',
        old: expect.objectContaining({ value: 90_000 }),
        new: expect.objectContaining({ value: 95_000 }),
      }),
    ]);
    const read = await readParameters({ on: '2027-01-01', district: '430104' }, p);
    expect(read.version).toBe(1);
    expect(read.parameters.find((r) => r.name === 'dibao.standardMonthlyFen')?.value).toBe(95_000);
    expect((await readChanges(p)).changes).toEqual([entry]);
  });

  it('refuses a change made against an older version (409), a body with errors (400 naming the field) and other departments (403)', async () => {
    const p = ports();
    await changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(95_000)] }), admin, p);
    expect(
      (await rejection(changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(96_000)] }), admin, p)))
        .statusCode,
    ).toBe(409);
    // The same request sent again by the same administrator (its answer lost) gets the same change back.
    expect(await changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(95_000)] }), admin, p)).toMatchObject({
      version: 1,
    });
    expect(
      (
        await rejection(
          changeParameters(
            bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(95_000)] }),
            { ...admin, principal: `${admin.principal}x` },
            p,
          ),
        )
      ).statusCode,
    ).toBe(409);
    // Refused at the API's edge, before the use case: a body that breaks the request's schema, and other departments.
    const bad = await rejection(() =>
      throughEdge('change-policy', {
        caller: 'civil-affairs',
        body: JSON.stringify({ expectedVersion: 1, reason: 'r', parameters: [{ ...standard2027(1), effectiveTo: '2026-01-01' }] }),
      }),
    );
    expect([bad.statusCode, bad.code, bad.problems.map((x) => x.field)]).toEqual([400, 'InvalidPolicyChange', ['parameters[0].effectiveTo']]);
    expect(
      (
        await rejection(() =>
          throughEdge('change-policy', { caller: health.department, body: JSON.stringify({ expectedVersion: 1, reason: 'r', parameters: [standard2027(1)] }) }),
        )
      ).statusCode,
    ).toBe(403);
    expect((await rejection(() => throughEdge('read-policy-changes', { caller: health.department }))).statusCode).toBe(403);
    expect(p.store.entries).toHaveLength(1);
    expect(p.store.version).toBe(1);
  });

  it('ships no two rows of a parameter and district in force on the same day', () => {
    for (const a of CITY_PARAMETERS) {
      const overlapping = CITY_PARAMETERS.filter(
        (b) => b !== a && b.name === a.name && b.district === a.district && b.effectiveFrom <= a.effectiveTo && a.effectiveFrom <= b.effectiveTo,
      );
      expect(overlapping, a.name).toEqual([]);
    }
  });

  it('an administrator’s row wins over a shipped row that a later release adds over the same days', () => {
    const shipped = [
      ...CITY_PARAMETERS,
      { ...standard2027(93_000), effectiveFrom: '2028-01-01', effectiveTo: '2028-12-31', source: 'shipped with a later release' },
    ];
    const stored = [{ ...standard2027(97_000), effectiveFrom: '2028-07-01', effectiveTo: '2028-12-31', source: 'set over the API' }];
    const book = new PolicyBook(mergePolicyRows(shipped, stored), 3);
    expect(book.numberOn('dibao.standardMonthlyFen', '2028-06-30')).toBe(93_000);
    expect(book.numberOn('dibao.standardMonthlyFen', '2028-07-01')).toBe(97_000);
  });

  it('a function sees the change after its cache time, without a redeploy', async () => {
    const store = new MemoryPolicyStore();
    let t = 0;
    const load = policyBookLoader(store, CITY_PARAMETERS, 60_000, () => t);
    expect((await load()).numberOn('dibao.standardMonthlyFen', '2027-02-01')).toBe(90_000);
    await changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(95_000)] }), admin, {
      store,
      shipped: CITY_PARAMETERS,
      now: clock,
    });
    t = 59_999;
    expect((await load()).version).toBe(0);
    t = 60_000;
    const book = await load();
    expect([book.version, book.numberOn('dibao.standardMonthlyFen', '2027-02-01')]).toEqual([1, 95_000]);
  });

  it('a decision records the policy version it used', async () => {
    const store = new MemoryPolicyStore();
    await changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(95_000)] }), admin, {
      store,
      shipped: CITY_PARAMETERS,
      now: clock,
    });
    const { version, rows } = await store.load();
    const policy = new PolicyBook(mergePolicyRows(CITY_PARAMETERS, rows), version);
    const events = new MemoryPublisher();
    const assessments = new MemoryAssessments();
    const record = {
      householdId: 'HH-430104-000231',
      district: '430104',
      investigatedOn: '2027-01-05',
      period: { from: '2026-07-01', to: '2026-12-31' },
      members: [{ personRef: `p1_${'c'.repeat(43)}`, age: 52, capacityToWork: 'partial', incomes: [{ monthlyFen: 92_000 }] }],
      assets: [],
      necessarySpending: [],
      legalSupporters: [],
    };
    const event = { recordId: 'rec-1', acceptedAt: '2027-01-06T01:00:00.000Z', record } as unknown as AcceptedRecord;
    const [decision] = await reviewInvestigations([event], { register: new MemoryRegister(), events, assessments, policy, now: clock });
    expect([decision!.category, decision!.policyVersion]).toEqual(['DIBAO', 1]); // 92,000 < 95,000 only under version 1
    expect(events.published[0]!.detail).toMatchObject({ policyVersion: 1, parameters: { 'dibao.standardMonthlyFen': 95_000 } });
    expect((await assessments.all())[0]).toMatchObject({ householdId: 'HH-430104-000231', category: 'DIBAO', policyVersion: 1 });
  });
});
