/** The outcome kinds the answer-warning route accepts (shared/domain/outcome.ts warningOutcome). */
export const OUTCOMES = [
  'assistance-ended',
  'assistance-adjusted',
  'no-action-needed',
  'enrolled',
  'not-eligible',
  'transferred',
  'referred-to-county-coordination',
] as const;
export type OutcomeKind = (typeof OUTCOMES)[number];
export const ALLOWANCES = ['dibao-allowance', 'tekun-support'] as const;
export const EXIT_REASONS = ['finances-improved', 'died', 'moved-away', 'not-eligible', 'other'] as const;
export const CATEGORIES = ['DIBAO_EDGE', 'RIGID_EXPENDITURE', 'OTHER_HARDSHIP'] as const;

/** What the answer form holds: every kind's fields, of which a body takes its kind's only. */
export interface OutcomeForm {
  outcome: OutcomeKind | '';
  programme: string;
  endedOn: string;
  exitReason: (typeof EXIT_REASONS)[number];
  monthlyAmountYuan: number | undefined;
  effectiveFrom: string;
  enrolledProgramme: string;
  amountYuan: number | undefined;
  periodStart: string;
  periodEnd: string;
  category: (typeof CATEGORIES)[number] | '';
  consentGivenOn: string;
  consentDocumentRef: string;
  reason: string;
  handledBy: string;
}

export const emptyOutcomeForm = (): OutcomeForm => ({
  outcome: '',
  programme: 'dibao-allowance',
  endedOn: '',
  exitReason: 'other',
  monthlyAmountYuan: undefined,
  effectiveFrom: '',
  enrolledProgramme: '',
  amountYuan: undefined,
  periodStart: '',
  periodEnd: '',
  category: '',
  consentGivenOn: '',
  consentDocumentRef: '',
  reason: '',
  handledBy: '',
});

/** Yuan typed, fen sent (money is kept in fen); an empty box is left out so the API names it as missing. */
const fen = (y: number | undefined | null) => (typeof y === 'number' ? Math.round(y * 100) : undefined);

/** The body of POST …/outcome for the form's kind, with that kind's fields only (the schema is strict). */
export function outcomeBody(form: OutcomeForm): Record<string, unknown> {
  const common = { reason: form.reason, handledBy: form.handledBy };
  switch (form.outcome) {
    case 'assistance-ended':
      return { outcome: form.outcome, programme: form.programme, endedOn: form.endedOn, exitReason: form.exitReason, ...common };
    case 'assistance-adjusted':
      return { outcome: form.outcome, programme: form.programme, monthlyAmountFen: fen(form.monthlyAmountYuan), effectiveFrom: form.effectiveFrom, ...common };
    case 'enrolled':
      return {
        outcome: form.outcome,
        programme: form.enrolledProgramme,
        amountFen: fen(form.amountYuan),
        periodStart: form.periodStart,
        periodEnd: form.periodEnd,
        ...common,
      };
    case 'transferred':
      return {
        outcome: form.outcome,
        category: form.category,
        effectiveFrom: form.effectiveFrom,
        consent: { givenOn: form.consentGivenOn, documentRef: form.consentDocumentRef },
        ...common,
      };
    default:
      return { outcome: form.outcome, ...common };
  }
}

/** The API's field paths that a form item shows; a problem naming another goes in the alert. */
export const FORM_FIELDS: ReadonlySet<string> = new Set([
  'outcome',
  'programme',
  'endedOn',
  'exitReason',
  'monthlyAmountFen',
  'effectiveFrom',
  'amountFen',
  'periodStart',
  'periodEnd',
  'category',
  'consent',
  'consent.givenOn',
  'consent.documentRef',
  'reason',
  'handledBy',
]);
