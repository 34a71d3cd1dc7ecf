import type { ChainEntry } from '../domain/assistance-chain';
import type { HouseholdChange } from '../domain/household';
import type { RecordedOutcome } from '../domain/outcome';
import type { OpenWarning, StoredWarning, Warning, WarningEvidence, WarningPush } from '../domain/warning';

/** A write of the raising step: a new warning, or new evidence for an open one (吸收新证据). */
export type WarningWrite =
  | { kind: 'raise'; warning: Warning; entries: readonly ChainEntry[] }
  | { kind: 'absorb'; warningId: string; householdId: string; evidence: readonly WarningEvidence[]; entries: readonly ChainEntry[] };

/** 反馈 one recipient's answer to a warning, with everything it changes. */
export interface WarningAnswer {
  warning: StoredWarning;
  outcome: RecordedOutcome;
  /** 'resolved' when this recipient was the last to answer: the warning leaves its household's open warnings. */
  status: 'acknowledged' | 'resolved';
  household?: HouseholdChange;
  entries: readonly ChainEntry[];
}

export interface WarningStore {
  /** Each household's open warnings, one per indicator (households without any are absent). */
  openWarningsOf(householdIds: readonly string[]): Promise<Map<string, OpenWarning[]>>;
  /** The warnings that exist among `warningIds`. */
  getMany(warningIds: readonly string[]): Promise<Map<string, StoredWarning>>;
  get(warningId: string): Promise<StoredWarning | undefined>;
  /**
   * Writes new warnings (with their chain entries and their place in the household's open
   * warnings) and absorbed evidence, in as few transactions as the limits allow. A household's
   * new warnings are written together or not at all. 'conflict' for a write whose condition
   * failed: the warning exists already, another warning of its indicator opened meanwhile, the
   * evidence is there already, or the warning was resolved; read again and plan anew.
   */
  write(writes: readonly WarningWrite[], raisedBy: string): Promise<('done' | 'conflict')[]>;
  listByHousehold(householdId: string): Promise<StoredWarning[]>;
  /** Open warnings of a district whose due date is before `now`. */
  overdue(district: string, now: string): Promise<StoredWarning[]>;
  /** Which of these (warning, recipient) pairs reached the recipient already: keys `warningId|recipient`. */
  pushedAlready(pairs: readonly { warningId: string; recipient: string }[]): Promise<Set<string>>;
  /** Records that warnings reached their recipients' queues, with the chain entries that say so. */
  recordPushes(pushes: readonly WarningPush[], entries: readonly ChainEntry[]): Promise<void>;
  /** Adds recipients (a referral to county coordination) to an open warning. */
  addRecipients(warningId: string, recipients: readonly string[]): Promise<void>;
  /** Records that a recipient took the warning in hand; 'raised'/'pushed' become 'acknowledged'. */
  acknowledge(warningId: string, recipient: string, entry: ChainEntry): Promise<void>;
  /**
   * Answers a warning in one transaction: the recipient's outcome, what it changes in the
   * household and the chain entries. 'conflict' when that recipient answered meanwhile, the
   * allowance is no longer active or the household is gone.
   */
  answer(answer: WarningAnswer): Promise<'answered' | 'conflict'>;
  markOutcomePublished(warningId: string, recipient: string): Promise<void>;
  /** Whether the warnings a group (`raisedBy`) raised were all published. */
  groupPublished(raisedBy: string): Promise<boolean>;
  /** Records that the warnings a group raised were all published (one item a group, not one a warning). */
  markGroupPublished(raisedBy: string, at: string): Promise<void>;
}
