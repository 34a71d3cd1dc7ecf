import { describe, expect, it } from 'vitest';
import {
  concentrationPeriod,
  concentrations,
  officerCaseId,
  relatedParty,
  type DecisionByOfficer,
  type Officer,
  type OfficerAct,
} from '../../shared/domain/favouritism';
import { relatedPartyAct } from '../../shared/domain/indicators/ind-27-related-party';
import { approvalConcentration } from '../../shared/domain/indicators/ind-28-approval-concentration';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook, type PolicyParameter } from '../../shared/domain/policy/policy-book';
import { personRefOf } from '../../shared/privacy/person-ref';
import { identityNumber } from '../fixtures/people';

const ring = { current: 1, keys: new Map([[1, Buffer.alloc(32, 7)]]) };
const ref = (n: string) => personRefOf(n, ring);
const officerNumber = identityNumber('430104', '1979-05-20', 31);
const spouseNumber = identityNumber('430104', '1981-11-02', 42);
const strangerNumber = identityNumber('430104', '1950-01-09', 17);

const wang: Officer = {
  officerId: 'wang.fang',
  role: 'community-officer',
  district: '430104',
  village: '望月湖社区',
  person: { personRef: ref(officerNumber), maskedIdentityNumber: '430104********3X' },
  householdMembers: [{ personRef: ref(spouseNumber), maskedIdentityNumber: '430104********42' }],
  activeFrom: '2026-01-01',
  activeTo: '2026-12-31',
  registeredAt: '2026-01-02T08:00:00.000Z',
  registeredBy: 'civil-affairs/civil-affairs.officer-01',
};

const act = (memberRefs: string[], on = '2026-03-10', kind: OfficerAct['kind'] = 'roll-entry'): OfficerAct => ({
  kind,
  officerId: 'wang.fang',
  householdId: '430104-2026-000812',
  district: '430104',
  recordId: 'SUB1:0',
  recordType: 'low-income-roll-entry',
  department: 'civil-affairs',
  memberRefs,
  on,
});

const book = new PolicyBook(CITY_PARAMETERS);
const ind27 = (on: string, b = book) => b.valuesOn(relatedPartyAct.parameters, on, '430104');

describe('check 1, related party (IND-27 关系保)', () => {
  it('finds the officer in the household acted on, before any relative', () => {
    expect(relatedParty(act([ref(strangerNumber), ref(spouseNumber), ref(officerNumber)]), wang)).toEqual({
      relationship: 'officer-himself',
      personRef: ref(officerNumber),
    });
  });

  it('finds a member of the officer’s own household', () => {
    expect(relatedParty(act([ref(strangerNumber), ref(spouseNumber)]), wang)).toEqual({ relationship: 'household-member', personRef: ref(spouseNumber) });
  });

  it('finds nothing in an unrelated household, for an unregistered officer, or outside the officer’s active days', () => {
    expect(relatedParty(act([ref(strangerNumber)]), wang)).toBeUndefined();
    expect(relatedParty(act([ref(spouseNumber)]), undefined)).toBeUndefined();
    expect(relatedParty(act([ref(spouseNumber)], '2025-12-31'), wang)).toBeUndefined();
    expect(relatedParty(act([ref(spouseNumber)], '2026-01-01'), wang)).toBeDefined();
    expect(relatedParty(act([ref(spouseNumber)], '2026-12-31'), wang)).toBeDefined();
    expect(relatedParty(act([ref(spouseNumber)], '2027-01-01'), wang)).toBeUndefined();
  });

  it('raises one warning to supervision naming officer, household and relationship, never a number or name', () => {
    const a = act([ref(spouseNumber)]);
    const [draft, ...more] = relatedPartyAct.evaluate(a, relatedParty(a, wang), ind27('2026-03-10'));
    expect(more).toHaveLength(0);
    expect(relatedPartyAct.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: '430104-2026-000812',
      subjects: [ref(spouseNumber)],
      dedupeKey: 'wang.fang:430104-2026-000812',
      evidence: [{ facts: { officerId: 'wang.fang', householdId: '430104-2026-000812', relationship: 'household-member', act: 'roll-entry' } }],
    });
    expect(JSON.stringify(draft)).not.toMatch(/\d{17}[\dX]/);
  });

  it('checks only the acts the policy book names, from the day a change takes effect', () => {
    const change: PolicyParameter = {
      name: 'IND-27.actsChecked',
      value: 'recognition-decision,roll-entry',
      unit: 'acts',
      district: '*',
      source: 'policy change 1',
      effectiveFrom: '2026-07-01',
      effectiveTo: '2030-11-30',
    };
    const changed = new PolicyBook([...CITY_PARAMETERS, change], 1);
    const answer = act([ref(officerNumber)], '2026-06-30', 'answer');
    expect(relatedPartyAct.evaluate(answer, relatedParty(answer, wang), ind27('2026-06-30', changed))).toHaveLength(1);
    const later = act([ref(officerNumber)], '2026-07-01', 'answer');
    expect(relatedPartyAct.evaluate(later, relatedParty(later, wang), ind27('2026-07-01', changed))).toHaveLength(0);
  });
});

/** `n` decisions by an officer in Yuelu, approved unless said, one household each. */
const decided = (officerId: string, n: number, decidedOn = '2026-03-01', approved = true): DecisionByOfficer[] =>
  Array.from({ length: n }, (_, i) => ({
    officerId,
    householdId: `430104-2026-${officerId.length}${String(i).padStart(5, '0')}`,
    district: '430104',
    recordId: `SUB-${officerId}-${decidedOn}:${i}`,
    decidedOn,
    approved,
  }));

const limitsOn = (day: string, b = book) => {
  const v = b.valuesOn(approvalConcentration.parameters, day, '430104');
  return { days: v['IND-28.periodDays'] as number, ratio: v['IND-28.ratio'] as number, minApprovals: v['IND-28.minApprovals'] as number };
};

describe('check 2, concentration of approvals (IND-28 优亲厚友)', () => {
  const period = { from: '2026-01-01', to: '2026-03-31' };
  const active = ['wang.fang', 'li.na', 'zhao.lei', 'chen.jie'];

  it('reads its parameters from the policy book: 90 days, 3 times the share, at least 5 approvals', () => {
    expect(limitsOn('2026-03-31')).toEqual({ days: 90, ratio: 3, minApprovals: 5 });
  });

  it('flags an officer above 3 times the expected share with at least 5 approvals', () => {
    // 4 deciders: expected 25 %. wang 13 of 14 = 92.9 % = 3.7 times.
    const found = concentrations([...decided('wang.fang', 13), ...decided('li.na', 1)], active, period, { ratio: 3, minApprovals: 5 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ officerId: 'wang.fang', approvals: 13, districtApprovals: 14, deciders: 4, expectedShare: 0.25 });
    expect(found[0]!.households).toHaveLength(13);
  });

  it('does not flag at exactly 3 times, nor under the minimum number of approvals', () => {
    // 4 deciders, wang 6 of 8 = 75 % = exactly 3 times: not above.
    expect(concentrations([...decided('wang.fang', 6), ...decided('li.na', 2)], active, period, { ratio: 3, minApprovals: 5 })).toEqual([]);
    // 4 of 4 approvals = 4 times, but fewer than 5.
    expect(concentrations(decided('wang.fang', 4), active, period, { ratio: 3, minApprovals: 5 })).toEqual([]);
    // 5 of 5: flagged.
    expect(concentrations(decided('wang.fang', 5), active, period, { ratio: 3, minApprovals: 5 }).map((c) => c.officerId)).toEqual(['wang.fang']);
  });

  it('counts only approvals in the period, each decision once, and every officer who decided', () => {
    const outside = decided('wang.fang', 10, '2025-12-31');
    const refusals = decided('wang.fang', 10, '2026-02-01', false);
    const once = decided('wang.fang', 5);
    // Refusals make wang a decider but add no approval; li's refusal makes li one too.
    const found = concentrations([...outside, ...refusals, ...once, ...once, ...decided('li.na', 1, '2026-02-01', false)], ['wang.fang'], period, {
      ratio: 1.5,
      minApprovals: 5,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ approvals: 5, districtApprovals: 5, deciders: 2, ratio: 2 });
  });

  it('never flags the only officer of a district', () => {
    expect(concentrations(decided('wang.fang', 40), ['wang.fang'], period, { ratio: 0.5, minApprovals: 1 })).toEqual([]);
  });

  it('takes a lower ratio for a district from the day its change takes effect', () => {
    const row: PolicyParameter = {
      name: 'IND-28.ratio',
      value: 1.5,
      unit: 'times the expected share',
      district: '430104',
      source: 'policy change 2',
      effectiveFrom: '2026-04-01',
      effectiveTo: '2030-11-30',
    };
    const changed = new PolicyBook([...CITY_PARAMETERS, row], 2);
    // 2 deciders registered: wang 6 of 7 = 1.71 times.
    const decisions = [...decided('wang.fang', 6), ...decided('li.na', 1)];
    const twoActive = ['wang.fang', 'li.na'];
    expect(concentrations(decisions, twoActive, period, limitsOn('2026-03-31', changed))).toEqual([]);
    expect(concentrations(decisions, twoActive, { from: '2026-01-02', to: '2026-04-01' }, limitsOn('2026-04-01', changed))).toHaveLength(1);
  });

  it('measures the last 90 days and is raised once per officer and 90-day block', () => {
    const p = concentrationPeriod('2026-03-31', 90);
    expect(p).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(concentrationPeriod('2026-03-30', 90).block).toBe(p.block);
    const [c] = concentrations(decided('wang.fang', 13), active, p, { ratio: 3, minApprovals: 5 });
    const draft = approvalConcentration.evaluate(c!, p.block);
    expect(draft).toMatchObject({ householdId: officerCaseId('wang.fang'), district: '430104', subjects: [], dedupeKey: `wang.fang:${p.block}` });
    expect(draft.evidence).toHaveLength(13);
    expect(draft.evidence[0]!.facts).toMatchObject({ officerId: 'wang.fang', householdId: expect.stringMatching(/^430104-2026-/) });
    expect(officerCaseId('wang.fang')).toMatch(/^OFFICER-[0-9A-F]{20}$/);
  });
});
