import { createHash } from 'node:crypto';
import { CORRECTION_RECORDED_V1, correctionRecordedV1 } from '../../events/correction-recorded.v1';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { bilingual } from '../../shared/domain/bilingual';
import { cityDay } from '../../shared/domain/city-time';
import { CORRECTION_CAUSE_LABELS } from '../../shared/domain/correction';
import {
  type DecisionChange,
  type DecisionCorrection,
  type DecisionInForce,
  decisionChangeSummary,
  decisionCorrectionId,
  planDecisionCorrection,
  type RecordedDecisionCorrection,
} from '../../shared/domain/correction-decision';
import type { DisclosureLine } from '../../shared/domain/disclosure';
import { conflict, invalidInput, notFound } from '../../shared/domain/errors';
import type { Household } from '../../shared/domain/household';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { RecognitionDecision } from '../../shared/domain/recognition/classify';
import type { RecognitionReader } from '../../shared/ports/assessment-store';
import type { DecisionCorrectionStore } from '../../shared/ports/decision-correction-store';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { CountedEvent, StatisticsStore } from '../../shared/ports/statistics';

export interface DecisionCorrectionPorts {
  recognition: Pick<RecognitionReader, 'decisions'>;
  corrections: DecisionCorrectionStore;
  register: Pick<HouseholdRegister, 'household'>;
  disclosure: DisclosureStore;
  statistics: StatisticsStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

export interface DecisionCorrectionReceipt {
  householdId: string;
  decisionId: string;
  correctionId: string;
  sequence: number;
  cause: string;
  /** The category in force before (the decision's, or the previous correction's; null: refused). */
  from: string | null;
  category: string | null;
  changes: DecisionChange[];
  allowances: { programme: string; status: 'active' | 'ended'; monthlyAmountFen: number; startDate: string; endedOn?: string; gradualExitUntil?: string }[];
  correctedAt: string;
  replayed: boolean;
}

/** How far back a household's decisions are looked through for the one named (the latest is the one corrected). */
const DECISIONS_LOOKED_AT = 50;

/**
 * 容错纠错 of a recognition decision: civil affairs records the result the household's latest
 * classified review should have had. The decision stays as it was; the correction is written
 * beside it with what it changes in the register (enrolment, an allowance ended or in gradual
 * exit) and the chain entries, in one transaction; then the month's disclosure list, the
 * statistics and CorrectionRecorded.v1 follow, each once (a replay finishes what a crash left).
 */
export async function correctDecision(
  input: { householdId: string; decisionId: string; correction: DecisionCorrection },
  ports: DecisionCorrectionPorts,
): Promise<DecisionCorrectionReceipt> {
  const { householdId, decisionId, correction } = input;
  if (!/^[A-Z0-9][A-Z0-9-]{5,39}$/.test(householdId)) {
    throw invalidInput('InvalidHouseholdId', bilingual('户编号须为 6–40 个大写字母、数字或 -', 'householdId must be 6-40 upper-case letters, digits or "-"'), [
      { field: 'householdId', message: bilingual('不是户编号', 'not a household number') },
    ]);
  }
  const bodyHash = createHash('sha256').update(JSON.stringify(correction)).digest('hex');
  const page = await ports.recognition.decisions(householdId, DECISIONS_LOOKED_AT);
  const decision = page.items.find((d) => d.recordId === decisionId);
  if (!decision) {
    throw notFound('DecisionNotFound', bilingual(`户 ${householdId} 没有认定决定 ${decisionId}`, `household ${householdId} has no decision ${decisionId}`));
  }
  const earlier = await ports.corrections.corrections(householdId, decisionId);
  const latest = earlier.at(-1);
  if (latest?.bodyHash === bodyHash) return finish(latest, ports, true);

  const household = await ports.register.household(householdId);
  const correctedAt = ports.now().toISOString();
  const plan = planDecisionCorrection({
    decision: inForce(decision),
    latestDecisionId: page.items[0]!.recordId,
    earlier,
    correction,
    household,
    policy: ports.policy,
    today: cityDay(correctedAt),
    correctedAt,
  });
  const sequence = earlier.length + 1;
  const recorded: RecordedDecisionCorrection = {
    ...correction,
    householdId,
    district: decision.district,
    decisionId,
    sequence,
    correctionId: decisionCorrectionId(decisionId, sequence),
    from: plan.from,
    perCapitaMonthlyIncomeFen: plan.perCapitaMonthlyIncomeFen,
    changes: plan.changes,
    correctedAt,
    bodyHash,
  };
  const result = await ports.corrections.correct({
    correction: recorded,
    ...(plan.household ? { household: plan.household } : {}),
    held: plan.held,
    ...(household ? { heldUpdatedAt: household.updatedAt } : {}),
    allowances: plan.allowances,
    entries: chainEntries(recorded, latest ? latest.correctionId : `${decisionId}:decision`),
  });
  if (result === 'conflict') {
    const meanwhile = (await ports.corrections.corrections(householdId, decisionId)).at(-1);
    if (meanwhile?.bodyHash === bodyHash) return finish(meanwhile, ports, true);
    throw conflict(
      'CorrectionChanged',
      bilingual(
        '更正期间该认定或该户在册信息已变化；请重新读取后再更正',
        'the decision or the household’s roll changed while correcting; read them again and correct again',
      ),
    );
  }
  return finish(recorded, ports, false);
}

/** What follows the write, each once: the disclosure line, the month's counts, the event on the bus. */
async function finish(c: RecordedDecisionCorrection, ports: DecisionCorrectionPorts, replayed: boolean): Promise<DecisionCorrectionReceipt> {
  const household = await ports.register.household(c.householdId);
  if (household) await ports.disclosure.put(disclosureLines(c, household));
  await ports.statistics.count(countedDecisionCorrection(c));
  if (!c.publishedAt) {
    await ports.events.publish([{ ...CORRECTION_RECORDED_V1, detail: correctionRecordedV1.parse(recordedEvent(c)) }]);
    await ports.corrections.markPublished(c, ports.now().toISOString());
  }
  const touched = new Set(c.changes.flatMap((x) => ('programme' in x ? [x.programme] : [])));
  return {
    householdId: c.householdId,
    decisionId: c.decisionId,
    correctionId: c.correctionId,
    sequence: c.sequence,
    cause: c.cause,
    from: c.from,
    category: c.category,
    changes: c.changes,
    allowances: (household?.allowances ?? [])
      .filter((a) => touched.has(a.programme))
      .map((a) => ({
        programme: a.programme,
        status: a.status,
        monthlyAmountFen: a.monthlyAmountFen,
        startDate: a.startDate,
        ...(a.endedOn ? { endedOn: a.endedOn } : {}),
        ...(a.gradualExitUntil ? { gradualExitUntil: a.gradualExitUntil } : {}),
      })),
    correctedAt: c.correctedAt,
    replayed,
  };
}

function inForce(d: RecognitionDecision): DecisionInForce {
  return {
    householdId: d.householdId,
    district: d.district,
    recordId: d.recordId,
    investigatedOn: d.investigatedOn,
    category: d.category,
    perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
    ...(d.members ? { members: d.members } : {}),
  };
}

/** 统计: the correction by cause; an enrolment is also one more grant, by programme and district. */
export function countedDecisionCorrection(c: RecordedDecisionCorrection): CountedEvent[] {
  const month = cityDay(c.correctedAt).slice(0, 7);
  const add = { corrections: 1, [`corrections#${c.cause}`]: 1 };
  return [
    {
      eventKey: `corrected:${c.correctionId}`,
      month,
      increments: [
        { dimension: 'ALL', add },
        { dimension: 'DEPT#civil-affairs', add },
      ],
    },
    ...c.changes.flatMap((x) =>
      x.kind === 'enrolled'
        ? [
            {
              eventKey: `granted:${c.correctionId}:${x.programme}`,
              month,
              increments: [
                { dimension: 'ALL', add: { granted: 1, grantedFen: x.monthlyAmountFen } },
                { dimension: `PROG#${x.programme}#DIST#${c.district}`, add: { granted: 1, grantedFen: x.monthlyAmountFen } },
              ],
            },
          ]
        : [],
    ),
  ];
}

/**
 * 公示: an allowance started by the correction is posted in its month, one line per allowance as a
 * roll entry's is (same source id); one ended or in gradual exit has its line's last day set.
 */
function disclosureLines(c: RecordedDecisionCorrection, household: Household): DisclosureLine[] {
  const head = household.members.find((m) => m.relationship === 'head') ?? household.members[0];
  return c.changes.flatMap((x): DisclosureLine[] => {
    if (x.kind !== 'enrolled' && x.kind !== 'allowance-ended' && x.kind !== 'gradual-exit') return [];
    const a = household.allowances.find((y) => y.programme === x.programme);
    if (!a) return [];
    const periodEnd = x.kind === 'allowance-ended' ? x.endedOn : x.kind === 'gradual-exit' ? x.lastPaidDay : undefined;
    return [
      {
        month: a.startDate.slice(0, 7),
        district: household.district,
        kind: 'allowance',
        sourceId: `${household.householdId}:${a.programme}:${a.startDate}`,
        maskedHeadIdentityNumber: head?.maskedIdentityNumber ?? '',
        members: household.members.length,
        category: household.category,
        programme: a.programme,
        department: 'civil-affairs',
        amountFen: a.monthlyAmountFen,
        periodStart: a.startDate,
        ...(periodEnd ? { periodEnd } : {}),
      },
    ];
  });
}

function recordedEvent(c: RecordedDecisionCorrection) {
  return {
    correctionId: c.correctionId,
    householdId: c.householdId,
    district: c.district,
    corrects: { kind: 'decision', decisionId: c.decisionId },
    department: 'civil-affairs',
    sequence: c.sequence,
    cause: c.cause,
    corrected: c.category ?? 'none',
    changes: c.changes.map((x) => ({ kind: x.kind, ...('programme' in x ? { programme: x.programme } : {}) })),
    correctedBy: c.correctedBy,
    correctedAt: c.correctedAt,
  };
}

function chainEntries(c: RecordedDecisionCorrection, corrects: string): ChainEntry[] {
  const base = { householdId: c.householdId, at: c.correctedAt, actor: `civil-affairs/${c.correctedBy}` };
  const refs = { decisionId: c.decisionId, correctionId: c.correctionId, corrects, cause: c.cause };
  const cause = CORRECTION_CAUSE_LABELS[c.cause];
  return [
    {
      ...base,
      entryId: c.correctionId,
      kind: 'correction',
      summary: `corrected the recognition decision ${c.decisionId} from ${c.from ?? 'refused'} to ${c.category ?? 'refused'} (per-capita income ${c.perCapitaMonthlyIncomeFen} fen), cause ${cause.zh} ${cause.en} — ${c.reason}`,
      refs,
    },
    // Same timestamp: entry ids sort the correction before what it did.
    ...c.changes.map((x, i) => ({ ...base, entryId: `${c.correctionId}:${i + 1}`, ...decisionChangeSummary(x), refs })),
  ];
}
