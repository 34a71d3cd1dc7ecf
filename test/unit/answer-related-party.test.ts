import { describe, expect, it } from 'vitest';
import { checkAnswerOfficers } from '../../functions/feedback-intake/related-party';
import type { DecisionByOfficer, Officer } from '../../shared/domain/favouritism';
import type { DistrictCode } from '../../shared/domain/districts';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { StoredWarning } from '../../shared/domain/warning';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import { personRefOf } from '../../shared/privacy/person-ref';
import { MemoryPublisher, MemoryRegister, MemoryWarnings } from '../fakes';
import { identityNumber } from '../fixtures/people';

const ring = { current: 1, keys: new Map([[1, Buffer.alloc(32, 9)]]) };
const ref = (n: string) => personRefOf(n, ring);
const head = ref(identityNumber('430105', '1952-02-14', 11));
const nephew = ref(identityNumber('430105', '1990-09-09', 23));
const officerRef = ref(identityNumber('430105', '1978-12-01', 35));

/** The officers in memory; counts the batch reads so a test sees one read a group. */
class MemoryOfficers implements OfficerRegister {
  reads: string[][] = [];
  constructor(private readonly held: Officer[]) {}
  async register() {
    return undefined;
  }
  async officers(ids: readonly string[]) {
    this.reads.push([...ids]);
    return new Map(this.held.filter((o) => ids.includes(o.officerId)).map((o) => [o.officerId, o]));
  }
  async ofDistrict(d: DistrictCode) {
    return this.held.filter((o) => o.district === d);
  }
  async recordDecisions() {}
  async decisionsIn(): Promise<DecisionByOfficer[]> {
    return [];
  }
  async decisionsBy(): Promise<DecisionByOfficer[]> {
    return [];
  }
}

const zhou: Officer = {
  officerId: 'zhou.min',
  role: 'staff',
  district: '430105',
  person: { personRef: officerRef, maskedIdentityNumber: '430105***********5' },
  householdMembers: [{ personRef: nephew, maskedIdentityNumber: '430105***********3' }],
  activeFrom: '2026-01-01',
  registeredAt: '2026-01-02T00:00:00.000Z',
  registeredBy: 'civil-affairs/civil-affairs.officer-01',
};

function setUp() {
  const register = new MemoryRegister();
  register.held.set('430105-2026-000451', {
    householdId: '430105-2026-000451',
    district: '430105',
    category: 'DIBAO',
    recognisedOn: '2026-02-01',
    members: [
      { personRef: head, maskedIdentityNumber: '430105***********1', relationship: 'head' },
      { personRef: nephew, maskedIdentityNumber: '430105***********3', relationship: 'other' },
    ],
    allowances: [],
    updatedAt: '2026-02-01T00:00:00.000Z',
  });
  const warnings = new MemoryWarnings(register);
  const answered = {
    warningId: 'W0A1B2C3D4E5F60718293A4B5',
    householdId: '430105-2026-000451',
    district: '430105',
    indicator: { id: 'IND-04', version: 1, title: 'registered unemployed', parameters: {} },
    recipients: ['hr-social-security'],
    status: 'resolved',
    raisedAt: '2026-03-01T00:00:00.000Z',
    dueBy: '2026-03-11T00:00:00.000Z',
    subjects: [head],
    action: 'check',
    explanation: 'x',
    evidence: [],
    pushedTo: ['hr-social-security'],
    acknowledgedBy: [],
    outcomes: {},
    outcomesPublished: [],
  } as unknown as StoredWarning;
  warnings.warnings.set(answered.warningId, answered);
  const events = new MemoryPublisher();
  const ports = { register, warnings, events, policy: new PolicyBook(CITY_PARAMETERS), now: () => new Date('2026-03-05T02:00:00Z') };
  return { ports, answered, events };
}

describe('IND-27 on an answer (feedback-intake)', () => {
  it('raises one warning when the handling officer’s nephew is in the household, reading both officers in one batch', async () => {
    const { ports, answered, events } = setUp();
    const officers = new MemoryOfficers([zhou]);
    const raised = await checkAnswerOfficers(
      { warningId: answered.warningId, department: 'hr-social-security', officers: ['hr.officer-01', 'zhou.min'] },
      { ...ports, officers },
    );
    expect(raised).toHaveLength(1);
    expect(officers.reads).toEqual([['hr.officer-01', 'zhou.min']]);
    expect(events.raisedWarnings[0]).toMatchObject({
      indicator: { id: 'IND-27' },
      householdId: '430105-2026-000451',
      recipients: ['supervision'],
      evidence: [{ recordId: answered.warningId, facts: { officerId: 'zhou.min', relationship: 'household-member', act: 'answer' } }],
    });
    // The same answer checked again raises nothing new.
    expect(
      await checkAnswerOfficers({ warningId: answered.warningId, department: 'hr-social-security', officers: ['zhou.min'] }, { ...ports, officers }),
    ).toEqual([]);
  });

  it('raises nothing for officers unrelated to the household, or not registered', async () => {
    const { ports, answered, events } = setUp();
    const stranger: Officer = {
      ...zhou,
      officerId: 'qian.li',
      person: { ...zhou.person, personRef: ref(identityNumber('430105', '1983-03-03', 47)) },
      householdMembers: [],
    };
    const officers = new MemoryOfficers([stranger]);
    expect(
      await checkAnswerOfficers(
        { warningId: answered.warningId, department: 'hr-social-security', officers: ['qian.li', 'nobody.01'] },
        { ...ports, officers },
      ),
    ).toEqual([]);
    expect(events.raisedWarnings).toHaveLength(0);
  });
});
