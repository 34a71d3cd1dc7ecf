import type { Category } from '../domain/categories';
import type { ChainEntry } from '../domain/assistance-chain';
import type { WarningOutcome } from '../domain/outcome';
import type { Warning, WarningEvidence } from '../domain/warning';

export type RecordedOutcome = WarningOutcome & { department: string; resolvedAt: string; outcomeHash: string };

export interface StoredWarning extends Warning {
  publishedAt?: string;
  pushedTo: string[];
  acknowledgedBy: string[];
  /** Each recipient answers for itself; the warning is resolved when all have. */
  outcomes: Record<string, RecordedOutcome>;
  /** Recipients whose outcome events were published. */
  outcomesPublished: string[];
}

export interface CategoryChange {
  householdId: string;
  category: Category;
  since: string;
}

export interface AllowanceChange {
  householdId: string;
  programme: string;
  change: { status: 'ended'; endedOn: string } | { monthlyAmountFen: number; effectiveFrom: string };
}

export interface WarningStore {
  /** Stores the warning and its chain entries once; 'exists' when it was already raised. */
  raise(warning: Warning, entries: readonly ChainEntry[]): Promise<'raised' | 'exists'>;
  get(warningId: string): Promise<StoredWarning | undefined>;
  /**
   * Adds evidence to an open warning (an open warning for the same household and indicator
   * absorbs new evidence instead of a second warning). 'duplicate' when that record's evidence
   * is already there, 'closed' when the warning was resolved meanwhile.
   */
  absorb(warningId: string, evidence: readonly WarningEvidence[], entries: readonly ChainEntry[]): Promise<'absorbed' | 'duplicate' | 'closed'>;
  listByHousehold(householdId: string): Promise<StoredWarning[]>;
  /** Open warnings of a district whose due date is before `now`. */
  overdue(district: string, now: string): Promise<StoredWarning[]>;
  markPublished(warningId: string, at: string): Promise<void>;
  markPushed(warningId: string, recipients: readonly string[], entries: readonly ChainEntry[]): Promise<void>;
  /** Adds recipients (a referral to county coordination) to an open warning. */
  addRecipients(warningId: string, recipients: readonly string[]): Promise<void>;
  /** Records that a recipient took the warning in hand; 'raised'/'pushed' become 'acknowledged'. */
  acknowledge(warningId: string, recipient: string, entry: ChainEntry): Promise<void>;
  /**
   * Records one recipient's outcome, changes the allowance and extends the chain in one
   * transaction; `status` is 'resolved' when this was the last recipient to answer.
   * 'conflict' when that recipient answered meanwhile or the allowance is not active.
   */
  resolve(
    warningId: string,
    outcome: RecordedOutcome,
    status: 'acknowledged' | 'resolved',
    allowanceChange: AllowanceChange | undefined,
    entries: readonly ChainEntry[],
    /** Exit with transfer: the household's new category, in the same transaction. */
    categoryChange?: CategoryChange,
  ): Promise<'resolved' | 'conflict'>;
  markOutcomePublished(warningId: string, recipient: string): Promise<void>;
}
