import { expect } from 'vitest';
import type { DistrictCode } from '../../../shared/domain/districts';
import type { Allowance, Household } from '../../../shared/domain/household';
import { maskIdentityNumber } from '../../../shared/domain/identity-number';
import type { IndicatorDefinition, ObservedRecord } from '../../../shared/domain/indicators';
import { paymentFileCloseOf, paymentLineOf, type PaymentLine } from '../../../shared/domain/payments';
import { CITY_PARAMETERS } from '../../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../../shared/domain/policy/policy-book';
import { singleKeyRing } from '../../../shared/privacy/key-ring';
import { personRefOf, personRefsIn, pseudonymize } from '../../../shared/privacy/person-ref';
import { RECORD_TYPES } from '../../../shared/records/catalogue';
import { plausibilityProblems } from '../../../shared/records/plausibility';
import { identityNumber, yueluHousehold } from '../../fixtures/people';

/**
 * A month's payment file as the platform keeps it: each line goes through the record type's
 * schema, plausibility and pseudonymization as at intake, so a fixture the intake would refuse
 * fails here first. The households are the register's form of roll entries.
 */
export const key = singleKeyRing(Buffer.alloc(32, 11));
const policy = new PolicyBook(CITY_PARAMETERS);
export const MONTH = '2026-11';
export const TODAY = '2026-11-25';

type Person = { identityNumber: string; name: string };
export const refOf = (p: Person) => personRefOf(p.identityNumber, key);

/** Yuelu: the widowed grandmother and her grandson, dibao 1 500 yuan a month (test/fixtures/people.ts). */
export const yuelu = yueluHousehold;
/** Kaifu: a tekun man living alone, 1 320 yuan a month. */
export const kaifu = {
  householdId: '430105-2024-000088',
  district: '430105' as DistrictCode,
  head: { identityNumber: identityNumber('430105', '1952-07-19', 31), name: '周德胜' },
  monthlyAllowanceFen: 132_000,
};
/** Furong: a dibao couple, 1 800 yuan a month. */
export const furong = {
  householdId: '430102-2025-001207',
  district: '430102' as DistrictCode,
  head: { identityNumber: identityNumber('430102', '1968-04-07', 13), name: '王建国' },
  spouse: { identityNumber: identityNumber('430102', '1970-06-20', 18), name: '刘秀英' },
  monthlyAllowanceFen: 180_000,
};

export function household(
  h: { householdId: string; district: DistrictCode },
  members: Person[],
  allowance: Partial<Allowance> & Pick<Allowance, 'monthlyAmountFen'>,
  category: Household['category'] = 'DIBAO',
): Household {
  return {
    householdId: h.householdId,
    district: h.district,
    category,
    recognisedOn: '2025-12-15',
    members: members.map((m, i) => ({
      personRef: refOf(m),
      maskedIdentityNumber: maskIdentityNumber(m.identityNumber),
      relationship: i === 0 ? 'head' : 'other',
    })),
    allowances: [{ programme: 'dibao-allowance', startDate: '2026-01-01', status: 'active', ...allowance }],
    updatedAt: '2026-01-02T01:00:00.000Z',
  };
}

let sequence = 0;
/** One payment line as civil affairs posts it, kept as the platform keeps it. */
export function line(
  payee: Person,
  h: { householdId: string; district: DistrictCode },
  amountFen: number,
  over: { programme?: string; month?: string; paidOn?: string } = {},
): PaymentLine {
  const observed = observedPayment(payee, h, amountFen, over);
  return paymentLineOf(observed.recordId, observed.record);
}

/** The same line as the bus hands it to warning evaluation (a RecordAccepted detail). */
export function observedPayment(
  payee: Person,
  h: { householdId: string; district: DistrictCode },
  amountFen: number,
  over: { programme?: string; month?: string; paidOn?: string } = {},
): ObservedRecord {
  const month = over.month ?? MONTH;
  const raw = {
    type: 'allowance-payment',
    recordId: `MZ-FF-${month}-${++sequence}`,
    ...payee,
    programme: over.programme ?? 'dibao-allowance',
    month,
    householdId: h.householdId,
    district: h.district,
    amountFen,
    paidOn: over.paidOn ?? `${month}-10`,
    bankReference: 'CCB****3321',
  };
  const parsed = RECORD_TYPES['allowance-payment'].schema.parse(raw) as Record<string, unknown>;
  const implausible = plausibilityProblems(parsed, policy, TODAY);
  if (implausible.length) throw new Error(`implausible fixture: ${JSON.stringify(implausible)}`);
  const record = pseudonymize(parsed, key) as Record<string, unknown>;
  return {
    recordId: `S-${sequence}:0`,
    department: 'civil-affairs',
    recordType: 'allowance-payment',
    subjects: personRefsIn(record),
    record,
    acceptedAt: `${TODAY}T03:00:00.000Z`,
  };
}

/** The close of a month's file, as posted. */
export function close(district: DistrictCode, lineCount: number, totalFen: number, over: { programme?: string; month?: string } = {}) {
  const month = over.month ?? MONTH;
  const raw = {
    type: 'allowance-payment-file',
    recordId: `MZ-FF-END-${district}-${month}`,
    programme: over.programme ?? 'dibao-allowance',
    month,
    district,
    lineCount,
    totalFen,
    closedOn: `${month}-12`,
  };
  return paymentFileCloseOf('S-close:0', RECORD_TYPES['allowance-payment-file'].schema.parse(raw) as Record<string, unknown>);
}

/** The parameters an indicator reads, from the city's policy book on the day. */
export function parametersOf(indicator: IndicatorDefinition, on = TODAY, district: DistrictCode = '430104') {
  return policy.valuesOn(indicator.parameters, on, district);
}

/** No identity number nor name of anyone in the fixtures appears in what is raised. */
export function expectNoPersonalData(value: unknown) {
  const text = JSON.stringify(value);
  for (const p of [yuelu.grandmother, yuelu.grandson, kaifu.head, furong.head, furong.spouse]) {
    expect(text).not.toContain(p.identityNumber);
    expect(text).not.toContain(p.name);
  }
}
