import { describe, expect, it } from 'vitest';
import { indicatorsFor } from '../../../shared/domain/indicators';
import { paidToDead } from '../../../shared/domain/indicators/ind-20-paid-to-dead';
import type { PersonFact } from '../../../shared/domain/person-fact';
import { pseudonymize } from '../../../shared/privacy/person-ref';
import { deathRecord } from '../../fixtures/people';
import { expectNoPersonalData, key, observedPayment, parametersOf, refOf, TODAY, yuelu } from './payment-fixtures';

const parameters = parametersOf(paidToDead);
const grandmother = refOf(yuelu.grandmother);

/** The grandmother's death as health reported it, kept in her dossier. */
function died(dateOfDeath: string): Map<string, PersonFact[]> {
  const record = pseudonymize({ ...deathRecord(yuelu.grandmother), dateOfDeath }, key) as Record<string, unknown>;
  return new Map([
    [
      grandmother,
      [{ personRef: grandmother, recordType: 'death-record', slot: 'death', recordId: 'S-death:0', department: 'health', acceptedAt: TODAY, record }],
    ],
  ]);
}

function fire(facts: Map<string, PersonFact[]>, observed = observedPayment(yuelu.grandmother, yuelu, 150_000), p = parameters) {
  return paidToDead.evaluate({ observed, memberships: new Map(), parameters: p, facts, on: TODAY });
}

describe('IND-20: an allowance paid to a person registered dead before the payment month', () => {
  it('fires for a November payment to a payee who died in October, for supervision, with the evidence and no personal data', () => {
    const observed = observedPayment(yuelu.grandmother, yuelu, 150_000);
    const [draft, ...more] = fire(died('2026-10-08'), observed);
    expect(more).toEqual([]);
    expect(paidToDead.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: yuelu.householdId,
      district: '430104',
      subjects: [grandmother],
      dedupeKey: `${grandmother}:dibao-allowance:2026-11`,
    });
    expect(draft!.evidence[0]).toMatchObject({
      recordId: observed.recordId,
      recordType: 'allowance-payment',
      facts: { month: '2026-11', amountFen: 150_000, dateOfDeath: '2026-10-08', deathRecordId: 'S-death:0', graceDays: 0 },
    });
    expectNoPersonalData(draft);
  });

  it('looks up the payee’s death by its slot, so a group of lines reads all deaths at once', () => {
    const observed = observedPayment(yuelu.grandmother, yuelu, 150_000);
    expect(paidToDead.factsRead!({ observed, memberships: new Map(), on: TODAY })).toEqual([
      { personRef: grandmother, recordType: 'death-record', slot: 'death' },
    ]);
    expect(indicatorsFor('allowance-payment', TODAY).map((i) => i.id)).toEqual(['IND-20']);
  });

  it.each([
    ['2026-10-31', true], // the last day before the month: the November allowance is not owed (次月停发)
    ['2026-11-01', false], // died in the payment month: that month is still paid
    ['2026-11-20', false],
  ])('a death on %s makes the November payment wrong: %s', (dateOfDeath, fires) => {
    expect(fire(died(dateOfDeath))).toHaveLength(fires ? 1 : 0);
  });

  it('gives a file prepared ahead the grace days the policy book sets', () => {
    const lenient = { ...parameters, 'IND-20.graceDays': 5 };
    expect(fire(died('2026-10-27'), undefined, lenient)).toEqual([]);
    expect(fire(died('2026-10-26'), undefined, lenient)).toHaveLength(1);
  });

  it('reads the death of the payee only, not of another member of the household', () => {
    expect(fire(died('2026-09-01'), observedPayment(yuelu.grandson, yuelu, 150_000))).toEqual([]);
    expect(fire(new Map())).toEqual([]);
  });

  it('reads its grace from the policy book, the plan’s value from its first day', () => {
    expect(paidToDead.parameters).toEqual(['IND-20.graceDays', 'warning.deadlineDays.IND-20']);
    expect(parametersOf(paidToDead, '2025-12-01')).toEqual({ 'IND-20.graceDays': 0, 'warning.deadlineDays.IND-20': 10 });
  });
});
