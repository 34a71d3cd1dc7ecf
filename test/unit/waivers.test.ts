import { describe, expect, it } from 'vitest';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook, type PolicyParameter } from '../../shared/domain/policy/policy-book';
import { entitledCategories, waiverList, type WaiverHousehold, type WaiverMember } from '../../shared/domain/waivers';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefOf } from '../../shared/privacy/person-ref';
import { isWaiverCode, normaliseWaiverCode, waiverCode } from '../../shared/privacy/waiver-code';
import { identityNumber } from '../fixtures/people';

const personKey = singleKeyRing(Buffer.from('unit-test-person-key-0123456789abcdef'));
const purposeKey = singleKeyRing(Buffer.from('unit-test-purpose-key-0123456789abcdef'));
const book = new PolicyBook(CITY_PARAMETERS);

function member(district: string, birthDate: string, seq: number, extra: Partial<WaiverMember> = {}): WaiverMember & { identityNumber: string } {
  const id = identityNumber(district as '430111', birthDate, seq);
  return { identityNumber: id, personRef: personRefOf(id, personKey), maskedIdentityNumber: maskIdentityNumber(id), ...extra };
}

// A DIBAO household in Yuhua: a grandmother, her son, and his daughter born in 2025-03.
const grandmother = member('430111', '1950-02-14', 22, { deceasedOn: '2026-05-19' });
const father = member('430111', '1988-07-01', 31);
const baby = member('430111', '2025-03-08', 46, { birthMonth: '2025-03' });
const dibao: WaiverHousehold = { householdId: '430111-2026-000418', district: '430111', category: 'DIBAO', members: [grandmother, father, baby] };
// An edge household in Kaifu, with a toddler of one year.
const edgeMother = member('430105', '1992-11-30', 12);
const edgeChild = member('430105', '2025-09-21', 57, { birthMonth: '2025-09' });
const edge: WaiverHousehold = { householdId: '430105-2026-000077', district: '430105', category: 'DIBAO_EDGE', members: [edgeMother, edgeChild] };

const refs = (lines: { personRef: string }[]) => lines.map((l) => l.personRef).sort();

describe('waiver lists (其他救助帮扶)', () => {
  it('lists every living member of an entitled category for water, none of an edge household as shipped', () => {
    const april = waiverList('water', '2026-04', [dibao, edge], book);
    expect(refs(april)).toEqual([grandmother.personRef, father.personRef, baby.personRef].sort());
    expect(april[0]).toMatchObject({ district: '430111', category: 'DIBAO', waiver: 'water', month: '2026-04' });
    expect(april.map((l) => l.maskedIdentityNumber)).toContain(`430111***********${father.identityNumber.slice(17)}`);
    // The grandmother died on 19 May: listed in May, gone from June.
    expect(refs(waiverList('water', '2026-05', [dibao], book))).toContain(grandmother.personRef);
    expect(refs(waiverList('water', '2026-06', [dibao], book))).not.toContain(grandmother.personRef);
  });

  it('lists the funeral waiver for the month of the death only', () => {
    expect(refs(waiverList('funeral', '2026-05', [dibao, edge], book))).toEqual([grandmother.personRef]);
    expect(waiverList('funeral', '2026-04', [dibao], book)).toEqual([]);
    expect(waiverList('funeral', '2026-06', [dibao], book)).toEqual([]);
  });

  it('lists childcare for children under the age limit, by month of birth', () => {
    // Born 2025-03: 35 months old in 2028-02, three in 2028-03.
    expect(refs(waiverList('childcare', '2028-02', [dibao], book))).toEqual([baby.personRef]);
    expect(waiverList('childcare', '2028-03', [dibao], book)).toEqual([]);
    expect(refs(waiverList('childcare', '2026-01', [dibao], book))).toEqual([baby.personRef]);
    // Not listed before birth, and a member without a known month of birth is not listed.
    const newborn = member('430111', '2026-02-11', 63, { birthMonth: '2026-02' });
    expect(waiverList('childcare', '2026-01', [{ ...dibao, members: [newborn] }], book)).toEqual([]);
    expect(refs(waiverList('childcare', '2026-02', [{ ...dibao, members: [newborn] }], book))).toEqual([newborn.personRef]);
    expect(waiverList('childcare', '2026-01', [{ ...dibao, members: [{ ...baby, birthMonth: undefined }] }], book)).toEqual([]);
  });

  it('follows a policy change from its effective date: edge families from 2027 for water, not for funerals', () => {
    const extension: PolicyParameter = {
      name: 'waiver.water.categories',
      value: 'TEKUN,DIBAO,DIBAO_EDGE,RIGID_EXPENDITURE',
      district: '*',
      unit: 'categories',
      source: '长沙市关于费用减免延伸至低保边缘家庭的通知',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2030-11-30',
      changeVersion: 4,
    };
    const changed = new PolicyBook([...CITY_PARAMETERS, extension], 4);
    expect(waiverList('water', '2026-12', [edge], changed)).toEqual([]);
    expect(refs(waiverList('water', '2027-01', [edge], changed))).toEqual([edgeMother.personRef, edgeChild.personRef].sort());
    expect(entitledCategories('funeral', '2027-01', '430105', changed)).toEqual(['TEKUN', 'DIBAO']);
    // A district's own row wins over the city's: Kaifu extends childcare alone.
    const kaifu = new PolicyBook([...CITY_PARAMETERS, { ...extension, name: 'waiver.childcare.categories', district: '430105', effectiveFrom: '2026-01-01' }]);
    expect(refs(waiverList('childcare', '2026-02', [edge, dibao], kaifu))).toEqual([edgeChild.personRef, baby.personRef].sort());
  });

  it('never carries an identity number', () => {
    const text = JSON.stringify(waiverList('water', '2026-04', [dibao], book));
    for (const m of [grandmother, father, baby]) expect(text).not.toContain(m.identityNumber);
  });
});

describe('waiver verification code (核验码)', () => {
  it('is ten Crockford characters, the same each time, different per waiver, month and person', () => {
    const code = waiverCode('water', '2026-04', father.personRef, purposeKey);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(waiverCode('water', '2026-04', father.personRef, purposeKey)).toBe(code);
    const others = [
      waiverCode('gas', '2026-04', father.personRef, purposeKey),
      waiverCode('water', '2026-05', father.personRef, purposeKey),
      waiverCode('water', '2026-04', baby.personRef, purposeKey),
      waiverCode('water', '2026-04', father.personRef, singleKeyRing(Buffer.from('another-purpose-key-0123456789abcdefgh'))),
    ];
    expect(new Set([code, ...others]).size).toBe(5);
  });

  it('verifies the right code as typed, refuses a wrong one, and keeps verifying after a key rotation', () => {
    const code = waiverCode('water', '2026-04', father.personRef, purposeKey);
    expect(isWaiverCode(code, 'water', '2026-04', father.personRef, purposeKey)).toBe(true);
    expect(isWaiverCode(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`, 'water', '2026-04', father.personRef, purposeKey)).toBe(true);
    const tampered = `${code.slice(0, 9)}${code[9] === '0' ? '1' : '0'}`;
    expect(isWaiverCode(tampered, 'water', '2026-04', father.personRef, purposeKey)).toBe(false);
    expect(isWaiverCode(code, 'water', '2026-05', father.personRef, purposeKey)).toBe(false);
    expect(isWaiverCode(code, 'electricity', '2026-04', father.personRef, purposeKey)).toBe(false);
    expect(isWaiverCode(code, 'water', '2026-04', baby.personRef, purposeKey)).toBe(false);
    expect(normaliseWaiverCode('short')).toBeUndefined();
    const rotated = { current: 2, keys: new Map([...purposeKey.keys, [2, Buffer.from('rotated-purpose-key-0123456789abcdefgh')]]) };
    expect(isWaiverCode(code, 'water', '2026-04', father.personRef, rotated)).toBe(true);
  });
});
