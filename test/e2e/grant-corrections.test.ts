import { describe, expect, it } from 'vitest';
import type { WorkItemV1 } from '../../events/work-item.v1';
import { cityDay } from '../../shared/domain/city-time';
import { identityNumber } from '../fixtures/people';
import { onLocalPlatform } from './departments';

/**
 * 容错纠错 of a grant, end to end: medical insurance enrols an edge household in the premium
 * subsidy, then finds the income was misreported and corrects its answer to not-eligible. The
 * grant comes off the month's disclosure list, out of the month's `granted`, and the correction
 * is counted by its cause; CorrectionRecorded.v1 goes out once.
 */
const { platform, as } = onLocalPlatform();
type Stats = { totals: { assistanceGranted: number }; byDepartment: Record<string, Record<string, number>> };
type Lines = { lines: { kind: string; programme: string; amountFen: number }[] };

describe('an enrolled answer corrected to not-eligible', () => {
  const head = { identityNumber: identityNumber('430111', '1987-06-03', 64), name: '龙春梅' };
  const hh = '430111-2025-000612';
  const month = cityDay(new Date()).slice(0, 7);

  it('withdraws the grant from the disclosure list and the statistics, and counts the correction by cause', async () => {
    const roll = {
      type: 'low-income-roll-entry',
      recordId: 'MZ-YH-2025-000612',
      householdId: hh,
      district: '430111',
      category: 'DIBAO_EDGE',
      recognisedOn: '2025-12-10',
      members: [{ ...head, relationship: 'head' }],
    };
    expect((await as('civil-affairs').submit('ca-roll-yuhua-000612', [roll])).status).toBe(202);
    const item = await as('medical-insurance').nextWorkItem((i: WorkItemV1) => i.warning.indicator.id === 'IND-10' && i.warning.householdId === hh, 20_000);
    const warningId = item!.warning.warningId;
    const answer = await as('medical-insurance').answer(warningId, {
      outcome: 'enrolled',
      programme: 'premium-subsidy',
      amountFen: 20_000,
      periodStart: `${month}-01`,
      periodEnd: `${month.slice(0, 4)}-12-31`,
      reason: '边缘户个人缴费部分资助一半',
      handledBy: 'YB-YH-0031',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'resolved' } });
    await platform.idle();

    const listed = async () => (await as('civil-affairs').call<Lines>('GET', `/disclosure/${month}?district=430111`)).body.lines;
    const grants = (await listed()).filter((l) => l.kind === 'grant' && l.programme === 'premium-subsidy');
    const stats = async () => (await as('supervision').call('GET', `/statistics/${month}`)).body as Stats;
    const before = await stats();
    expect(grants.length).toBeGreaterThan(0);
    // Every event put on the bus from here on.
    const published: string[] = [];
    const putEvents = platform.eventBridge.putEvents.bind(platform.eventBridge);
    platform.eventBridge.putEvents = (entries) => {
      for (const e of entries) published.push(JSON.stringify(e));
      return putEvents(entries);
    };

    const correction = {
      outcome: { outcome: 'not-eligible', reason: '核实家庭收入高于边缘户标准', handledBy: 'YB-YH-0031' },
      cause: 'misreported-income',
      reason: '复核发现申报收入不实，撤回参保资助',
      correctedBy: 'YB-YH-0031',
    };
    const path = `/departments/medical-insurance/warnings/${encodeURIComponent(warningId)}/corrections`;
    const corrected = await as('medical-insurance').call<{ correctionId: string }>('POST', path, correction);
    expect(corrected).toMatchObject({ status: 200, body: { outcome: 'not-eligible', corrects: { outcome: 'enrolled' } } });
    const again = await as('medical-insurance').call('POST', path, correction);
    expect(again).toMatchObject({ status: 200, body: { correctionId: corrected.body.correctionId } });
    await platform.idle();

    expect((await listed()).filter((l) => l.kind === 'grant' && l.programme === 'premium-subsidy')).toHaveLength(grants.length - 1);
    const after = await stats();
    expect(after.totals.assistanceGranted).toBe(before.totals.assistanceGranted - 1);
    const corrections = (s: Stats) => s.byDepartment['medical-insurance']?.['corrections#misreported-income'] ?? 0;
    expect(corrections(after)).toBe(corrections(before) + 1);
    expect(published.filter((e) => e.includes('CorrectionRecorded.v1'))).toHaveLength(1);

    const chain = (await as('civil-affairs').chain(hh)).body as { chain: { kind: string; summary: string; refs: Record<string, string> }[] };
    const story = chain.chain.filter((e) => e.refs.warningId === warningId).map((e) => e.kind);
    expect(story.slice(-2)).toEqual(['correction', 'assistance-ended']);
    expect(chain.chain.filter((e) => e.refs.warningId === warningId).at(-1)?.summary).toContain('premium-subsidy grant of 20000 fen withdrawn');
    expect(JSON.stringify(chain)).not.toContain(head.identityNumber);
  });
});
