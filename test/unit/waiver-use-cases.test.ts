import { describe, expect, it } from 'vitest';
import { readWaiverList, verifyWaiverCode } from '../../functions/household-query/waivers';
import type { WaiverRoll } from '../../shared/ports/waiver-roll';
import type { Household } from '../../shared/domain/household';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefOf } from '../../shared/privacy/person-ref';
import { identityNumber } from '../fixtures/people';

const personKey = singleKeyRing(Buffer.from('unit-test-person-key-0123456789abcdef'));
const purposeKey = singleKeyRing(Buffer.from('unit-test-purpose-key-0123456789abcdef'));

const person = (district: '430111' | '430105', birth: string, seq: number, relationship: string) => {
  const id = identityNumber(district, birth, seq);
  return { id, member: { personRef: personRefOf(id, personKey), maskedIdentityNumber: maskIdentityNumber(id), relationship } };
};
const head = person('430111', '1961-06-02', 15, 'head');
const wife = person('430111', '1963-01-27', 26, 'spouse');
const edgeHead = person('430105', '1979-12-12', 37, 'head');
const household = (householdId: string, district: '430111' | '430105', category: Household['category'], members: Household['members']): Household => ({
  householdId,
  district,
  category,
  recognisedOn: '2026-01-10',
  members,
  allowances: [],
  updatedAt: '2026-01-10T02:00:00.000Z',
});
const ROLL = [
  household('430111-2026-000521', '430111', 'DIBAO', [head.member, wife.member]),
  household('430105-2026-000088', '430105', 'DIBAO_EDGE', [edgeHead.member]),
];

/** The roll in memory, read as the index would be: by district and category, in household order. */
const roll: WaiverRoll = {
  async households(district, categories, limit, after) {
    const all = ROLL.filter((h) => h.district === district && categories.includes(h.category) && (!after || h.householdId > after));
    const items = all.slice(0, limit);
    return { items, ...(all.length > limit ? { next: items.at(-1)!.householdId } : {}) };
  },
  async people() {
    return new Map();
  },
};
const ports = { roll, policy: async () => new PolicyBook(CITY_PARAMETERS), purposeKey: { ring: async () => purposeKey } };

describe('waiver routes (use cases)', () => {
  it('gives a district its list, masked, with a code per line and no person reference', async () => {
    const list = await readWaiverList('water', '2026-04', { district: '430111' }, ports);
    expect(list.lines.map((l) => l.maskedIdentityNumber).sort()).toEqual([head.member.maskedIdentityNumber, wife.member.maskedIdentityNumber].sort());
    const text = JSON.stringify(list);
    for (const p of [head, wife]) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.member.personRef);
    }
    // An edge household is not entitled under the shipped rows.
    expect((await readWaiverList('water', '2026-04', { district: '430105' }, ports)).lines).toEqual([]);
  });

  it('pages through a district', async () => {
    const first = await readWaiverList('gas', '2026-04', { district: '430111', limit: '1' }, ports);
    expect(first.lines).toHaveLength(2); // one household, two members
    expect(first.next).toBeUndefined();
  });

  it('verifies a code read back from the list, and refuses a tampered one or another month', async () => {
    const list = await readWaiverList('water', '2026-04', { district: '430111' }, ports);
    const line = list.lines[0]!;
    expect(await verifyWaiverCode('water', '2026-04', { maskedIdentityNumber: line.maskedIdentityNumber, code: line.code }, ports)).toEqual({
      waiver: 'water',
      month: '2026-04',
      entitled: true,
    });
    const tampered = `${line.code.slice(0, 9)}${line.code[9] === 'Z' ? 'Y' : 'Z'}`;
    expect((await verifyWaiverCode('water', '2026-04', { maskedIdentityNumber: line.maskedIdentityNumber, code: tampered }, ports)).entitled).toBe(false);
    expect((await verifyWaiverCode('water', '2026-05', { maskedIdentityNumber: line.maskedIdentityNumber, code: line.code }, ports)).entitled).toBe(false);
    const other = list.lines[1]!;
    expect((await verifyWaiverCode('water', '2026-04', { maskedIdentityNumber: other.maskedIdentityNumber, code: line.code }, ports)).entitled).toBe(false);
  });

  it('refuses an unknown waiver, a bad month and a missing district, naming the field', async () => {
    await expect(readWaiverList('heating', '2026-04', { district: '430111' }, ports)).rejects.toMatchObject({ code: 'UnknownWaiver' });
    await expect(readWaiverList('water', '2026-13', { district: '430111' }, ports)).rejects.toMatchObject({ code: 'InvalidMonth' });
    await expect(readWaiverList('water', '2026-04', {}, ports)).rejects.toMatchObject({ code: 'InvalidDistrict' });
  });
});
