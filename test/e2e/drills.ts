import { expect } from 'vitest';
import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import { deathRecord, rollEntry } from '../fixtures/people';
import type { onLocalPlatform } from './departments';

type OnPlatform = ReturnType<typeof onLocalPlatform>;

/**
 * A death warning late at once. The platform's clock is the machine's, so the warning is made late
 * by policy: civil affairs gives IND-01 no grace days in Yuelu (from yesterday to tomorrow, a
 * change like any other with its audit entry), then puts the Yuelu household on the roll and
 * health reports the grandmother's death.
 */
export async function raiseDeathWarningDueAtOnce({ platform, as }: OnPlatform): Promise<void> {
  const civil = as('civil-affairs');
  const policy = await civil.call<{ version: number }>('GET', '/policy/parameters?district=430104');
  expect(policy.status).toBe(200);
  const today = cityDay(new Date());
  const change = await civil.call('POST', '/policy/changes', {
    expectedVersion: policy.body.version,
    reason: '督办演练：岳麓区死亡预警当日到期 / supervision drill: death warnings due the same day in Yuelu',
    parameters: [
      {
        name: 'warning.deadlineDays.IND-01',
        value: 0,
        district: '430104',
        effectiveFrom: addCalendarDays(today, -1),
        effectiveTo: addCalendarDays(today, 1),
        unit: 'days',
        source: '市民政局督办通知 2026 第 7 号',
      },
    ],
  });
  expect(change.status).toBe(200);
  expect((await civil.submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
  await platform.idle();
  expect((await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
  await platform.idle();
}
