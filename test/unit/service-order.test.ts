import { describe, expect, it } from 'vitest';
import { MemoryStatistics } from '../fakes';
import { placeServiceOrder, recordCareAssessment, reportServiceDelivery } from '../../functions/feedback-intake/service-assistance';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { DomainError } from '../../shared/domain/errors';
import type { Household } from '../../shared/domain/household';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import { organisationCheckCharacter, type Partner, type PartnerKind } from '../../shared/domain/partners';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { ServiceOrder } from '../../shared/domain/service-assistance';
import { personRefOf } from '../../shared/privacy/person-ref';
import type { PartnerRegistry } from '../../shared/ports/partners';
import type { ServiceAssistanceStore, StoredCareAssessment, StoredDelivery } from '../../shared/ports/service-assistance';
import { yueluHousehold } from '../fixtures/people';

/** The store as the DynamoDB adapter behaves: writes once by key, the chain entries kept beside. */
class MemoryServices implements ServiceAssistanceStore {
  readonly assessments = new Map<string, StoredCareAssessment>();
  readonly orders = new Map<string, ServiceOrder>();
  readonly deliveries = new Map<string, StoredDelivery>();
  readonly chain: ChainEntry[] = [];
  async recordAssessment(a: StoredCareAssessment, entry: ChainEntry) {
    if (this.assessments.has(`${a.householdId}|${a.needId}`)) return 'exists' as const;
    this.assessments.set(`${a.householdId}|${a.needId}`, a);
    this.chain.push(entry);
    return 'recorded' as const;
  }
  async assessment(householdId: string, needId: string) {
    return this.assessments.get(`${householdId}|${needId}`);
  }
  async assessmentsOf(householdId: string) {
    return [...this.assessments.values()].filter((a) => a.householdId === householdId);
  }
  async placeOrder(o: ServiceOrder, entry: ChainEntry) {
    if (this.orders.has(o.orderId)) return 'exists' as const;
    this.orders.set(o.orderId, o);
    this.chain.push(entry);
    return 'placed' as const;
  }
  async order(orderId: string) {
    return this.orders.get(orderId);
  }
  async orderWithDeliveries(orderId: string) {
    const order = this.orders.get(orderId);
    return order && { order, deliveries: [...this.deliveries.values()].filter((d) => d.orderId === orderId) };
  }
  async ordersOfProvider(provider: string) {
    return [...this.orders.values()].filter((o) => o.provider === provider);
  }
  async ordersWatched(district: string) {
    return [...this.orders.values()].filter((o) => o.district === district);
  }
  async reportDelivery(d: StoredDelivery, entry: ChainEntry) {
    if (this.deliveries.has(`${d.orderId}|${d.deliveredOn}`)) return 'exists' as const;
    this.deliveries.set(`${d.orderId}|${d.deliveredOn}`, d);
    this.chain.push(entry);
    return 'reported' as const;
  }
  async delivery(orderId: string, deliveredOn: string) {
    return this.deliveries.get(`${orderId}|${deliveredOn}`);
  }
}

class MemoryPartners implements PartnerRegistry {
  readonly all = new Map<string, Partner>();
  async partner(kind: PartnerKind, code: string) {
    return this.all.get(`${kind}|${code}`);
  }
  async register(p: Partner) {
    this.all.set(`${p.kind}|${p.organisationCode}`, p);
  }
  async list(kind: PartnerKind) {
    return [...this.all.values()].filter((p) => p.kind === kind);
  }
}

const code = (first17: string) => first17 + organisationCheckCharacter(first17);
const YUELU_PROVIDER = code('52430104MJ0000213');
const FURONG_PROVIDER = code('52430102MJ0000317');
const SUSPENDED = code('52430104MJ0000400');
const CHARITY_ONLY = code('52430104MJ0000518');
const KEY = Buffer.alloc(32, 7);
const grandmotherRef = personRefOf(yueluHousehold.grandmother.identityNumber, { current: 1, keys: new Map([[1, KEY]]) });
const household: Household = {
  householdId: yueluHousehold.householdId,
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-12-15',
  members: [{ personRef: grandmotherRef, maskedIdentityNumber: maskIdentityNumber(yueluHousehold.grandmother.identityNumber), relationship: 'head' }],
  allowances: [],
  updatedAt: '2026-11-01T08:00:00.000Z',
};
const provider = (organisationCode: string, districts: Partner['districts'], active = true): Partner => ({
  kind: 'service-provider',
  organisationCode,
  name: '居家养老服务中心',
  districts,
  active,
  registeredAt: '2026-11-02T01:00:00.000Z',
  registeredBy: 'civil-affairs.officer-01',
});

async function setUp() {
  const services = new MemoryServices();
  const partners = new MemoryPartners();
  await partners.register(provider(YUELU_PROVIDER, ['430104', '430103']));
  await partners.register(provider(FURONG_PROVIDER, ['430102']));
  await partners.register(provider(SUSPENDED, ['430104'], false));
  // Registered as a charity only: not a service provider.
  await partners.register({ ...provider(CHARITY_ONLY, ['430104']), kind: 'charity' });
  const ports = {
    register: { household: async (id: string) => (id === household.householdId ? household : undefined) },
    services,
    partners,
    now: () => new Date('2026-11-10T02:00:00Z'),
  };
  const need = await recordCareAssessment(
    {
      householdId: household.householdId,
      assessment: { personRef: grandmotherRef, group: 'elderly', selfCareLevel: 'severe', assessedOn: '2026-11-03', assessor: 'YL-MZ-0412' },
      by: 'civil-affairs',
    },
    { ...ports, policy: new PolicyBook(CITY_PARAMETERS) },
  );
  const order = (providerCode: string) => ({
    householdId: household.householdId,
    needId: need.needId,
    provider: providerCode,
    serviceKind: 'daily-living-care' as const,
    hoursPerMonth: 30,
    pricePerHourFen: 4_500,
    from: '2026-11-03',
    to: '2027-04-30',
  });
  return { ports, services, order };
}

const refusalOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  const d = e as DomainError;
  return { code: d.code, fields: d.problems?.map((x) => x.field), message: d.message };
};

describe('a service order goes only to a registered, active provider serving the household’s district', () => {
  it('orders from the Yuelu provider, once, with its chain entry', async () => {
    const { ports, services, order } = await setUp();
    const placed = await placeServiceOrder({ order: order(YUELU_PROVIDER), by: 'civil-affairs' }, ports);
    expect(placed).toMatchObject({ provider: YUELU_PROVIDER, district: '430104', hoursPerMonth: 30, replayed: false });
    expect(services.chain.filter((e) => e.kind === 'service-ordered')).toHaveLength(1);
    expect((await placeServiceOrder({ order: order(YUELU_PROVIDER), by: 'civil-affairs' }, ports)).replayed).toBe(true);
    expect(services.orders.size).toBe(1);
  });

  it('refuses an unregistered provider, one registered only as a charity, and a suspended one, naming the provider field', async () => {
    const { ports, services, order } = await setUp();
    for (const refused of [CHARITY_ONLY, SUSPENDED, code('52430104MJ0000691')]) {
      const refusal = await refusalOf(placeServiceOrder({ order: order(refused), by: 'civil-affairs' }, ports));
      expect(refusal).toMatchObject({ code: 'ServiceOrderRefused', fields: ['provider'] });
      expect(refusal.message).toContain('is not a registered, active service provider');
    }
    expect(services.orders.size).toBe(0);
    expect(services.chain.filter((e) => e.kind === 'service-ordered')).toEqual([]);
  });

  it('refuses a provider that does not serve the household’s district', async () => {
    const { ports, services, order } = await setUp();
    const refusal = await refusalOf(placeServiceOrder({ order: order(FURONG_PROVIDER), by: 'civil-affairs' }, ports));
    expect(refusal).toMatchObject({ code: 'ServiceOrderRefused', fields: ['provider'] });
    expect(refusal.message).toContain('does not serve district 430104');
    expect(services.orders.size).toBe(0);
  });
});

describe('a provider’s delivery report', () => {
  async function ordered() {
    const { ports, services, order } = await setUp();
    const placed = await placeServiceOrder({ order: order(YUELU_PROVIDER), by: 'civil-affairs' }, ports);
    const statistics = new MemoryStatistics();
    let now = new Date('2026-11-10T02:00:00Z');
    const deliveryPorts = { services, statistics, now: () => now };
    const report = (deliveredOn: string, hours: number, provider = YUELU_PROVIDER) =>
      reportServiceDelivery({ orderId: placed.orderId, provider, report: { deliveredOn, hours } }, deliveryPorts);
    return { placed, services, statistics, report, setNow: (iso: string) => (now = new Date(iso)) };
  }

  it('counts hours and fen once by kind and district, and keeps the month within the hours bought', async () => {
    const { report, statistics, services } = await ordered();
    // November from the 3rd: 28 of 30 days of 30 hours, rounded down to the half hour.
    expect(await report('2026-11-04', 3)).toMatchObject({ amountFen: 13_500, monthHours: { month: '2026-11', delivered: 3, ordered: 28 }, replayed: false });
    expect(await report('2026-11-04', 3)).toMatchObject({ replayed: true });
    const refusal = await refusalOf(report('2026-11-04', 4));
    expect(refusal.code).toBe('DeliveryAlreadyReported');
    expect(await report('2026-11-09', 24)).toMatchObject({ monthHours: { delivered: 27, ordered: 28 } });
    expect(await refusalOf(report('2026-11-10', 1.5))).toMatchObject({ code: 'DeliveryRefused', fields: ['hours'] });
    expect(await statistics.month('2026-11')).toEqual(
      expect.arrayContaining([{ dimension: 'SERVICE#daily-living-care#DIST#430104', values: { serviceDeliveries: 2, serviceHours: 27, serviceFen: 121_500 } }]),
    );
    expect(services.chain.filter((e) => e.kind === 'service-delivered')).toHaveLength(2);
  });

  it('refuses a day outside the order or in the future, and answers another provider as no order', async () => {
    const { report, services } = await ordered();
    expect(await refusalOf(report('2026-11-02', 1))).toMatchObject({ code: 'DeliveryRefused', fields: ['deliveredOn'] });
    expect(await refusalOf(report('2026-11-11', 1))).toMatchObject({ code: 'DeliveryRefused', fields: ['deliveredOn'] });
    expect(await refusalOf(report('2026-11-04', 1, FURONG_PROVIDER))).toMatchObject({ code: 'ServiceOrderNotFound' });
    expect(services.deliveries.size).toBe(0);
  });
});
