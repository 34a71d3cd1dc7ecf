import type { ParameterDiff } from '../domain/policy/policy-change';
import type { PolicyParameter } from '../domain/policy/policy-book';

/** One administrator change of the policy book, as the audit trail keeps it. */
export interface PolicyChangeEntry {
  version: number;
  changedAt: string;
  /** The verified caller (role ARN with its session name) and its department. */
  changedBy: string;
  department: string;
  reason: string;
  diffs: ParameterDiff[];
  /** SHA-256 of the request as sent: the same request sent again is recognised as a retry. */
  requestHash?: string;
}

/**
 * The policy rows administrators changed, over the rows shipped with the code, and the trail of
 * every change (参数调整留痕). Versions go up by one per change; a change names the version it
 * was made against, so two administrators cannot overwrite each other unseen.
 */
export interface PolicyStore {
  load(): Promise<{ version: number; rows: PolicyParameter[] }>;
  /** Writes the changed rows and the audit entry at once; false if the version moved meanwhile. */
  commit(expectedVersion: number, entry: PolicyChangeEntry): Promise<boolean>;
  changes(): Promise<PolicyChangeEntry[]>;
}
