import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import { ASSISTANCE_ENDED_V1, assistanceEndedV1 } from '../../events/assistance-changed.v1';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { emergencyCaseFlagged } from '../../shared/domain/indicators/ind-18-emergency-case';
import { platformDecision } from '../../shared/domain/supervision/audit';
import type { AllowanceEnd, DueGradualExit } from '../../shared/ports/household-register';
import { flagEmergencyCases, type EmergencyPorts } from '../../shared/application/emergency-assistance';

/** An allowance ended after its gradual exit: the household, the programme, its last paid day. */
export interface EndedExit {
  householdId: string;
  programme: string;
  lastPaidDay: string;
}

/** The sweeps touch what emergency assistance does, and the register: the same ports. */
export type DeadlinePorts = EmergencyPorts;

/**
 * 渐退 ends: every allowance whose grace period is over ends the day after its last paid day.
 * The AssistanceEnded events (exit for better finances) are published before the allowances are
 * ended, so a crash in between repeats the same events (same ids and time: the consumers'
 * idempotency absorbs them) rather than losing them; once ended, an allowance leaves the index.
 * All districts' due exits are confirmed, announced and ended together. What is due is read as of
 * `asOf` (default now); what is written is stamped with the clock.
 */
export async function endGradualExits(ports: DeadlinePorts, asOf: Date = ports.now()): Promise<{ ended: string[]; exits: EndedExit[] }> {
  const nowIso = ports.now().toISOString();
  const today = cityDay(asOf);
  const due: DueGradualExit[] = (await Promise.all(DISTRICT_CODES.map((d) => ports.register.gradualExitsDue(d, today)))).flat();
  if (!due.length) return { ended: [], exits: [] };
  // The index may lag a moment: confirm on the households themselves that these exits are still due.
  const households = await ports.register.households(due.map((d) => d.householdId));
  const confirmed = due.filter((d) => {
    const a = households.get(d.householdId)?.allowances.find((x) => x.programme === d.programme);
    return a?.status === 'active' && a.gradualExitUntil === d.until;
  });
  const decisions = confirmed.map((d) => ({
    householdId: d.householdId,
    programme: d.programme,
    department: 'civil-affairs',
    decidedBy: 'gradual-exit',
    warningId: `gradual-exit:${d.householdId}:${d.programme}:${d.until}`,
    reason: `gradual exit (渐退): the grace period ended on ${d.until}`,
    // Fixed by the exit itself, so a repeat after a crash is the same event (idempotency).
    decidedAt: `${addCalendarDays(d.until, 1)}T00:00:00.000Z`,
    endedOn: d.until,
    exitReason: 'finances-improved' as const,
  }));
  if (!decisions.length) return { ended: [], exits: [] };
  await ports.events.publish(
    decisions.map((detail) => ({ source: ASSISTANCE_ENDED_V1.source, detailType: ASSISTANCE_ENDED_V1.detailType, detail: assistanceEndedV1.parse(detail) })),
  );
  const ends: AllowanceEnd[] = confirmed.map((d, i) => ({
    householdId: d.householdId,
    programme: d.programme,
    endedOn: d.until,
    entry: {
      householdId: d.householdId,
      at: nowIso,
      entryId: `${decisions[i]!.warningId}:ended`,
      kind: 'assistance-ended',
      actor: 'overdue-escalation',
      summary: `${d.programme} ended after the gradual exit (渐退): last paid ${d.until}; the household stays monitored`,
      refs: { programme: d.programme, lastPaidDay: d.until },
    },
  }));
  const done = await ports.register.endAllowances(ends);
  const ended = confirmed.filter((_, i) => done[i]);
  await ports.audit.append(
    ended.map((d) =>
      platformDecision({
        by: 'overdue-escalation',
        department: 'civil-affairs',
        at: nowIso,
        action: 'gradual-exit-ended',
        purpose: 'end an allowance after its gradual exit (渐退)',
        subjects: [d.householdId],
        details: { programme: d.programme, lastPaidDay: d.until },
      }),
    ),
  );
  return {
    ended: ended.map((d) => `${d.householdId}:${d.programme}`),
    exits: ended.map((d) => ({ householdId: d.householdId, programme: d.programme, lastPaidDay: d.until })),
  };
}

/** 急难救助: cases paid first whose documents are past due (as of `asOf`, default now) are flagged to supervision, once. */
export async function flagOverdueEmergencyCases(ports: DeadlinePorts, runId: string, asOf: Date = ports.now()): Promise<{ flagged: string[] }> {
  const today = cityDay(asOf);
  const overdue = (await Promise.all(DISTRICT_CODES.map((d) => ports.cases.overdue(d, today)))).flat();
  if (!overdue.length) return { flagged: [] };
  // Raise first (idempotent by case), then flag: the cases leave the waiting list last.
  await flagEmergencyCases(
    overdue.map((c) => ({ c, why: 'documents-overdue' as const, parameters: ports.policy.valuesOn(emergencyCaseFlagged.parameters, today, c.district) })),
    ports,
    'overdue-escalation',
    runId,
  );
  const flagged = await ports.cases.flag(overdue.map((c) => ({ caseId: c.caseId, reason: 'documents-overdue' })));
  return { flagged: overdue.filter((_, i) => flagged[i]).map((c) => c.caseId) };
}
