import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { deathRecord, rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * 容错纠错 end to end, over HTTP with SigV4 and the SQS API: a death record ends a dibao allowance,
 * then turns out to be about someone else; civil affairs corrects its answer without blame, the
 * allowance is paid again from the day it ended, the chain keeps both, the statistics count it.
 */
const { as } = onLocalPlatform();

type Chain = {
  chain: { kind: string; entryId: string; actor: string; summary: string; refs: Record<string, string> }[];
  household: { allowances: { programme: string; status: string; monthlyAmountFen: number; endedOn?: string }[] };
  warnings: { warningId: string; indicator: string; status: string }[];
};
type Stats = { byDepartment: Record<string, Record<string, number>>; byIndicator: Record<string, Record<string, number>> };

describe('a death record about someone else: the answer corrected, the allowance restored', () => {
  const civilAffairs = () => as('civil-affairs');
  let warningId = '';
  let correctedAt = '';
  const path = () => `/departments/civil-affairs/warnings/${encodeURIComponent(warningId)}/corrections`;
  const correction = {
    outcome: { outcome: 'no-action-needed', reason: '受助人健在，死亡记录属另一人', handledBy: 'YL-MZ-0413' },
    cause: 'inaccurate-shared-data',
    reason: '卫健部门核实死亡记录身份信息匹配有误，恢复低保待遇',
    correctedBy: 'YL-MZ-0413',
  };

  it('ends the allowance on the answer to the death warning', async () => {
    expect((await civilAffairs().submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
    expect((await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
    const item = await civilAffairs().nextWorkItem((i) => i.warning.householdId === yueluHousehold.householdId && i.warning.indicator.id === 'IND-01', 20_000);
    warningId = item!.warning.warningId;

    // Nothing to correct before the answer.
    const early = await civilAffairs().call('POST', path(), correction);
    expect(early).toMatchObject({ status: 409, body: { error: 'NotAnswered' } });

    const answer = await civilAffairs().answer(warningId, {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: 'household head died on 2026-11-20',
      handledBy: 'YL-MZ-0413',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'resolved', outcome: 'assistance-ended' } });
  });

  it('refuses a correction from a department that did not answer, and one without a cause', async () => {
    const education = await as('education').call('POST', `/departments/education/warnings/${encodeURIComponent(warningId)}/corrections`, correction);
    expect(education).toMatchObject({ status: 403, body: { error: 'WarningNotRoutedToYou' } });
    const { cause: _cause, ...noCause } = correction;
    const missing = await civilAffairs().call('POST', path(), noCause);
    expect(missing).toMatchObject({ status: 400, body: { error: 'InvalidCorrection', problems: [expect.objectContaining({ field: 'cause' })] } });
  });

  it('restores the allowance from the day it ended and keeps the original answer in the chain', async () => {
    const corrected = await civilAffairs().call<{ correctionId: string; correctedAt: string; allowances: unknown[] }>('POST', path(), correction);
    expect(corrected).toMatchObject({
      status: 200,
      body: {
        warningId,
        sequence: 1,
        cause: 'inaccurate-shared-data',
        corrects: { entryId: `${warningId}:outcome:civil-affairs`, outcome: 'assistance-ended' },
        outcome: 'no-action-needed',
        allowances: [{ programme: 'dibao-allowance', status: 'active', monthlyAmountFen: yueluHousehold.monthlyAllowanceFen }],
        replayed: false,
      },
    });
    correctedAt = corrected.body.correctedAt;
    // Sent again: the same receipt, nothing written twice.
    const again = await civilAffairs().call<{ correctionId: string }>('POST', path(), correction);
    expect(again).toMatchObject({ status: 200, body: { correctionId: corrected.body.correctionId } });

    const view = (await civilAffairs().chain(yueluHousehold.householdId)).body as Chain;
    const story = view.chain.filter((e) => e.refs.warningId === warningId).map((e) => e.kind);
    expect(story).toEqual(['warning-raised', 'warning-pushed', 'outcome', 'assistance-ended', 'correction', 'assistance-restored']);
    const entry = view.chain.find((e) => e.kind === 'correction')!;
    expect(entry).toMatchObject({
      actor: 'civil-affairs/YL-MZ-0413',
      refs: { corrects: `${warningId}:outcome:civil-affairs`, cause: 'inaccurate-shared-data' },
    });
    expect(entry.summary).toContain('共享数据不准确');
    expect(view.household.allowances).toEqual([expect.objectContaining({ programme: 'dibao-allowance', status: 'active' })]);
    expect(view.household.allowances[0]!.endedOn).toBeUndefined();
    expect(view.warnings.find((w) => w.warningId === warningId)).toMatchObject({ status: 'resolved' });
    expect(JSON.stringify(view)).not.toContain(yueluHousehold.grandmother.identityNumber);
  });

  it('counts the correction once, by its cause, in the month’s statistics', async () => {
    const month = correctedAt.slice(0, 7);
    const stats = (await as('supervision').call('GET', `/statistics/${month}`)).body as Stats;
    expect(stats.byDepartment['civil-affairs']).toMatchObject({ corrections: 1, 'corrections#inaccurate-shared-data': 1 });
    expect(stats.byIndicator['IND-01']).toMatchObject({ corrections: 1, 'corrections#inaccurate-shared-data': 1 });
  });

  it('takes a further correction named by its own Idempotency-Key, and refuses one that is not', async () => {
    const adjusted = {
      outcome: {
        outcome: 'assistance-adjusted',
        programme: 'dibao-allowance',
        monthlyAmountFen: 52_000,
        effectiveFrom: '2026-12-01',
        reason: '按核实后的家庭收入重新核定',
        handledBy: 'YL-MZ-0413',
      },
      cause: 'misreported-income',
      reason: '复核发现申报收入不实，按实际收入调整',
      correctedBy: 'YL-MZ-0413',
    };
    const unnamed = await civilAffairs().call('POST', path(), adjusted);
    expect(unnamed).toMatchObject({ status: 409, body: { error: 'IdempotencyKeyReused' } });
    const named = await civilAffairs().call('POST', path(), adjusted, { 'Idempotency-Key': 'yl-correction-2026-0002' });
    expect(named).toMatchObject({
      status: 200,
      body: {
        sequence: 2,
        corrects: { entryId: `${warningId}:correction:civil-affairs:1`, outcome: 'no-action-needed' },
        allowances: [{ status: 'active', monthlyAmountFen: 52_000 }],
      },
    });
    const stats = (await as('supervision').call('GET', `/statistics/${correctedAt.slice(0, 7)}`)).body as Stats;
    expect(stats.byDepartment['civil-affairs']).toMatchObject({ corrections: 2, 'corrections#misreported-income': 1, 'corrections#inaccurate-shared-data': 1 });
  });

  it('shows the warning with its answer as given and both corrections beside it', async () => {
    const read = await civilAffairs().call<{ recipients: { department: string; outcome?: { outcome: string }; corrections?: unknown[] }[] }>(
      'GET',
      `/departments/civil-affairs/warnings/${encodeURIComponent(warningId)}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.recipients.find((r) => r.department === 'civil-affairs')).toMatchObject({
      outcome: { outcome: 'assistance-ended' },
      corrections: [
        {
          sequence: 1,
          cause: 'inaccurate-shared-data',
          causeName: '共享数据不准确 / inaccurate shared data',
          correctedBy: 'YL-MZ-0413',
          outcome: 'no-action-needed',
        },
        { sequence: 2, cause: 'misreported-income', correctedBy: 'YL-MZ-0413', outcome: 'assistance-adjusted' },
      ],
    });
  });
});
