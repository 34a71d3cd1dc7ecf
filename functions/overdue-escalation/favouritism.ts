import { raiseWarnings } from '../../shared/application/raise-warnings';
import { cityDay } from '../../shared/domain/city-time';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { activeOn, concentrationPeriod, concentrations } from '../../shared/domain/favouritism';
import { approvalConcentration } from '../../shared/domain/indicators/ind-28-approval-concentration';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import { warningIdFor } from '../../shared/domain/warning';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface ConcentrationPorts {
  officers: OfficerRegister;
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

/** An officer found over the district's share, and the IND-28 warning that stands for it. */
export interface ConcentratedOfficer {
  officerId: string;
  district: string;
  approvals: number;
  districtApprovals: number;
  deciders: number;
  ratio: number;
  warningId: string;
}

/**
 * 优亲厚友 (IND-28): for each district, the approvals decided over the period up to `asOf` (each
 * district's parameters on that day), by officer (a Query of the district's month partitions of
 * decisions by officer, no Scan), against the district's registered active officers. One warning
 * per officer and period: a second run in the same period finds it raised and raises nothing.
 */
export async function flagConcentratedApprovals(
  ports: ConcentrationPorts,
  runId: string,
  asOf: Date,
): Promise<{ officers: ConcentratedOfficer[]; raised: string[] }> {
  const day = cityDay(asOf);
  const perDistrict = await Promise.all(
    DISTRICT_CODES.map(async (district) => {
      const parameters = ports.policy.valuesOn(approvalConcentration.parameters, day, district);
      const period = concentrationPeriod(day, Number(parameters['IND-28.periodDays']));
      const [decisions, registered] = await Promise.all([ports.officers.decisionsIn(district, period.from, period.to), ports.officers.ofDistrict(district)]);
      const active = registered.filter((o) => activeOn(o, day)).map((o) => o.officerId);
      const limits = { ratio: Number(parameters['IND-28.ratio']), minApprovals: Number(parameters['IND-28.minApprovals']) };
      return concentrations(decisions, active, period, limits).map((c) => ({ c, parameters, draft: approvalConcentration.evaluate(c, period.block) }));
    }),
  );
  const found = perDistrict.flat();
  const { raised } = await raiseWarnings(
    found.map(({ parameters, draft }) => ({ indicator: approvalConcentration, parameters, draft })),
    ports,
    'overdue-escalation',
    runId,
  );
  return {
    officers: found.map(({ c, draft }) => ({
      officerId: c.officerId,
      district: c.district,
      approvals: c.approvals,
      districtApprovals: c.districtApprovals,
      deciders: c.deciders,
      ratio: Math.round(c.ratio * 100) / 100,
      warningId: warningIdFor(approvalConcentration.id, draft.householdId, draft.dedupeKey),
    })),
    raised: raised.map((w) => w.warningId),
  };
}
