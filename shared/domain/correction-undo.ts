import { bilingual } from './bilingual';
import type { Category } from './categories';
import { cityDay } from './city-time';
import { COUNTY_COORDINATION } from './departments';
import type { DistrictCode } from './districts';
import { conflict } from './errors';
import type { RecordedOutcome, WarningOutcome } from './outcome';

/**
 * 纠错 what an answer did beyond the allowances on the roll, undone when the answer is corrected:
 * a grant (纳入救助) comes off the month's disclosure list and out of the `granted` count, a
 * transfer (退出转认定) puts the category back, a referral (一事一议) is withdrawn from county
 * coordination while it has not answered. Kept in the correction, so a replay redoes the same.
 */
export type AnswerUndo =
  | {
      kind: 'grant-withdrawn';
      programme: string;
      amountFen: number;
      /** The disclosure line of the grant: its month (the period's start) and source. */
      disclosureMonth: string;
      sourceId: string;
      /** The month the grant was counted in (the answer's city day). */
      grantedMonth: string;
    }
  | { kind: 'transfer-undone'; transferredTo: Category; since: string; back: { category: Category; recognisedOn: string } }
  | { kind: 'referral-withdrawn'; recipients: string[]; resolves: boolean };

/**
 * The undo of the answer in force, if it did anything beyond the allowances. Only a department's own
 * answer can be a grant, a transfer or a referral (a correction gives none of them), so the answer
 * in force of those kinds is the original. Pure; throws the refusal.
 */
export function planUndo(at: {
  warningId: string;
  department: string;
  inForce: WarningOutcome | undefined;
  /** The department's original answer (carries when it was given and what it found). */
  original: RecordedOutcome | undefined;
  /** The warning's recipients and the departments that answered it. */
  recipients: readonly string[];
  answeredBy: readonly string[];
}): AnswerUndo | undefined {
  const { inForce, original } = at;
  if (!inForce || !original || inForce.outcome !== original.outcome) return undefined;
  if (original.outcome === 'enrolled') {
    return {
      kind: 'grant-withdrawn',
      programme: original.programme,
      amountFen: original.amountFen,
      disclosureMonth: original.periodStart.slice(0, 7),
      sourceId: `${at.warningId}:${at.department}`,
      grantedMonth: cityDay(original.resolvedAt).slice(0, 7),
    };
  }
  if (original.outcome === 'transferred') {
    if (!original.priorCategory || !original.priorRecognisedOn) {
      throw conflict(
        'PriorCategoryUnknown',
        bilingual(
          '转认定前的认定类别未随反馈记录，无法恢复；请以认定决定纠错（decisions/{decisionId}/corrections）更正',
          'the category before the transfer is not on record with the answer, so it cannot be put back: correct the recognition decision instead',
        ),
      );
    }
    return {
      kind: 'transfer-undone',
      transferredTo: original.category,
      since: original.effectiveFrom,
      back: { category: original.priorCategory, recognisedOn: original.priorRecognisedOn },
    };
  }
  if (original.outcome === 'referred-to-county-coordination') {
    if (at.answeredBy.includes(COUNTY_COORDINATION)) {
      throw conflict(
        'ReferralAnswered',
        bilingual(
          '县级协调机制已答复该转办（一事一议），转办不能再撤回；如答复有误，由县级协调机制更正其答复',
          'county coordination has answered the referral, so it can no longer be withdrawn; a wrong answer is corrected by county coordination',
        ),
      );
    }
    const recipients = at.recipients.filter((r) => r !== COUNTY_COORDINATION);
    // Withdrawn, the referral no longer holds the warning open: resolved once every other recipient has answered.
    return { kind: 'referral-withdrawn', recipients, resolves: recipients.every((r) => at.answeredBy.includes(r)) };
  }
  return undefined;
}

/** One line for the chain: what the undo did. */
export function undoSummary(u: AnswerUndo, district: DistrictCode | string): string {
  switch (u.kind) {
    case 'grant-withdrawn':
      return `${u.programme} grant of ${u.amountFen} fen withdrawn (corrected): off the ${u.disclosureMonth} disclosure list of ${district}`;
    case 'transfer-undone':
      return `transfer to ${u.transferredTo} undone (corrected): recognised again as ${u.back.category} from ${u.back.recognisedOn}`;
    case 'referral-withdrawn':
      return `referral to county coordination withdrawn (corrected) before it answered`;
  }
}
