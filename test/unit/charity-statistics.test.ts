import { describe, expect, it } from 'vitest';
import { MemoryStatistics } from '../fakes';
import { reportDelivery, runMatching, type CharityPorts } from '../../functions/partner-gateway/charity';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { CharityConsent, CharityOffer } from '../../shared/domain/charity';
import type { Household } from '../../shared/domain/household';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import { organisationCheckCharacter, type Partner } from '../../shared/domain/partners';
import type { StoredWarning } from '../../shared/domain/warning';
import type { CharityStore, StoredCharityMatch } from '../../shared/ports/charity';
import { personRefOf } from '../../shared/privacy/person-ref';
import { yueluHousehold } from '../fixtures/people';

/** The store as the DynamoDB adapter behaves: a need claimed once, a delivery recorded once. */
class MemoryCharity implements CharityStore {
  readonly offerList: CharityOffer[] = [];
  readonly consents = new Map<string, CharityConsent>();
  readonly matches = new Map<string, StoredCharityMatch>();
  readonly chain: ChainEntry[] = [];
  async publishOffer(o: CharityOffer) {
    if (!this.offerList.some((x) => x.offerId === o.offerId)) this.offerList.push({ ...o });
  }
  async offers() {
    return this.offerList.map((o) => ({ ...o }));
  }
  async recordConsent(c: CharityConsent) {
    this.consents.set(c.householdId, c);
  }
  async consent(householdId: string) {
    return this.consents.get(householdId);
  }
  async consenting() {
    return [...this.consents.values()].filter((c) => c.consent === 'given');
  }
  async matchedNeeds(needIds: readonly string[]) {
    const claimed = new Set([...this.matches.values()].map((m) => m.needId));
    return new Set(needIds.filter((n) => claimed.has(n)));
  }
  async saveMatches(list: readonly StoredCharityMatch[]) {
    const stored: StoredCharityMatch[] = [];
    for (const m of list) {
      const offer = this.offerList.find((o) => o.offerId === m.offerId)!;
      if ([...this.matches.values()].some((x) => x.needId === m.needId) || offer.matched >= offer.capacity) continue;
      offer.matched += 1;
      this.matches.set(m.matchId, m);
      stored.push(m);
    }
    return stored;
  }
  async matchesOf(organisationCode: string) {
    return [...this.matches.values()].filter((m) => m.organisationCode === organisationCode);
  }
  async match(organisationCode: string, matchId: string) {
    const m = this.matches.get(matchId);
    return m?.organisationCode === organisationCode ? m : undefined;
  }
  async deliver(m: StoredCharityMatch, delivery: NonNullable<StoredCharityMatch['delivery']>, entry: ChainEntry) {
    const held = this.matches.get(m.matchId);
    if (!held || held.delivery) return false;
    this.matches.set(m.matchId, { ...held, delivery });
    this.chain.push(entry);
    return true;
  }
}

const KEY = Buffer.alloc(32, 9);
const ring = { current: 1, keys: new Map([[1, KEY]]) };
const CHARITY = `53430104MJ0000012${organisationCheckCharacter('53430104MJ0000012')}`;
const charity: Partner = {
  kind: 'charity',
  organisationCode: CHARITY,
  name: '岳麓区慈善会',
  districts: ['430104'],
  active: true,
  registeredAt: '2026-11-01T02:00:00.000Z',
  registeredBy: 'MZ-0417',
};
const household: Household = {
  householdId: yueluHousehold.householdId,
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-12-15',
  members: [
    {
      personRef: personRefOf(yueluHousehold.grandmother.identityNumber, ring),
      maskedIdentityNumber: maskIdentityNumber(yueluHousehold.grandmother.identityNumber),
      relationship: 'head',
    },
  ],
  allowances: [],
  updatedAt: '2026-11-01T08:00:00.000Z',
};
// An open serious-illness warning (IND-03): the household's medical need. Only the fields matching reads.
const illness = {
  warningId: 'w_3f1c9a7e2b4d6f8a0c1e3b5d',
  indicator: { id: 'IND-03', version: 1, title: '大病 serious illness', parameters: {} },
  status: 'pushed',
  raisedAt: '2026-11-20T03:00:00.000Z',
} as unknown as StoredWarning;

function ports(clock: { now: Date }) {
  const store = new MemoryCharity();
  const statistics = new MemoryStatistics();
  const p: CharityPorts = {
    charity: store,
    register: {
      household: async (id: string) => (id === household.householdId ? household : undefined),
      households: async (ids: readonly string[]) => new Map(ids.filter((id) => id === household.householdId).map((id) => [id, household])),
    } as unknown as CharityPorts['register'],
    warnings: { listByHousehold: async (id: string) => (id === household.householdId ? [illness] : []) } as unknown as CharityPorts['warnings'],
    personKey: { ring: async () => ring },
    statistics,
    now: () => clock.now,
  };
  return { p, store, statistics };
}

const offer = (kind: CharityOffer['kind'], amountFen?: number): CharityOffer => ({
  offerId: `of_${kind}000000000000000000`.slice(0, 25),
  organisationCode: CHARITY,
  publishedAt: '2026-11-25T01:00:00.000Z',
  matched: 0,
  kind,
  description: kind === 'money' ? '大病患者医疗救助金，每户一次' : '康复器具（轮椅）',
  ...(amountFen !== undefined ? { amountFen } : {}),
  districts: ['430104'],
  categories: ['DIBAO'],
  needKinds: ['medical'],
  capacity: 5,
  validUntil: '2027-03-31',
});

async function matched(kind: CharityOffer['kind'], amountFen?: number) {
  // 2026-11-30 23:30 in the city is 15:30 UTC: the match belongs to November, city time.
  const clock = { now: new Date('2026-11-30T15:30:00.000Z') };
  const t = ports(clock);
  await t.store.publishOffer(offer(kind, amountFen));
  await t.store.recordConsent({
    householdId: household.householdId,
    consent: 'given',
    givenOn: '2026-11-22',
    documentRef: 'CS-2026-0091',
    recordedBy: 'MZ-0417',
    recordedAt: '2026-11-22T02:00:00.000Z',
  });
  return { ...t, clock };
}

const MEDICAL_YUELU = 'CHARITY#medical#DIST#430104';

describe('charity statistics (慈善帮扶统计)', () => {
  it('counts a match once in the city month it was made, however often matching runs', async () => {
    const { p, statistics } = await matched('money', 200_000);
    expect((await runMatching(p)).matched).toBe(1);
    expect((await runMatching(p)).matched).toBe(0);
    await Promise.all([runMatching(p), runMatching(p)]);
    expect(statistics.of('2026-11', MEDICAL_YUELU)).toEqual({ charityMatches: 1 });
    expect(statistics.of('2026-11', 'ALL')).toEqual({ charityMatches: 1 });
    expect(statistics.months.has('2026-12')).toBe(false);
  });

  it('counts a delivery once in the month delivered; a second post, even with another amount, adds nothing', async () => {
    const { p, statistics, store } = await matched('money', 200_000);
    const [matchId] = (await runMatching(p)).matchIds;
    const report = { delivered: '医疗救助金已转账', amountFen: 200_000, deliveredOn: '2026-12-05' };
    expect((await reportDelivery(charity, matchId!, report, p)).replayed).toBe(false);
    expect((await reportDelivery(charity, matchId!, { ...report, amountFen: 100 }, p)).replayed).toBe(true);
    expect(statistics.of('2026-12', MEDICAL_YUELU)).toEqual({ charityDeliveries: 1, charityFen: 200_000, charityQuantity: 0 });
    expect(statistics.of('2026-11', MEDICAL_YUELU)).toEqual({ charityMatches: 1 });
    expect(store.chain).toHaveLength(1);
  });

  it('takes a money offer’s amount when the report leaves it out, and counts goods by quantity', async () => {
    const money = await matched('money', 150_000);
    const [m1] = (await runMatching(money.p)).matchIds;
    await reportDelivery(charity, m1!, { delivered: '救助金已发放', deliveredOn: '2026-12-02' }, money.p);
    expect(money.statistics.of('2026-12', MEDICAL_YUELU)).toMatchObject({ charityFen: 150_000, charityQuantity: 0 });

    const goods = await matched('goods');
    const [m2] = (await runMatching(goods.p)).matchIds;
    await reportDelivery(charity, m2!, { delivered: '轮椅一台已送达', quantity: 1, deliveredOn: '2026-12-03' }, goods.p);
    expect(goods.statistics.of('2026-12', MEDICAL_YUELU)).toEqual({ charityDeliveries: 1, charityFen: 0, charityQuantity: 1 });
  });

  it('recovers a count a crash lost: the delivery’s second post counts it, once', async () => {
    const { p, statistics } = await matched('money', 200_000);
    statistics.failNext = true;
    await expect(runMatching(p)).rejects.toThrow('stopped before counting');
    // The match was stored before the crash: a retried run finds the need claimed, nothing to count.
    expect((await runMatching(p)).matched).toBe(0);
    expect(statistics.of('2026-11', MEDICAL_YUELU)).toBeUndefined();
    const [match] = await p.charity.matchesOf(CHARITY);
    const report = { delivered: '医疗救助金已转账', amountFen: 200_000, deliveredOn: '2026-12-05' };
    statistics.failNext = true;
    await expect(reportDelivery(charity, match!.matchId, report, p)).rejects.toThrow('stopped before counting');
    expect(statistics.of('2026-12', MEDICAL_YUELU)).toBeUndefined();
    // The charity posts again (its first call failed): the delivery and the match count now, once.
    expect((await reportDelivery(charity, match!.matchId, report, p)).replayed).toBe(true);
    await reportDelivery(charity, match!.matchId, report, p);
    expect(statistics.of('2026-11', MEDICAL_YUELU)).toEqual({ charityMatches: 1 });
    expect(statistics.of('2026-12', MEDICAL_YUELU)).toEqual({ charityDeliveries: 1, charityFen: 200_000, charityQuantity: 0 });
  });
});
