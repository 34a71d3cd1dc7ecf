import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import { ASSISTANCE_ENDED_V1, assistanceEndedV1 } from '../../events/assistance-changed.v1';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { emergencyCaseFlagged } from '../../shared/domain/indicators/household-indicators';
import { platformDecision } from '../../shared/domain/supervision/audit';
import { flagEmergencyCase, type EmergencyPorts } from '../register-update/emergency';
import { parametersOf } from '../warning-evaluation/use-case';

/** The sweeps touch what emergency assistance does, and the register: the same ports. */
export type DeadlinePorts = EmergencyPorts;

/**
 * 渐退 ends: every allowance whose grace period is over ends the day after its last paid day.
 * The AssistanceEnded event (exit for better finances) is published before the allowance is
 * ended, so a crash in between repeats the same event (same ids and time: the consumers'
 * idempotency absorbs it) rather than losing it; once ended, the allowance leaves the index.
 */
export async function endGradualExits(ports: DeadlinePorts): Promise<{ ended: string[] }> {
  const nowIso = ports.now().toISOString();
  const today = cityDay(nowIso);
  const ended: string[] = [];
  for (const district of DISTRICT_CODES) {
    for (const due of await ports.register.gradualExitsDue(district, today)) {
      // The index may lag a moment: confirm on the household itself that this exit is still due.
      const allowance = (await ports.register.household(due.householdId))?.allowances.find((a) => a.programme === due.programme);
      if (allowance?.status !== 'active' || allowance.gradualExitUntil !== due.until) continue;
      const decision = {
        householdId: due.householdId,
        programme: due.programme,
        department: 'civil-affairs',
        decidedBy: 'gradual-exit',
        warningId: `gradual-exit:${due.householdId}:${due.programme}:${due.until}`,
        reason: `gradual exit (渐退): the grace period ended on ${due.until}`,
        // Fixed by the exit itself, so a repeat after a crash is the same event (idempotency).
        decidedAt: `${addCalendarDays(due.until, 1)}T00:00:00.000Z`,
        endedOn: due.until,
        exitReason: 'finances-improved' as const,
      };
      await ports.events.publish([{ source: ASSISTANCE_ENDED_V1.source, detailType: ASSISTANCE_ENDED_V1.detailType, detail: assistanceEndedV1.parse(decision) }]);
      const done = await ports.register.endAllowance(due.householdId, due.programme, due.until, {
        householdId: due.householdId,
        at: nowIso,
        entryId: `${decision.warningId}:ended`,
        kind: 'assistance-ended',
        actor: 'overdue-escalation',
        summary: `${due.programme} ended after the gradual exit (渐退): last paid ${due.until}; the household stays monitored`,
        refs: { programme: due.programme, lastPaidDay: due.until },
      });
      if (done) {
        ended.push(`${due.householdId}:${due.programme}`);
        await ports.audit.append([
          platformDecision({ by: 'overdue-escalation', department: 'civil-affairs', at: nowIso, action: 'gradual-exit-ended', purpose: 'end an allowance after its gradual exit (渐退)', subjects: [due.householdId], details: { programme: due.programme, lastPaidDay: due.until } }),
        ]);
      }
    }
  }
  return { ended };
}

/** 急难救助: cases paid first whose documents are past due are flagged to supervision, once. */
export async function flagOverdueEmergencyCases(ports: DeadlinePorts): Promise<{ flagged: string[] }> {
  const today = cityDay(ports.now());
  const flagged: string[] = [];
  for (const district of DISTRICT_CODES) {
    const overdue = await ports.cases.overdue(district, today);
    if (!overdue.length) continue;
    const parameters = parametersOf(emergencyCaseFlagged.parameters, ports.policy, today, district);
    for (const c of overdue) {
      // Raise first (idempotent by case), then flag: the case leaves the waiting list last.
      await flagEmergencyCase(c, 'documents-overdue', parameters, ports, 'overdue-escalation');
      if (await ports.cases.flag(c.caseId, 'documents-overdue')) flagged.push(c.caseId);
    }
  }
  return { flagged };
}
