import { describe, expect, it } from 'vitest';
import { emptyOutcomeForm, FORM_FIELDS, OUTCOMES, type OutcomeForm, outcomeBody } from '../../console/src/components/outcome-form';
import { answerKind } from '../../shared/platform/answers/warnings';
import { fieldProblems } from '../../shared/domain/errors';
import { warningOutcome } from '../../shared/domain/outcome';

/** The form as a case worker fills it for each kind (money typed in yuan). */
const filled: Record<(typeof OUTCOMES)[number], Partial<OutcomeForm>> = {
  'assistance-ended': { programme: 'dibao-allowance', endedOn: '2026-11-30', exitReason: 'died' },
  'assistance-adjusted': { programme: 'dibao-allowance', monthlyAmountYuan: 785.5, effectiveFrom: '2026-12-01' },
  'no-action-needed': {},
  enrolled: { enrolledProgramme: 'inpatient-medical-assistance', amountYuan: 3200, periodStart: '2026-12-01', periodEnd: '2027-11-30' },
  'not-eligible': {},
  transferred: { category: 'DIBAO_EDGE', effectiveFrom: '2026-12-01', consentGivenOn: '2026-11-28', consentDocumentRef: 'TY-2026-0042' },
  'referred-to-county-coordination': {},
};

describe('the answer form builds the body the answer-warning route parses', () => {
  it('offers exactly the outcome kinds the API accepts', () => {
    expect([...OUTCOMES].sort()).toEqual([...answerKind.options].sort());
  });

  it.each(OUTCOMES)('a filled %s form parses with the route’s own schema, fen from yuan', (kind) => {
    const form = { ...emptyOutcomeForm(), outcome: kind, ...filled[kind], reason: 'checked at the household on 2026-11-25', handledBy: 'YL-MZ-0413' };
    const parsed = warningOutcome.safeParse(outcomeBody(form));
    expect(parsed.error?.issues ?? []).toEqual([]);
    if (kind === 'assistance-adjusted') expect(parsed.data).toMatchObject({ monthlyAmountFen: 78_550 });
    if (kind === 'enrolled') expect(parsed.data).toMatchObject({ amountFen: 320_000 });
    if (kind === 'transferred') expect(parsed.data).toMatchObject({ consent: { givenOn: '2026-11-28', documentRef: 'TY-2026-0042' } });
  });

  it('leaves an empty amount out, so the API names the field; every field it names has a form item', () => {
    const form = { ...emptyOutcomeForm(), outcome: 'assistance-adjusted' as const, effectiveFrom: '', reason: 'x', handledBy: '' };
    const body = outcomeBody(form);
    expect('monthlyAmountFen' in body && body.monthlyAmountFen === undefined).toBe(true);
    const parsed = warningOutcome.safeParse(body);
    const fields = fieldProblems(parsed.error!.issues, 'outcome').map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['monthlyAmountFen', 'effectiveFrom', 'reason', 'handledBy']));
    for (const field of fields) expect(FORM_FIELDS.has(field)).toBe(true);

    const transfer = {
      ...emptyOutcomeForm(),
      outcome: 'transferred' as const,
      ...filled.transferred,
      consentGivenOn: '2026-12-05',
      reason: 'agrees to near-dibao',
      handledBy: 'YL-MZ-0413',
    };
    const refused = warningOutcome.safeParse(outcomeBody(transfer));
    expect(fieldProblems(refused.error!.issues, 'outcome').map((p) => p.field)).toEqual(['consent.givenOn']);
  });
});
