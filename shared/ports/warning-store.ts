import type { ChainEntry } from '../domain/assistance-chain';
import type { WarningOutcome } from '../domain/outcome';
import type { Warning } from '../domain/warning';

export interface StoredWarning extends Warning {
  publishedAt?: string;
  pushedTo: string[];
  outcome?: WarningOutcome & { department: string; resolvedAt: string; outcomeHash: string };
  outcomePublishedAt?: string;
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
  listByHousehold(householdId: string): Promise<StoredWarning[]>;
  markPublished(warningId: string, at: string): Promise<void>;
  markPushed(warningId: string, recipients: readonly string[], entries: readonly ChainEntry[]): Promise<void>;
  /**
   * Resolves the warning, changes the allowance and extends the chain in one transaction.
   * 'conflict' when the warning was resolved meanwhile or the allowance is not active.
   */
  resolve(
    warningId: string,
    outcome: NonNullable<StoredWarning['outcome']>,
    allowanceChange: AllowanceChange | undefined,
    entries: readonly ChainEntry[],
  ): Promise<'resolved' | 'conflict'>;
  markOutcomePublished(warningId: string, at: string): Promise<void>;
}
