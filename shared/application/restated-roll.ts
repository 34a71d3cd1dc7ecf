import type { Allowance } from '../ports/household-register';

/**
 * A roll entry restates a household's allowances. What the platform itself decided about an
 * allowance since it started survives the restatement: an allowance that ended (grace period
 * over, moved away, a death answered) is not paid again by restating it, and a gradual exit
 * already under way keeps its last paid day. A new start date is a new allowance.
 */
export function restateAllowances(incoming: readonly Allowance[], existing: readonly Allowance[]): Allowance[] {
  return incoming.map((a) => {
    const before = existing.find((e) => e.programme === a.programme && e.startDate === a.startDate);
    if (before?.status === 'ended') return { ...a, status: 'ended', ...(before.endedOn ? { endedOn: before.endedOn } : {}) };
    if (before?.gradualExitUntil && a.status === 'active') return { ...a, gradualExitUntil: before.gradualExitUntil };
    return { ...a };
  });
}
