import { describe, expect, it } from 'vitest';
import { cityDay } from '../../shared/domain/city-time';
import { organisationCheckCharacter } from '../../shared/domain/partners';
import { nextMonth } from '../../shared/domain/service-assistance';
import { rollEntry, yueluHousehold } from '../fixtures/people';
import { onLocalPlatform } from './departments';
import { asPartner } from './partners';

/**
 * 服务类社会救助 on the local platform, over HTTP and SQS: the Yuelu grandmother (born 1948) is
 * assessed moderately impaired, which raises a need of 16 hours a month; civil affairs buys daily-
 * living care from a registered provider, who reads its order (masked) and reports two days'
 * service; the happiness list and the month's statistics show them. The month ended short of its
 * hours, so the sweep warns civil affairs (IND-25) once. Another provider cannot see the order,
 * and education cannot use civil affairs' routes.
 *
 * The platform's clock is the machine's and a sweep's asOf may not be later than now, so the
 * service month is the one two months back: its report day (the 5th of the next month) is over.
 */
const { platform, as } = onLocalPlatform();
const code = (first17: string) => first17 + organisationCheckCharacter(first17);
const PROVIDER = code('52430104MJ0000213'); // 岳麓区 民办非企业单位 (登记管理机关 5 民政, 类别 2)
const OTHER_PROVIDER = code('52430102MJ0000317');
const IDENTITY_SHAPE = /\d{17}[\dX]/;

const today = cityDay(new Date());
const thisMonth = today.slice(0, 7);
const monthsBack = (n: number) => {
  const [y, m] = thisMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const serviceMonth = monthsBack(2);
const lastDayOf = (month: string) => new Date(Date.parse(`${nextMonth(month)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const noPersonIn = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(IDENTITY_SHAPE);
  expect(text).not.toContain(yueluHousehold.grandmother.name);
  expect(text).not.toContain(yueluHousehold.grandson.name);
};

describe('service assistance: assessment, order, deliveries and the missed-hours warning', () => {
  let personRef = '';
  let needId = '';
  let orderId = '';

  it('puts the household on the roll and registers two service providers', async () => {
    const civil = as('civil-affairs');
    expect((await civil.submit('civil-affairs-roll-service-001', [rollEntry()])).status).toBe(202);
    await platform.idle();
    const person = await civil.call<{ inDatabase: boolean; personRef: string; householdId: string }>('POST', '/persons/query', {
      identityNumber: yueluHousehold.grandmother.identityNumber,
      purpose: '照护需求评估前核对人员',
    });
    expect(person.body).toMatchObject({ inDatabase: true, householdId: yueluHousehold.householdId });
    personRef = person.body.personRef;
    for (const [organisationCode, name, district] of [
      [PROVIDER, '岳麓区颐康居家养老服务中心', '430104'],
      [OTHER_PROVIDER, '芙蓉区安心护理服务社', '430102'],
    ] as const) {
      const registered = await civil.call('POST', '/partners', { kind: 'service-provider', organisationCode, name, districts: [district] });
      expect(registered.status).toBe(200);
      expect(registered.body).toMatchObject({ kind: 'service-provider', organisationCode, active: true });
    }
  });

  it('records a care assessment that raises a need of 16 hours a month, which the needs list shows', async () => {
    const civil = as('civil-affairs');
    const assessed = await civil.call<{ needId: string; raisesNeed: boolean; hoursPerMonth: number; kinds: string[] }>(
      'POST',
      `/households/${yueluHousehold.householdId}/care-assessments`,
      { personRef, group: 'elderly', selfCareLevel: 'moderate', assessedOn: `${serviceMonth}-01`, assessor: 'YL-MZ-0412', note: '行走需扶助，可自行进食' },
    );
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({ raisesNeed: true, hoursPerMonth: 16, kinds: ['daily-living-care', 'health-care'] });
    needId = assessed.body.needId;
    const needs = await civil.call<{ services: { needId: string; personRef: string; hoursPerMonth: number; selfCareLevel: string }[] }>(
      'GET',
      `/households/${yueluHousehold.householdId}/needs`,
    );
    expect(needs.status).toBe(200);
    expect(needs.body.services).toEqual([expect.objectContaining({ needId, personRef, hoursPerMonth: 16, selfCareLevel: 'moderate' })]);
  });

  it('orders daily-living care from the provider, who reads its order masked', async () => {
    const order = {
      householdId: yueluHousehold.householdId,
      needId,
      provider: PROVIDER,
      serviceKind: 'daily-living-care',
      hoursPerMonth: 16,
      pricePerHourFen: 4_500,
      from: `${serviceMonth}-01`,
      to: lastDayOf(monthsBack(1)),
    };
    const placed = await as('civil-affairs').call<{ orderId: string; district: string; replayed: boolean }>('POST', '/service-orders', order);
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ district: '430104', replayed: false });
    orderId = placed.body.orderId;
    // More hours than the need gives are refused, naming the field.
    const tooMany = await as('civil-affairs').call<{ error: string; problems: { field: string }[] }>('POST', '/service-orders', {
      ...order,
      hoursPerMonth: 20,
      serviceKind: 'health-care',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.problems.map((p) => p.field)).toEqual(['hoursPerMonth']);
    // The Furong provider is registered, but not for Yuelu.
    const elsewhere = await as('civil-affairs').call<{ error: string; problems: { field: string }[] }>('POST', '/service-orders', {
      ...order,
      provider: OTHER_PROVIDER,
    });
    expect([elsewhere.status, elsewhere.body.error, elsewhere.body.problems.map((p) => p.field)]).toEqual([422, 'ServiceOrderRefused', ['provider']]);

    const own = await asPartner(platform, 'service-provider', PROVIDER).call<{ orders: Record<string, unknown>[] }>('GET', '/provider/orders');
    expect(own.status).toBe(200);
    expect(own.body.orders).toEqual([
      expect.objectContaining({ orderId, district: '430104', serviceKind: 'daily-living-care', hoursPerMonth: 16, pricePerHourFen: 4_500 }),
    ]);
    const text = JSON.stringify(own.body);
    noPersonIn(own.body);
    expect(text).not.toContain(personRef);
    expect(text).not.toContain(yueluHousehold.householdId);
  });

  it('takes the provider’s deliveries into the happiness list and the month’s statistics', async () => {
    const provider = asPartner(platform, 'service-provider', PROVIDER);
    const first = await provider.call<{ amountFen: number; monthHours: { delivered: number; ordered: number } }>(
      'POST',
      `/provider/orders/${orderId}/deliveries`,
      { deliveredOn: `${serviceMonth}-03`, hours: 2, note: '协助洗浴、整理房间' },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ amountFen: 9_000, monthHours: { delivered: 2, ordered: 16 } });
    const second = await provider.call('POST', `/provider/orders/${orderId}/deliveries`, { deliveredOn: `${serviceMonth}-10`, hours: 1.5 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ amountFen: 6_750, monthHours: { delivered: 3.5, ordered: 16 } });
    // The same report sent again gets the same answer (the idempotent request) and counts nothing more.
    const again = await provider.call('POST', `/provider/orders/${orderId}/deliveries`, { deliveredOn: `${serviceMonth}-10`, hours: 1.5 });
    expect(again).toEqual(second);
    // A different report for a day already reported is refused.
    const changed = await provider.call<{ error: string }>('POST', `/provider/orders/${orderId}/deliveries`, { deliveredOn: `${serviceMonth}-10`, hours: 2 });
    expect([changed.status, changed.body.error]).toEqual([409, 'DeliveryAlreadyReported']);
    await platform.idle();

    const civil = as('civil-affairs');
    const happiness = await civil.call<{ delivered: { by: string; what: string }[] }>('GET', `/households/${yueluHousehold.householdId}/happiness`);
    const services = happiness.body.delivered.filter((d) => d.what.includes(orderId));
    expect(services).toHaveLength(2);
    expect(services.every((d) => d.by === `provider:${PROVIDER}`)).toBe(true);
    noPersonIn(happiness.body);

    const stats = await as('supervision').call<{ servicesByKindAndDistrict: Record<string, unknown> }>('GET', `/statistics/${serviceMonth}`);
    expect(stats.status).toBe(200);
    expect(stats.body.servicesByKindAndDistrict['daily-living-care#DIST#430104']).toEqual({ serviceDeliveries: 2, serviceHours: 3.5, serviceFen: 15_750 });
  });

  it('warns civil affairs once (IND-25) for the month that ended short of its hours', async () => {
    const civil = as('civil-affairs');
    const run = await civil.call<{ sweeps: { 'service-deliveries': { ordersChecked: number; missedHours: string[] } } }>('POST', '/operations/sweeps', {
      sweeps: ['service-deliveries'],
      asOf: new Date(Date.now() - 1_000).toISOString(),
    });
    expect(run.status).toBe(200);
    expect(run.body.sweeps['service-deliveries'].ordersChecked).toBeGreaterThanOrEqual(1);
    expect(run.body.sweeps['service-deliveries'].missedHours.length).toBeGreaterThanOrEqual(1);
    noPersonIn(run.body);
    await platform.idle();

    const isMissed = (i: { warning: { indicator: { id: string }; evidence: { facts: Record<string, unknown> }[] } }) =>
      i.warning.indicator.id === 'IND-25' && i.warning.evidence[0]?.facts.orderId === orderId && i.warning.evidence[0]?.facts.month === serviceMonth;
    const item = await civil.nextWorkItem((i) => isMissed(i as never), 20_000);
    expect(item?.warning).toMatchObject({ householdId: yueluHousehold.householdId, district: '430104' });
    expect(item?.warning.evidence[0]?.facts).toMatchObject({ dueHours: 16, deliveredHours: 3.5, provider: PROVIDER });
    noPersonIn(item);

    const second = await civil.call<{ sweeps: { 'service-deliveries': { missedHours: string[] } } }>('POST', '/operations/sweeps', {
      sweeps: ['service-deliveries'],
    });
    expect(second.status).toBe(200);
    expect(second.body.sweeps['service-deliveries'].missedHours).toEqual([]);
    await platform.idle();
    expect(await civil.nextWorkItem((i) => isMissed(i as never), 3_000)).toBeUndefined();
  });

  it('keeps the order from another provider (404) and civil affairs’ routes from education (403)', async () => {
    const other = asPartner(platform, 'service-provider', OTHER_PROVIDER);
    const report = await other.call<{ error: string }>('POST', `/provider/orders/${orderId}/deliveries`, { deliveredOn: `${serviceMonth}-12`, hours: 1 });
    expect([report.status, report.body.error]).toEqual([404, 'ServiceOrderNotFound']);
    expect((await other.call<{ orders: unknown[] }>('GET', '/provider/orders')).body.orders).toEqual([]);

    const education = as('education');
    expect((await education.call('POST', `/households/${yueluHousehold.householdId}/care-assessments`, {})).status).toBe(403);
    expect((await education.call('POST', '/service-orders', {})).status).toBe(403);
    expect((await education.call('GET', '/service-orders')).status).toBe(403);
    expect((await education.call('GET', '/provider/orders')).status).toBe(403);
  });
});
