import { describe, expect, it } from 'vitest';
import { answerWarning } from '../../functions/feedback-intake/use-case';
import { planUndo } from '../../shared/domain/correction-undo';
import { DomainError } from '../../shared/domain/errors';
import type { Household } from '../../shared/domain/household';
import type { RecordedOutcome } from '../../shared/domain/outcome';
import type { StoredWarning } from '../../shared/domain/warning';
import { MemoryDisclosure, MemoryPublisher, MemoryRegister, MemoryWarnings } from '../fakes';
import { yueluHousehold } from '../fixtures/people';

/** 纠错 what correcting a grant, a transfer or a referral undoes, and when it is refused. */
const WARNING = 'IND-16-5c0e2b7a9d414f31';
const at = { warningId: WARNING, recipients: ['civil-affairs'], answeredBy: ['civil-affairs'] };
const enrolled: RecordedOutcome = {
  outcome: 'enrolled',
  programme: 'medical-assistance',
  amountFen: 320_000,
  periodStart: '2026-10-01',
  periodEnd: '2026-10-31',
  reason: '住院自付费用超过救助起付线',
  handledBy: 'YB-YL-0107',
  department: 'medical-insurance',
  // 23:30 in Beijing on 31 October is already 1 November there: counted in November.
  resolvedAt: '2026-10-31T16:30:00.000Z',
  outcomeHash: 'h1',
};
const transferred: RecordedOutcome = {
  outcome: 'transferred',
  category: 'DIBAO_EDGE',
  effectiveFrom: '2026-12-01',
  consent: { givenOn: '2026-11-25', documentRef: 'TY-2026-0317' },
  reason: '家庭收入超过低保标准，本人同意转为低保边缘家庭',
  handledBy: 'YL-MZ-0413',
  department: 'civil-affairs',
  resolvedAt: '2026-11-26T02:00:00.000Z',
  outcomeHash: 'h2',
  priorCategory: 'DIBAO',
  priorRecognisedOn: '2025-12-15',
};
const referred: RecordedOutcome = {
  outcome: 'referred-to-county-coordination',
  reason: '因病致贫情况复杂，提请县级协调机制一事一议',
  handledBy: 'YL-MZ-0413',
  department: 'civil-affairs',
  resolvedAt: '2026-11-26T02:00:00.000Z',
  outcomeHash: 'h3',
};
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? { kind: e.kind, code: e.code } : e;
  }
  return undefined;
};

describe('planUndo', () => {
  it('withdraws a grant: its disclosure line by the period start, its count by the city day it was answered', () => {
    expect(planUndo({ ...at, department: 'medical-insurance', inForce: enrolled, original: enrolled })).toEqual({
      kind: 'grant-withdrawn',
      programme: 'medical-assistance',
      amountFen: 320_000,
      disclosureMonth: '2026-10',
      sourceId: `${WARNING}:medical-insurance`,
      grantedMonth: '2026-11',
    });
  });

  it('undoes nothing more once the grant was corrected already (the answer in force is the correction)', () => {
    const corrected = { outcome: 'not-eligible' as const, reason: '核实家庭收入超过救助标准', handledBy: 'YB-YL-0107' };
    expect(planUndo({ ...at, department: 'medical-insurance', inForce: corrected, original: enrolled })).toBeUndefined();
  });

  it('puts back the category a transfer replaced, on the answer', () => {
    expect(planUndo({ ...at, department: 'civil-affairs', inForce: transferred, original: transferred })).toEqual({
      kind: 'transfer-undone',
      transferredTo: 'DIBAO_EDGE',
      since: '2026-12-01',
      back: { category: 'DIBAO', recognisedOn: '2025-12-15' },
    });
  });

  it('refuses a transfer answered before the prior category was kept (409 PriorCategoryUnknown)', () => {
    const { priorCategory: _c, priorRecognisedOn: _r, ...older } = transferred as Extract<RecordedOutcome, { outcome: 'transferred' }>;
    expect(refusal(() => planUndo({ ...at, department: 'civil-affairs', inForce: older, original: older }))).toEqual({
      kind: 'Conflict',
      code: 'PriorCategoryUnknown',
    });
  });

  it('withdraws a referral county coordination has not answered, resolving the warning when every other recipient has', () => {
    const recipients = ['civil-affairs', 'county-coordination'];
    expect(planUndo({ ...at, recipients, department: 'civil-affairs', inForce: referred, original: referred })).toEqual({
      kind: 'referral-withdrawn',
      recipients: ['civil-affairs'],
      resolves: true,
    });
    const withHealth = ['civil-affairs', 'health', 'county-coordination'];
    expect(planUndo({ ...at, recipients: withHealth, department: 'civil-affairs', inForce: referred, original: referred })).toEqual({
      kind: 'referral-withdrawn',
      recipients: ['civil-affairs', 'health'],
      resolves: false,
    });
  });

  it('refuses to withdraw a referral county coordination has answered (409 ReferralAnswered)', () => {
    const answered = { recipients: ['civil-affairs', 'county-coordination'], answeredBy: ['civil-affairs', 'county-coordination'] };
    expect(refusal(() => planUndo({ ...at, ...answered, department: 'civil-affairs', inForce: referred, original: referred }))).toEqual({
      kind: 'Conflict',
      code: 'ReferralAnswered',
    });
  });
});

/** An IND-16 offer of transfer to a household no longer paid, pushed to civil affairs (and a referral to county coordination). */
function world(w: Partial<StoredWarning> = {}) {
  const register = new MemoryRegister();
  const household: Household = {
    householdId: yueluHousehold.householdId,
    district: '430104',
    category: 'DIBAO',
    recognisedOn: '2025-12-15',
    members: [{ personRef: 'p-7d1e', maskedIdentityNumber: '430104********0027', relationship: 'head' }],
    allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'ended', endedOn: '2026-11-30' }],
    updatedAt: '2026-11-22T01:30:00.000Z',
  };
  register.held.set(household.householdId, household);
  const warnings = new MemoryWarnings(register);
  const warning = {
    warningId: WARNING,
    householdId: household.householdId,
    district: '430104',
    subjects: ['p-7d1e'],
    action: 'offer an exit with transfer',
    explanation: 'income above the dibao standard',
    evidence: [],
    indicator: { id: 'IND-16', version: 1, title: 'exit with transfer', parameters: {} },
    recipients: ['civil-affairs'],
    status: 'open',
    raisedAt: '2026-11-21T02:00:00.000Z',
    dueBy: '2026-12-01T02:00:00.000Z',
    pushedTo: ['civil-affairs'],
    acknowledgedBy: [],
    outcomesPublished: [],
    outcomes: {},
    ...w,
  } as StoredWarning;
  warnings.warnings.set(WARNING, warning);
  const ports = { warnings, register, events: new MemoryPublisher(), disclosure: new MemoryDisclosure(), now: () => new Date('2026-11-26T02:00:00.000Z') };
  return { warnings, register, ports };
}

describe('answers that a correction can undo', () => {
  it('a transfer keeps the category and recognition date it replaced, so a correction can put them back', async () => {
    const { warnings, register, ports } = world();
    const {
      priorCategory: _c,
      priorRecognisedOn: _r,
      department: _d,
      resolvedAt: _a,
      outcomeHash: _h,
      ...answer
    } = transferred as Extract<RecordedOutcome, { outcome: 'transferred' }>;
    await answerWarning({ department: 'civil-affairs', warningId: WARNING, outcome: answer }, ports);
    const kept = (await warnings.get(WARNING))!.outcomes['civil-affairs']!;
    expect(kept).toMatchObject({ outcome: 'transferred', category: 'DIBAO_EDGE', priorCategory: 'DIBAO', priorRecognisedOn: '2025-12-15' });
    expect((await register.household(yueluHousehold.householdId))?.category).toBe('DIBAO_EDGE');
    expect(planUndo({ ...at, department: 'civil-affairs', inForce: kept, original: kept })).toMatchObject({ back: { category: 'DIBAO' } });
  });

  it('refuses an answer from county coordination once its referral was withdrawn (409 ReferralWithdrawn)', async () => {
    const { ports } = world({ recipients: ['civil-affairs'], pushedTo: ['civil-affairs', 'county-coordination'], status: 'resolved' });
    const answer = { outcome: 'no-action-needed' as const, reason: '经一事一议，无需另行救助', handledBy: 'XJ-XT-0021' };
    await expect(answerWarning({ department: 'county-coordination', warningId: WARNING, outcome: answer }, ports)).rejects.toMatchObject({
      kind: 'Conflict',
      code: 'ReferralWithdrawn',
    });
  });
});
