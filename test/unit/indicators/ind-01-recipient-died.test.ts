import { singleKeyRing } from '../../../shared/privacy/key-ring';
import { describe, expect, it } from 'vitest';
import { indicatorsFor } from '../../../shared/domain/indicators';
import { recipientDied } from '../../../shared/domain/indicators/ind-01-recipient-died';
import type { Membership } from '../../../shared/domain/membership';
import { personRefOf, pseudonymize } from '../../../shared/privacy/person-ref';
import { deathRecord, yueluHousehold } from '../../fixtures/people';

const key = singleKeyRing(Buffer.alloc(32, 7));
const grandmotherRef = personRefOf(yueluHousehold.grandmother.identityNumber, key);

function observed() {
  const record = pseudonymize(deathRecord(), key) as Record<string, unknown>;
  return {
    recordId: 'SABC:0',
    department: 'health',
    recordType: 'death-record',
    subjects: [grandmotherRef],
    record,
    acceptedAt: '2026-11-21T02:00:00.000Z',
  };
}

const member = (over: Partial<Membership> = {}): Membership => ({
  personRef: grandmotherRef,
  householdId: yueluHousehold.householdId,
  district: '430104',
  category: 'DIBAO',
  activeProgrammes: ['dibao-allowance'],
  household: { memberCount: 2, area: 'urban', monthlyIncomeFen: 60_000 },
  ...over,
});

const parameters = { 'warning.deadlineDays.IND-01': 10 };
const context = { facts: new Map(), on: '2026-11-21' };

describe('indicator 1: a monitored person dies', () => {
  it('fires for a member of a paid household, with the evidence and no personal data', () => {
    const [draft, ...more] = recipientDied.evaluate({ observed: observed(), memberships: new Map([[grandmotherRef, member()]]), parameters, ...context });
    expect(more).toHaveLength(0);
    expect(draft).toMatchObject({
      householdId: yueluHousehold.householdId,
      district: '430104',
      subjects: [grandmotherRef],
      action: 'end or adjust the household allowance',
    });
    expect(draft!.evidence[0]!.facts).toMatchObject({ dateOfDeath: '2026-11-20', certificateNumber: 'H430104260088' });
    const text = JSON.stringify(draft);
    expect(text).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(text).not.toContain(yueluHousehold.grandmother.name);
  });

  it('asks only for a record update when the household is monitored but not paid', () => {
    const [draft] = recipientDied.evaluate({
      observed: observed(),
      memberships: new Map([[grandmotherRef, member({ category: 'DIBAO_EDGE', activeProgrammes: [] })]]),
      parameters,
      ...context,
    });
    expect(draft!.action).toBe('update the household record');
  });

  it('does not fire for someone outside the low-income database', () => {
    expect(recipientDied.evaluate({ observed: observed(), memberships: new Map(), parameters, ...context })).toEqual([]);
  });

  it('does not fire again for a death already recorded', () => {
    const memberships = new Map([[grandmotherRef, member({ deceasedOn: '2026-11-20' })]]);
    expect(recipientDied.evaluate({ observed: observed(), memberships, parameters, ...context })).toEqual([]);
  });

  it.each([
    ['2025-11-30', false], // the day before the plan takes effect
    ['2025-12-01', true], // its first day
    ['2030-11-30', true], // its last day
    ['2030-12-01', false],
  ])('is in force on %s: %s', (date, inForce) => {
    expect(
      indicatorsFor('death-record', date)
        .map((i) => i.id)
        .includes('IND-01'),
    ).toBe(inForce);
  });

  it('is not evaluated for other record types', () => {
    expect(indicatorsFor('medical-spending', '2026-01-01').map((i) => i.id)).not.toContain('IND-01');
  });
});
