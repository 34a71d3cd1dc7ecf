import { PolicyBook, type PolicyParameter } from '../domain/policy/policy-book';
import { rowKey } from '../domain/policy/policy-change';
import type { PolicyStore } from '../ports/policy-store';

/** The rows shipped with the code, with the administrators' rows put over them by key. */
export function mergePolicyRows(shipped: readonly PolicyParameter[], changed: readonly PolicyParameter[]): PolicyParameter[] {
  const rows = new Map(shipped.map((p) => [rowKey(p), p]));
  for (const p of changed) rows.set(rowKey(p), p);
  return [...rows.values()];
}

/**
 * The policy book as in force now: read from the table and kept for `ttlMs`, so an
 * administrator's change reaches every function within that time, without a redeploy.
 */
export function policyBookLoader(store: PolicyStore, shipped: readonly PolicyParameter[], ttlMs: number, clock: () => number = Date.now) {
  let cached: { book: PolicyBook; at: number } | undefined;
  return async (): Promise<PolicyBook> => {
    if (cached && clock() - cached.at < ttlMs) return cached.book;
    cached = { book: await loadPolicyBook(store, shipped), at: clock() };
    return cached.book;
  };
}

/** The policy book in force this moment, read afresh (no cache): what a decision must be measured against. */
export async function loadPolicyBook(store: PolicyStore, shipped: readonly PolicyParameter[]): Promise<PolicyBook> {
  const { version, rows } = await store.load();
  return new PolicyBook(mergePolicyRows(shipped, rows), version);
}
