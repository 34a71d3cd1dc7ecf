import { z } from 'zod';
import { RECOGNITION_DECIDED_V1, recognitionDecidedV1 } from '../../events/recognition-decided.v1';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import { classify, type Decision } from '../../shared/domain/recognition/classify';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';

const investigation = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  investigatedOn: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  members: z.array(
    z.object({
      personRef: z.string(),
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

const monthsBetween = (from: string, to: string) => Math.max(1, (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1);

/**
 * 一次申请、分类审核认定: decides the category of the household investigated, with the policy in
 * force on the investigation date, and records the decision with its reasons in the chain.
 */
export async function reviewInvestigation(
  event: RecordAcceptedV1,
  ports: { register: HouseholdRegister; events: EventPublisher; policy: PolicyBook; now: () => Date },
): Promise<Decision & { householdId: string }> {
  const inv = investigation.parse(event.record);
  const decision = classify(
    {
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
    },
    ports.policy,
  );
  const decidedAt = ports.now().toISOString();
  await ports.register.appendToChains([
    {
      householdId: inv.householdId,
      at: event.acceptedAt,
      entryId: `${event.recordId}:decision`,
      kind: 'recognition-decision',
      actor: 'recognition',
      summary: decision.category
        ? `classified review: qualifies as ${decision.category} (per-capita income ${decision.perCapitaMonthlyIncomeFen} fen a month)`
        : `classified review: qualifies for no category (per-capita income ${decision.perCapitaMonthlyIncomeFen} fen a month)`,
      refs: { recordId: event.recordId, category: decision.category ?? 'none' },
    },
  ]);
  await ports.events.publish([
    {
      source: RECOGNITION_DECIDED_V1.source,
      detailType: RECOGNITION_DECIDED_V1.detailType,
      detail: recognitionDecidedV1.parse({
        householdId: inv.householdId,
        district: inv.district,
        recordId: event.recordId,
        investigatedOn: inv.investigatedOn,
        category: decision.category,
        perCapitaMonthlyIncomeFen: decision.perCapitaMonthlyIncomeFen,
        reviews: decision.reviews,
        parameters: decision.parameters,
        decidedAt,
      }),
    },
  ]);
  return { ...decision, householdId: inv.householdId };
}
