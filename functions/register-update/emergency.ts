import { z } from 'zod';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { raiseWarnings } from '../../shared/application/raise-warnings';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { emergencyCaseFlagged } from '../../shared/domain/indicators/household-indicators';
import type { PolicyBook, PolicyValue } from '../../shared/domain/policy/policy-book';
import { platformDecision } from '../../shared/domain/supervision/audit';
import { addCalendarDays } from '../../shared/domain/city-time';
import type { EmergencyCase, EmergencyCases } from '../../shared/ports/emergency-cases';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { AuditTrail } from '../../shared/ports/audit-trail';

/** The pseudonymized emergency-assistance record as it travels on the bus. */
const emergencyFacts = z.object({
  caseId: z.string(),
  stage: z.enum(['advance-paid', 'documents-confirmed', 'documents-refused']),
  personRef: z.string(),
  district: z.enum(DISTRICT_CODES),
  emergency: z.string(),
  amountFen: z.number().int(),
  on: z.string(),
  handledBy: z.string(),
});

export interface EmergencyPorts {
  register: HouseholdRegister;
  audit: AuditTrail;
  cases: EmergencyCases;
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

export type EmergencyFlag = 'advance-above-limit' | 'documents-refused' | 'documents-overdue';

/**
 * Flags a case to supervision (IND-15) and, the first time, records the platform's decision in
 * the audit trail. Raising is idempotent by case and flag, so a repeat does neither again.
 */
export async function flagEmergencyCase(c: EmergencyCase, why: EmergencyFlag, parameters: Record<string, PolicyValue>, ports: EmergencyPorts, by: string): Promise<string[]> {
  const { raised } = await raiseWarnings([{ indicator: emergencyCaseFlagged, parameters, draft: emergencyCaseFlagged.evaluate(c, why, parameters) }], ports, by);
  if (raised.length) {
    await ports.audit.append([
      platformDecision({ by, department: 'civil-affairs', at: ports.now().toISOString(), action: 'emergency-case-flagged', purpose: 'flag emergency assistance to supervision (急难救助)', subjects: [c.householdId || c.personRef], details: { caseId: c.caseId, flag: why } }),
    ]);
  }
  return raised.map((w) => w.warningId);
}

/** The documents of a case paid first arrived before the advance itself: retried until it has. */
export class EmergencyCaseNotOpenedYet extends Error {}

/**
 * A case number already used for another person: the record is not applied to the wrong case;
 * the event fails to the failure destination, whose alarm brings it to an operator.
 */
export class EmergencyCaseNumberReused extends Error {}

/**
 * 急难救助: assistance where the emergency happens, whoever the person is. The advance opens a
 * case with its documents deadline (from the policy of the day and district); an advance above
 * the small-amount limit is flagged to supervision at once. The documents' verdict closes it;
 * refused documents are flagged too. The case joins the household's chain when the person is
 * in the low-income database. Every step is idempotent: a replay finds the case as it left it.
 */
export async function recordEmergencyAssistance(event: RecordAcceptedV1, ports: EmergencyPorts): Promise<{ caseId: string; status: string; flagged: string[] }> {
  const r = emergencyFacts.parse(event.record);
  const member = (await ports.register.membershipsOf([r.personRef])).get(r.personRef);
  const householdId = member?.householdId ?? '';
  const parameters = Object.fromEntries(emergencyCaseFlagged.parameters.map((n) => [n, ports.policy.valueOn(n, r.on, r.district)]));
  const chain = async (summary: string) => {
    if (!householdId) return;
    await ports.register.appendToChains([{ householdId, at: event.acceptedAt, entryId: `${event.recordId}:emergency`, kind: 'emergency-assistance', actor: `${event.department}/${r.handledBy}`, summary, refs: { recordId: event.recordId, caseId: r.caseId } }]);
  };
  const flag = (c: EmergencyCase, why: EmergencyFlag) => flagEmergencyCase(c, why, parameters, ports, 'register-update');

  if (r.stage === 'advance-paid') {
    const limit = Number(parameters['emergency.advanceLimitFen']);
    const c: EmergencyCase = {
      caseId: r.caseId,
      personRef: r.personRef,
      district: r.district,
      householdId,
      amountFen: r.amountFen,
      paidOn: r.on,
      documentsDueBy: addCalendarDays(r.on, Number(parameters['emergency.documentsDueDays'])),
      status: 'awaiting-documents',
      flags: r.amountFen > limit ? ['advance-above-limit'] : [],
      advanceRecordId: event.recordId,
    };
    await ports.cases.open(c);
    const kept = (await ports.cases.get(r.caseId)) ?? c;
    // The same advance sent again (even in another batch) is the same case; anything else is not.
    if (kept.personRef !== c.personRef || kept.amountFen !== c.amountFen || kept.paidOn !== c.paidOn) {
      throw new EmergencyCaseNumberReused(`emergency case ${r.caseId} was opened by record ${kept.advanceRecordId} for another advance`);
    }
    await chain(`emergency assistance (急难救助): ${r.amountFen} fen paid first for ${r.emergency} in district ${r.district}; documents due by ${kept.documentsDueBy}`);
    const flagged = kept.flags.includes('advance-above-limit') ? await flag(kept, 'advance-above-limit') : [];
    return { caseId: r.caseId, status: kept.status, flagged };
  }

  const open = await ports.cases.get(r.caseId);
  if (!open) throw new EmergencyCaseNotOpenedYet(`emergency case ${r.caseId} has no advance on record yet`);
  if (open.personRef !== r.personRef) throw new EmergencyCaseNumberReused(`emergency case ${r.caseId} belongs to another person`);
  const verdict = r.stage === 'documents-confirmed' ? 'confirmed' : 'refused';
  await ports.cases.close(r.caseId, verdict, r.on);
  await chain(`emergency assistance case ${r.caseId}: documents ${verdict} on ${r.on}`);
  const flagged = verdict === 'refused' ? await flag(open, 'documents-refused') : [];
  return { caseId: r.caseId, status: verdict, flagged };
}
