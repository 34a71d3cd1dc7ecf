import * as z from 'zod';
import { RECOGNITION_DECIDED_V1, recognitionDecidedV1 } from '../../events/recognition-decided.v1';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { isAllowanceCategory } from '../../shared/domain/categories';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { ALLOWANCE_PROGRAMME } from '../../shared/domain/programmes';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import { classify, type Decision, type Investigation } from '../../shared/domain/recognition/classify';
import { gradualExitEnd } from '../../shared/domain/recognition/entitlements';
import type { RollMember } from '../../shared/domain/household';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { GradualExitChange, HouseholdRegister } from '../../shared/ports/household-register';
import type { AssessmentStore } from '../../shared/ports/assessment-store';
import type { SubmissionProgress } from '../../shared/ports/submission-store';
import { recordGroupEvaluated } from '../../shared/application/submission-progress';
import { raiseWarnings } from '../../shared/application/raise-warnings';
import { relatedPartyDrafts } from '../../shared/application/related-party';
import { cityDay } from '../../shared/domain/city-time';
import type { DecisionByOfficer, OfficerAct } from '../../shared/domain/favouritism';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import type { WarningStore } from '../../shared/ports/warning-store';

const investigation = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  investigatedOn: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  members: z.array(
    z.object({
      personRef: z.string(),
      maskedIdentityNumber: z.string().optional(),
      relationship: z.string().optional(),
      age: z.number(),
      capacityToWork: z.enum(['full', 'partial', 'none']),
      disabilityGrade: z.number().optional(),
      incomes: z.array(z.object({ monthlyFen: z.number() })),
    }),
  ),
  assets: z.array(z.object({ valueFen: z.number() })),
  necessarySpending: z.array(z.object({ amountFen: z.number() })),
  legalSupporters: z.array(z.object({ ableToSupport: z.boolean() })),
});

/**
 * 渐退: a household paid as DIBAO or TEKUN whose new investigation no longer qualifies it keeps
 * its allowance through the grace period, then the scheduled sweep ends it (and offers a
 * transfer, indicator 16). It stays in the database, monitored, whatever it becomes. A later
 * investigation that qualifies it again stops the exit. Decided for a group of households at once.
 */
async function gradualExits(decided: readonly Reviewed[], ports: { register: HouseholdRegister; policy: PolicyBook }) {
  const households = await ports.register.households(decided.map((d) => d.inv.householdId));
  const start: GradualExitChange[] = [];
  const stop: GradualExitChange[] = [];
  for (const { decision, investigated, record, inv } of decided) {
    const householdId = inv.householdId;
    const household = households.get(householdId);
    if (!household || !isAllowanceCategory(household.category)) continue;
    const programme = ALLOWANCE_PROGRAMME[household.category];
    const allowance = household.allowances.find((a) => a.programme === programme && a.status === 'active');
    if (!allowance) continue;
    const base = { householdId, district: household.district, programme };
    if (decision.category && isAllowanceCategory(decision.category)) {
      // Qualifies again before the grace period ran out: the allowance simply continues.
      if (allowance.gradualExitUntil) {
        stop.push({
          ...base,
          until: allowance.gradualExitUntil,
          entry: {
            householdId,
            at: record.acceptedAt,
            entryId: `${record.recordId}:gradual-exit-stopped`,
            kind: 'gradual-exit',
            actor: 'recognition',
            summary: `gradual exit stopped: per-capita income ${decision.perCapitaMonthlyIncomeFen} fen qualifies the household as ${decision.category} again; ${programme} continues`,
            refs: { recordId: record.recordId, programme, policyVersion: String(ports.policy.version) },
          },
        });
      }
      continue;
    }
    if (allowance.gradualExitUntil) continue;
    const { lastPaidDay, graceMonths } = gradualExitEnd(investigated.investigatedOn, ports.policy, household.district);
    start.push({
      ...base,
      until: lastPaidDay,
      entry: {
        householdId,
        at: record.acceptedAt,
        entryId: `${record.recordId}:gradual-exit`,
        kind: 'gradual-exit',
        actor: 'recognition',
        summary: `gradual exit (渐退): per-capita income ${decision.perCapitaMonthlyIncomeFen} fen is no longer below the standard; ${programme} continues for ${graceMonths} month(s), last paid ${lastPaidDay}`,
        refs: { recordId: record.recordId, programme, lastPaidDay, policyVersion: String(ports.policy.version) },
      },
    });
  }
  if (stop.length) await ports.register.cancelGradualExits(stop);
  if (start.length) await ports.register.scheduleGradualExits(start);
}

/** The members as a roll names them (masked numbers), kept with the decision for a correction that enrols the household. */
function rollMembersOf(inv: z.infer<typeof investigation>): { members?: RollMember[] } {
  const members = inv.members.flatMap((m) =>
    m.maskedIdentityNumber && m.relationship ? [{ personRef: m.personRef, maskedIdentityNumber: m.maskedIdentityNumber, relationship: m.relationship }] : [],
  );
  return members.length === inv.members.length ? { members } : {};
}

const monthsBetween = (from: string, to: string) =>
  Math.max(1, (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1);

interface Reviewed {
  record: AcceptedRecord;
  inv: z.infer<typeof investigation>;
  investigated: Investigation;
  decision: Decision;
}

export interface ReviewedHousehold extends Decision {
  householdId: string;
  recordId: string;
  policyVersion: number;
}

/**
 * 一次申请、分类审核认定: decides the category of each household investigated, with the policy in
 * force on the investigation date, and records the decisions with their reasons in the chains,
 * a whole group at once, then records the group as evaluated for its submission's status.
 */
export async function reviewInvestigations(
  records: readonly AcceptedRecord[],
  groupId: string,
  ports: {
    register: HouseholdRegister;
    events: EventPublisher;
    assessments: AssessmentStore;
    policy: PolicyBook;
    now: () => Date;
    progress: SubmissionProgress;
    /** Checks against favouritism: who decided, and the officers' own households (absent: not checked). */
    officers?: OfficerRegister;
    warnings?: WarningStore;
  },
): Promise<ReviewedHousehold[]> {
  const reviewed: Reviewed[] = records.map((record) => {
    const inv = investigation.parse(record.record);
    const investigated: Investigation = {
      district: inv.district,
      investigatedOn: inv.investigatedOn,
      members: inv.members.map((m) => ({
        personRef: m.personRef,
        age: m.age,
        capacityToWork: m.capacityToWork,
        ...(m.disabilityGrade !== undefined ? { disabilityGrade: m.disabilityGrade } : {}),
        monthlyIncomeFen: m.incomes.reduce((s, i) => s + i.monthlyFen, 0),
      })),
      assetsFen: inv.assets.reduce((s, a) => s + a.valueFen, 0),
      necessarySpendingFen: inv.necessarySpending.reduce((s, x) => s + x.amountFen, 0),
      periodMonths: monthsBetween(inv.period.from, inv.period.to),
      ableLegalSupporter: inv.legalSupporters.some((l) => l.ableToSupport),
    };
    return { record, inv, investigated, decision: classify(investigated, ports.policy) };
  });
  const policyVersion = ports.policy.version;
  const decidedAt = ports.now().toISOString();
  // Kept for what-if runs (the latest investigation of each household, re-classified under proposed
  // policy) and for the household's decisions with their reasons.
  const latest = await ports.assessments.save(
    reviewed.map(({ record, inv, investigated, decision }) => ({
      householdId: inv.householdId,
      district: inv.district,
      recordId: record.recordId,
      departmentRecordId: record.departmentRecordId,
      investigation: investigated,
      category: decision.category,
      policyVersion,
      decidedAt,
      // The checks and the rows their thresholds came from: what the household is shown (认定理由).
      reviews: decision.reviews,
      perCapitaMonthlyIncomeFen: decision.perCapitaMonthlyIncomeFen,
      sources: decision.sources,
      ...rollMembersOf(inv),
    })),
  );
  await ports.register.appendToChains(
    reviewed.map(({ record, inv, decision }) => ({
      householdId: inv.householdId,
      at: record.acceptedAt,
      entryId: `${record.recordId}:decision`,
      kind: 'recognition-decision',
      actor: 'recognition',
      summary: decision.category
        ? `classified review: qualifies as ${decision.category} (per-capita income ${decision.perCapitaMonthlyIncomeFen} fen a month, policy version ${policyVersion})`
        : `classified review: qualifies for no category (per-capita income ${decision.perCapitaMonthlyIncomeFen} fen a month, policy version ${policyVersion})`,
      refs: { recordId: record.recordId, category: decision.category ?? 'none', policyVersion: String(policyVersion) },
    })),
  );
  // Only a household's latest investigation may start a gradual exit; an older one arriving late may not.
  await gradualExits(
    reviewed.filter((_, i) => latest[i]),
    ports,
  );
  await ports.events.publish(
    reviewed.map(({ record, inv, decision }) => ({
      source: RECOGNITION_DECIDED_V1.source,
      detailType: RECOGNITION_DECIDED_V1.detailType,
      detail: recognitionDecidedV1.parse({
        householdId: inv.householdId,
        district: inv.district,
        recordId: record.recordId,
        investigatedOn: inv.investigatedOn,
        category: decision.category,
        perCapitaMonthlyIncomeFen: decision.perCapitaMonthlyIncomeFen,
        reviews: decision.reviews,
        parameters: decision.parameters,
        policyVersion,
        decidedAt,
      }),
    })),
  );
  // 关系保, 优亲厚友: the officer who sent the investigation decided it (IND-27 now, IND-28 from the sweep).
  const decidedOn = cityDay(decidedAt);
  const { officers, warnings } = ports;
  const byOfficer = officers && warnings ? reviewed.filter((r) => r.record.officer) : [];
  if (officers && byOfficer.length)
    await officers.recordDecisions(
      byOfficer.map(
        ({ record, inv, decision }): DecisionByOfficer => ({
          officerId: record.officer!,
          householdId: inv.householdId,
          district: inv.district,
          recordId: record.recordId,
          decidedOn,
          approved: decision.category !== null,
          memberRefs: inv.members.map((m) => m.personRef),
        }),
      ),
    );
  const acts = byOfficer.map(
    ({ record, inv }): OfficerAct => ({
      kind: 'recognition-decision',
      officerId: record.officer!,
      householdId: inv.householdId,
      district: inv.district,
      recordId: record.recordId,
      recordType: record.recordType,
      department: record.department,
      memberRefs: inv.members.map((m) => m.personRef),
      on: decidedOn,
    }),
  );
  const drafts = officers ? await relatedPartyDrafts(acts, { officers, policy: ports.policy }) : [];
  const { landed } =
    warnings && drafts.length ? await raiseWarnings(drafts, { warnings, events: ports.events, now: ports.now }, 'recognition', groupId) : { landed: [] };
  await recordGroupEvaluated(ports.progress, 'recognition', groupId, records, landed);
  return reviewed.map(({ record, inv, decision }) => ({ ...decision, householdId: inv.householdId, recordId: record.recordId, policyVersion }));
}
