import type { PolicyParameter } from '../domain/policy/policy-book';
import type { PolicyChangeEntry } from '../domain/policy/policy-change';

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
