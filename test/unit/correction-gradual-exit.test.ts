import { describe, expect, it } from 'vitest';
import { planCorrection } from '../../shared/domain/correction';
import { allowance, allowanceRewrite } from '../../shared/table/entities/household';

/**
 * An allowance in its grace period (渐退) ended by a wrong answer and restored by a correction
 * must rejoin the gradual-exit index (GSI2, EXIT#<district>): otherwise the sweep never ends it
 * and it is paid for ever.
 */
const HOUSEHOLD = '430104-2025-000317';
const inExit = { programme: 'dibao-allowance', monthlyAmountFen: 96_000, startDate: '2025-03-01', gradualExitUntil: '2027-01-31' };

describe('a correction restoring an allowance in its gradual exit', () => {
  const [restore] = planCorrection({
    department: 'civil-affairs',
    answeredBy: ['civil-affairs'],
    inForce: {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: 'household head died',
      handledBy: 'YL-MZ-0413',
    },
    corrected: { outcome: 'no-action-needed', reason: '受助人健在', handledBy: 'YL-MZ-0413' },
    allowances: [{ ...inExit, status: 'ended', endedOn: '2026-11-30' }],
  });

  it('keeps the last paid day of the grace period', () => {
    expect(restore!.to).toEqual({ ...inExit, status: 'active' });
  });

  it('writes it back into the district’s gradual-exit index, keyed as a scheduled exit is', () => {
    const [update] = allowanceRewrite(HOUSEHOLD, restore!, '430104');
    const u = (update as { Update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> } }).Update;
    const index = allowance.gradualExitIndex('430104', '2027-01-31', HOUSEHOLD, 'dibao-allowance');
    expect(u.UpdateExpression).toContain('GSI2PK = :exitPk, GSI2SK = :exitSk');
    expect(u.UpdateExpression).not.toMatch(/REMOVE.*GSI2/);
    expect(u.ExpressionAttributeValues).toMatchObject({ ':exitPk': index.GSI2PK, ':exitSk': index.GSI2SK, ':to': 'active' });
    // The same keys the sweep reads (gradualExitsDue: GSI2PK = EXIT#<district>, GSI2SK < the day).
    expect(index).toEqual({ GSI2PK: allowance.gradualExitsOf('430104'), GSI2SK: `2027-01-31#${HOUSEHOLD}#dibao-allowance` });
  });

  it('leaves an allowance restored outside any gradual exit out of the index, and takes an ended one out', () => {
    const { gradualExitUntil: _g, ...plain } = inExit;
    const [u1] = allowanceRewrite(
      HOUSEHOLD,
      { programme: 'dibao-allowance', from: { ...plain, status: 'ended', endedOn: '2026-11-30' }, to: { ...plain, status: 'active' } },
      '430104',
    );
    expect(JSON.stringify(u1)).not.toContain('GSI2');
    const [u2] = allowanceRewrite(
      HOUSEHOLD,
      { programme: 'dibao-allowance', from: { ...inExit, status: 'active' }, to: { ...inExit, status: 'ended', endedOn: '2026-12-31' } },
      '430104',
    );
    expect((u2 as { Update: { UpdateExpression: string } }).Update.UpdateExpression).toMatch(/REMOVE .*GSI2PK, GSI2SK/);
  });
});
