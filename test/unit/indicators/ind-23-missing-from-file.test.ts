import { describe, expect, it } from 'vitest';
import { missingFromFile } from '../../../shared/domain/indicators/ind-23-missing-from-file';
import { close, expectNoPersonalData, furong, household, line, parametersOf, refOf, yuelu } from './payment-fixtures';

const parameters = parametersOf(missingFromFile);
const paidYuelu = () => household(yuelu, [yuelu.grandmother, yuelu.grandson], { monthlyAmountFen: 150_000 });
/** A second Yuelu household on the roll, whose line the file lacks. */
const neighbour = { householdId: '430104-2025-000318', district: yuelu.district };
const neighbourHousehold = (allowance: Parameters<typeof household>[2] = { monthlyAmountFen: 90_000 }) => household(neighbour, [furong.spouse], allowance);

describe('IND-23: an entitled household missing from the month’s file', () => {
  it('fires, once the file is closed and whole, for each household the roll pays and the file lacks', () => {
    const lines = [line(yuelu.grandmother, yuelu, 150_000)];
    const [draft, ...more] = missingFromFile.evaluate(
      { close: close('430104', 1, 150_000), lines, households: [paidYuelu(), neighbourHousehold()] },
      parameters,
    );
    expect(more).toEqual([]);
    expect(missingFromFile.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: neighbour.householdId,
      district: '430104',
      subjects: [refOf(furong.spouse)],
      dedupeKey: `${neighbour.householdId}:dibao-allowance:2026-11`,
    });
    expect(draft!.evidence[0]).toMatchObject({
      recordType: 'allowance-payment-file',
      facts: { month: '2026-11', lineCount: 1, monthlyAmountFen: 90_000, startDate: '2026-01-01', startGraceDays: 15 },
    });
    expectNoPersonalData(draft);
  });

  it('waits while the file has fewer lines than its close counts (batches arriving out of order)', () => {
    const households = [paidYuelu(), neighbourHousehold()];
    expect(missingFromFile.evaluate({ close: close('430104', 2, 240_000), lines: [line(yuelu.grandmother, yuelu, 150_000)], households }, parameters)).toEqual(
      [],
    );
  });

  it('looks only at the close’s district and programme, and at households owed the month', () => {
    const elsewhere = household(furong, [furong.head], { monthlyAmountFen: 180_000 });
    const ended = neighbourHousehold({ monthlyAmountFen: 90_000, status: 'ended', endedOn: '2026-10-20' });
    const lines = [line(yuelu.grandmother, yuelu, 150_000)];
    expect(missingFromFile.evaluate({ close: close('430104', 1, 150_000), lines, households: [paidYuelu(), elsewhere, ended] }, parameters)).toEqual([]);
    // The tekun file of the district says nothing of dibao households.
    const tekunClose = close('430104', 0, 0, { programme: 'tekun-support' });
    expect(missingFromFile.evaluate({ close: tekunClose, lines: [], households: [paidYuelu()] }, parameters)).toEqual([]);
  });

  it.each([
    ['2026-11-15', true], // 15 days before the month's last day: expected in this file
    ['2026-11-16', false], // later: paid with December's file
  ])('an allowance starting on %s is expected in November’s file: %s', (startDate, expected) => {
    const households = [neighbourHousehold({ monthlyAmountFen: 90_000, startDate })];
    expect(missingFromFile.evaluate({ close: close('430104', 0, 0), lines: [], households }, parameters)).toHaveLength(expected ? 1 : 0);
  });
});
