import { cityDay } from '../../shared/domain/city-time';
import { raiseWarnings, type DraftToRaise } from '../../shared/application/raise-warnings';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { overdueWarning } from '../../shared/domain/indicators/ind-15-overdue';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { WarningStore } from '../../shared/ports/warning-store';
import { bilingual } from '../../shared/domain/bilingual';
import { invalidInput } from '../../shared/domain/errors';
import { SWEEP_NAMES, type SweepName } from '../../shared/platform/api';
import type { SweepRun } from '../../shared/platform/answers/operations';
import { endGradualExits, flagOverdueEmergencyCases, type DeadlinePorts } from './deadlines';
import { flagConcentratedApprovals } from './favouritism';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import { checkServiceDeliveries } from './service-deliveries';
import type { ServiceAssistanceStore } from '../../shared/ports/service-assistance';

export interface EscalationPorts {
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

/** One escalation: the overdue warning, and the IND-15 warning raised to supervision about it. */
export interface Escalation {
  warningId: string;
  escalationId: string;
}

/**
 * 数字监督: every open warning past its due date is escalated to supervision once (indicator 15),
 * from each district's open-warnings index, raised together. Runs on a schedule or on demand;
 * running it twice in a row raises nothing new. Due dates are measured against `asOf` (default
 * now); what is raised is stamped with the clock.
 */
export async function escalateOverdue(
  ports: EscalationPorts,
  runId: string,
  asOf: Date = ports.now(),
): Promise<{ overdue: number; escalated: string[]; escalations: Escalation[] }> {
  const now = asOf.toISOString();
  const drafts: DraftToRaise[] = [];
  let overdue = 0;
  const byDistrict = await Promise.all(DISTRICT_CODES.map(async (district) => ({ district, warnings: await ports.warnings.overdue(district, now) })));
  for (const { district, warnings } of byDistrict) {
    const parameters = ports.policy.valuesOn(overdueWarning.parameters, cityDay(now), district);
    for (const w of warnings) {
      const draft = overdueWarning.evaluate(w, now);
      if (!draft) continue;
      overdue += 1;
      drafts.push({ indicator: overdueWarning, parameters, draft });
    }
  }
  const { raised } = await raiseWarnings(drafts, ports, 'overdue-escalation', runId);
  return {
    overdue,
    escalated: raised.map((w) => w.warningId),
    // IND-15's one piece of evidence is the overdue warning itself.
    escalations: raised.map((w) => ({ warningId: w.evidence[0]!.recordId, escalationId: w.warningId })),
  };
}

/** What a run is asked to do: which sweeps (all by default), as of when (default now). */
export interface SweepOrder {
  runId: string;
  trigger: SweepRun['trigger'];
  sweeps?: readonly SweepName[];
  asOf?: string;
}

/**
 * The hourly sweep and the one run on demand (POST /operations/sweeps): the same steps, each
 * idempotent, so a second run right after the first finds nothing more to do. The report names
 * what each step did by id (warnings, households, cases), never by person.
 */
export async function runSweeps(
  order: SweepOrder,
  ports: DeadlinePorts & { officers?: OfficerRegister; services?: ServiceAssistanceStore },
): Promise<{ report: SweepRun; subjects: string[] }> {
  const started = ports.now();
  const clock = performance.now();
  const asOf = order.asOf === undefined ? started : new Date(order.asOf);
  if (asOf.getTime() > started.getTime()) {
    throw invalidInput('InvalidSweepRequest', '截至时刻不能晚于当前时间 / asOf may not be later than now', [
      { field: 'asOf', message: bilingual(`不能晚于 ${started.toISOString()}`, `must be no later than ${started.toISOString()}`) },
    ]);
  }
  const asked = new Set<SweepName>(order.sweeps ?? SWEEP_NAMES);
  const sweeps: SweepRun['sweeps'] = {};
  if (asked.has('overdue-warnings')) {
    const r = await escalateOverdue(ports, `${order.runId}:overdue`, asOf);
    sweeps['overdue-warnings'] = { overdue: r.overdue, escalated: r.escalations.length, escalations: r.escalations };
  }
  if (asked.has('gradual-exits')) {
    const r = await endGradualExits(ports, asOf);
    sweeps['gradual-exits'] = { ended: r.exits.length, exits: r.exits };
  }
  if (asked.has('emergency-documents')) {
    const r = await flagOverdueEmergencyCases(ports, `${order.runId}:documents`, asOf);
    sweeps['emergency-documents'] = { flagged: r.flagged.length, caseIds: r.flagged };
  }
  // 优亲厚友: the officers' decisions by district (the register of officers; absent: not checked).
  if (asked.has('officer-concentration') && ports.officers) {
    const r = await flagConcentratedApprovals({ ...ports, officers: ports.officers }, `${order.runId}:concentration`, asOf);
    sweeps['officer-concentration'] = { flagged: r.officers.length, raised: r.raised.length, officers: r.officers };
  }
  // The handler always gives the service store; a run over ports without it (older tests) leaves the sweep out.
  if (asked.has('service-deliveries') && ports.services) {
    const r = await checkServiceDeliveries({ ...ports, services: ports.services }, `${order.runId}:services`, asOf);
    sweeps['service-deliveries'] = r;
  }
  const report: SweepRun = {
    runId: order.runId,
    trigger: order.trigger,
    asOf: asOf.toISOString(),
    startedAt: started.toISOString(),
    finishedAt: ports.now().toISOString(),
    durationMs: Math.round(performance.now() - clock),
    sweeps,
  };
  // Whom the run concerned, for the audit trail: the warnings escalated and the households whose allowance ended.
  const subjects = [
    ...(sweeps['overdue-warnings']?.escalations.map((e) => e.warningId) ?? []),
    ...(sweeps['gradual-exits']?.exits.map((e) => e.householdId) ?? []),
    ...(sweeps['emergency-documents']?.caseIds ?? []),
    ...(sweeps['officer-concentration']?.officers.map((o) => o.warningId) ?? []),
    ...(sweeps['service-deliveries']?.missedHours ?? []),
    ...(sweeps['service-deliveries']?.lateReports ?? []),
  ];
  return { report, subjects };
}
