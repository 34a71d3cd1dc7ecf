import type { WarningRecipient } from '../../shared/domain/departments';
import { ApiError } from '../../shared/http/api-error';
import { routeById } from '../../shared/platform/api';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface QueryPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
}

const route = routeById('read-assistance-chain');

/** 一户一条救助链: the household, its warnings and its chain in time order, with who did what. */
export async function readAssistanceChain(householdId: string, caller: WarningRecipient | undefined, ports: QueryPorts) {
  if (!caller || !route.callers.includes(caller)) {
    throw new ApiError(403, 'NotAllowed', `${caller ?? 'this caller'} may not read assistance chains`);
  }
  if (!/^[A-Z0-9][A-Z0-9-]{5,39}$/.test(householdId)) {
    throw new ApiError(400, 'InvalidHouseholdId', 'householdId must be 6-40 upper-case letters, digits or "-"', [
      { field: 'householdId', message: 'not a household number' },
    ]);
  }
  const [household, chain, warnings] = await Promise.all([
    ports.register.household(householdId),
    ports.register.chain(householdId),
    ports.warnings.listByHousehold(householdId),
  ]);
  if (!household && chain.length === 0) throw new ApiError(404, 'HouseholdNotFound', `no household ${householdId}`);
  return {
    householdId,
    household: household ?? null,
    warnings: warnings.map((w) => ({
      warningId: w.warningId,
      indicator: w.indicator.id,
      title: w.indicator.title,
      status: w.status,
      recipients: w.recipients,
      raisedAt: w.raisedAt,
      dueBy: w.dueBy,
      acknowledgedBy: w.acknowledgedBy,
      outcomes: Object.values(w.outcomes).map((o) => ({ department: o.department, outcome: o.outcome, handledBy: o.handledBy, resolvedAt: o.resolvedAt })),
    })),
    chain,
  };
}
