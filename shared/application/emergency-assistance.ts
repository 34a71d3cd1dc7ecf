import * as z from 'zod';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { raiseWarnings, type DraftToRaise } from './raise-warnings';
import type { ChainEntry } from '../domain/assistance-chain';
import { DISTRICT_CODES } from '../domain/districts';
import { emergencyCaseFlagged } from '../domain/indicators/ind-18-emergency-case';
import type { PolicyBook, PolicyValue } from '../domain/policy/policy-book';
import { platformDecision } from '../domain/supervision/audit';
import { addCalendarDays } from '../domain/city-time';
import type { EmergencyCase } from '../domain/emergency-case';
import type { EmergencyCases } from '../ports/emergency-cases';
import type { EventPublisher } from '../ports/event-publisher';
import type { HouseholdRegister } from '../ports/household-register';
import type { WarningStore } from '../ports/warning-store';
import type { AuditTrail } from '../ports/audit-trail';

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

/** A case to flag to supervision, and why. */
export interface CaseFlag {
  c: EmergencyCase;
  why: EmergencyFlag;
  parameters: Record<string, PolicyValue>;
}

/**
 * Flags cases to supervision (IND-18) and, the first time, records the platform's decision in
 * the audit trail. Raising is idempotent by case and flag, so a repeat does neither again.
 */
export async function flagEmergencyCases(flags: readonly CaseFlag[], ports: EmergencyPorts, by: string, raisedBy: string): Promise<string[]> {
  if (!flags.length) return [];
  const drafts: DraftToRaise[] = flags.map(({ c, why, parameters }) => ({
    indicator: emergencyCaseFlagged,
    parameters,
    draft: emergencyCaseFlagged.evaluate(c, why, parameters),
  }));
  const { raised } = await raiseWarnings(drafts, ports, by, raisedBy);
  const at = ports.now().toISOString();
  const newly = new Set(raised.map((w) => w.evidence[0]?.facts.caseId));
  await ports.audit.append(
    flags
      .filter(({ c }) => newly.has(c.caseId))
      .map(({ c, why }) =>
        platformDecision({
          by,
          department: 'civil-affairs',
          at,
          action: 'emergency-case-flagged',
          purpose: 'flag emergency assistance to supervision (急难救助)',
          subjects: [c.householdId || c.personRef],
          details: { caseId: c.caseId, flag: why },
        }),
      ),
  );
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
 * A group is handled together; a record that cannot be applied (its case number reused, its
 * documents ahead of the advance) fails the group after the others are done, naming it.
 */
export async function recordEmergencyAssistance(
  records: readonly AcceptedRecord[],
  groupId: string,
  ports: EmergencyPorts,
): Promise<{ cases: number; flagged: string[] }> {
  const items = records.map((record) => ({ record, r: emergencyFacts.parse(record.record) }));
  const members = await ports.register.membershipsOf(items.map((i) => i.r.personRef));
  const problems: Error[] = [];
  const chain: ChainEntry[] = [];
  const flags: CaseFlag[] = [];
  const parametersOf = (r: z.infer<typeof emergencyFacts>) => ports.policy.valuesOn(emergencyCaseFlagged.parameters, r.on, r.district);
  const entry = (record: AcceptedRecord, householdId: string, caseId: string, summary: string): ChainEntry => ({
    householdId,
    at: record.acceptedAt,
    entryId: `${record.recordId}:emergency`,
    kind: 'emergency-assistance',
    actor: `${record.department}/${emergencyFacts.parse(record.record).handledBy}`,
    summary,
    refs: { recordId: record.recordId, caseId },
  });

  // Advances first: documents in the same group then find their case.
  const advances = items.filter((i) => i.r.stage === 'advance-paid');
  const opening = advances.map(({ record, r }): EmergencyCase => {
    const parameters = parametersOf(r);
    return {
      caseId: r.caseId,
      personRef: r.personRef,
      district: r.district,
      householdId: members.get(r.personRef)?.householdId ?? '',
      amountFen: r.amountFen,
      paidOn: r.on,
      documentsDueBy: addCalendarDays(r.on, Number(parameters['emergency.documentsDueDays'])),
      status: 'awaiting-documents',
      flags: r.amountFen > Number(parameters['emergency.advanceLimitFen']) ? ['advance-above-limit'] : [],
      advanceRecordId: record.recordId,
    };
  });
  if (opening.length) await ports.cases.open(opening);
  const kept = await ports.cases.getMany(items.map((i) => i.r.caseId));
  advances.forEach(({ record, r }, i) => {
    const c = kept.get(r.caseId) ?? opening[i]!;
    const asked = opening[i]!;
    // The same advance sent again (even in another batch) is the same case; anything else is not.
    if (c.personRef !== asked.personRef || c.amountFen !== asked.amountFen || c.paidOn !== asked.paidOn) {
      problems.push(
        new EmergencyCaseNumberReused(`emergency case ${r.caseId} was opened by record ${c.advanceRecordId} for another advance (record ${record.recordId})`),
      );
      return;
    }
    if (c.householdId)
      chain.push(
        entry(
          record,
          c.householdId,
          r.caseId,
          `emergency assistance (急难救助): ${r.amountFen} fen paid first for ${r.emergency} in district ${r.district}; documents due by ${c.documentsDueBy}`,
        ),
      );
    if (c.flags.includes('advance-above-limit')) flags.push({ c, why: 'advance-above-limit', parameters: parametersOf(r) });
  });

  const verdicts = items.filter((i) => i.r.stage !== 'advance-paid');
  const closing: { caseId: string; status: 'confirmed' | 'refused'; on: string }[] = [];
  for (const { record, r } of verdicts) {
    const open = kept.get(r.caseId);
    if (!open) {
      problems.push(new EmergencyCaseNotOpenedYet(`emergency case ${r.caseId} has no advance on record yet (record ${record.recordId})`));
      continue;
    }
    if (open.personRef !== r.personRef) {
      problems.push(new EmergencyCaseNumberReused(`emergency case ${r.caseId} belongs to another person (record ${record.recordId})`));
      continue;
    }
    const verdict = r.stage === 'documents-confirmed' ? 'confirmed' : 'refused';
    closing.push({ caseId: r.caseId, status: verdict, on: r.on });
    if (open.householdId) chain.push(entry(record, open.householdId, r.caseId, `emergency assistance case ${r.caseId}: documents ${verdict} on ${r.on}`));
    if (verdict === 'refused') flags.push({ c: open, why: 'documents-refused', parameters: parametersOf(r) });
  }
  if (closing.length) await ports.cases.close(closing);
  if (chain.length) await ports.register.appendToChains(chain);
  const flagged = await flagEmergencyCases(flags, ports, 'register-update', groupId);
  if (problems.length) throw problems.length === 1 ? problems[0]! : new AggregateError(problems, problems.map((p) => p.message).join('; '));
  return { cases: items.length, flagged };
}
