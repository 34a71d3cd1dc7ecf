import { createHash } from 'node:crypto';
import {
  ASSISTANCE_ADJUSTED_V1,
  ASSISTANCE_ENDED_V1,
  ASSISTANCE_GRANTED_V1,
  assistanceAdjustedV1,
  assistanceEndedV1,
  assistanceGrantedV1,
} from '../../events/assistance-changed.v1';
import { WARNING_REFERRED_V1, warningReferredV1 } from '../../events/warning-referred.v1';
import { WARNING_RESOLVED_V1, warningResolvedV1 } from '../../events/warning-resolved.v1';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { COUNTY_COORDINATION, type WarningRecipient } from '../../shared/domain/departments';
import { exitWithTransfer } from '../../shared/domain/indicators/ind-16-exit-with-transfer';
import type { WarningOutcome } from '../../shared/domain/outcome';
import { isAllowanceProgramme, programme } from '../../shared/domain/programmes';
import { bilingual } from '../../shared/domain/bilingual';
import { conflict, notAllowed, notFound, ruleBroken } from '../../shared/domain/errors';
import type { EventPublisher, PlatformEvent } from '../../shared/ports/event-publisher';
import type { Allowance, HouseholdChange } from '../../shared/domain/household';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import type { RecordedOutcome } from '../../shared/domain/outcome';
import type { StoredWarning } from '../../shared/domain/warning';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface AnswerWarningInput {
  /** The department answering, which the API has checked is the caller and the one in the URL. */
  department: WarningRecipient;
  warningId: string;
  /** The answer as the API parsed it (shared/domain/outcome.ts). */
  outcome: WarningOutcome;
}

export interface FeedbackPorts {
  warnings: WarningStore;
  register: HouseholdRegister;
  disclosure: DisclosureStore;
  events: EventPublisher;
  now: () => Date;
}

export interface AnswerReceipt {
  warningId: string;
  status: 'acknowledged' | 'resolved';
  outcome: string;
  resolvedAt: string;
  replayed: boolean;
}

/**
 * 反馈: a department answers a warning routed to it. Each recipient answers for itself; the
 * warning is resolved when every recipient has. The outcome, what it changes in the household
 * and the chain entries are written in one transaction; the same answer sent twice changes nothing.
 */
export async function answerWarning(input: AnswerWarningInput, ports: FeedbackPorts): Promise<AnswerReceipt> {
  const { department, outcome } = input;
  const outcomeHash = createHash('sha256').update(JSON.stringify(outcome)).digest('hex');
  const warning = await routedWarning(input.warningId, department, ports.warnings);

  const existing = warning.outcomes[department];
  if (existing) return replay(warning, existing, outcomeHash, ports);

  const kind = kindOf(outcome);
  const found: Found = {};
  const household = await kind.check?.(outcome, { warning, department, register: ports.register, keep: (f) => Object.assign(found, f) });
  const resolvedAt = ports.now().toISOString();
  const prior = outcome.outcome === 'assistance-adjusted' ? await priorAmount(outcome.programme, warning.householdId, ports.register) : undefined;
  const recorded: RecordedOutcome = {
    ...outcome,
    department,
    resolvedAt,
    outcomeHash,
    ...(prior !== undefined ? { priorMonthlyAmountFen: prior } : {}),
    ...found,
  };
  const othersOpen = warning.recipients.filter((r) => r !== department && !warning.outcomes[r]);
  const status = kind.keepsOpen || othersOpen.length > 0 ? 'acknowledged' : 'resolved';

  const result = await ports.warnings.answer({
    warning,
    outcome: recorded,
    status,
    ...(household ? { household } : {}),
    entries: chainEntries(warning, recorded),
  });
  if (result === 'conflict') {
    const now = await ports.warnings.get(warning.warningId);
    const meanwhile = now?.outcomes[department];
    if (meanwhile) return replay(now, meanwhile, outcomeHash, ports);
    throw conflict(
      'AllowanceChanged',
      bilingual('反馈期间该户救助待遇已变化；请重新读取救助链后再反馈', 'the household allowance changed while answering; read the chain and answer again'),
    );
  }
  await followUp(warning, recorded, ports);
  return { warningId: warning.warningId, status, outcome: outcome.outcome, resolvedAt, replayed: false };
}

/** 签收: a department records that it has taken the warning in hand. */
export async function acknowledgeWarning(input: Omit<AnswerWarningInput, 'outcome'>, ports: Pick<FeedbackPorts, 'warnings' | 'now'>) {
  const { department } = input;
  const warning = await routedWarning(input.warningId, department, ports.warnings);
  const at = ports.now().toISOString();
  await ports.warnings.acknowledge(warning.warningId, department, {
    householdId: warning.householdId,
    at,
    entryId: `${warning.warningId}:acknowledged:${department}`,
    kind: 'warning-acknowledged',
    actor: department,
    summary: `${department} took warning ${warning.warningId} (${warning.indicator.id}) in hand`,
    refs: { warningId: warning.warningId },
  });
  const after = await ports.warnings.get(warning.warningId);
  return { warningId: warning.warningId, status: after?.status ?? warning.status, acknowledgedBy: after?.acknowledgedBy ?? [department] };
}

async function routedWarning(warningId: string, department: string, warnings: WarningStore): Promise<StoredWarning> {
  const warning = await warnings.get(warningId);
  if (!warning) throw notFound('WarningNotFound', bilingual(`没有预警 ${warningId}`, `no warning ${warningId}`));
  if (!warning.pushedTo.includes(department)) {
    throw notAllowed('WarningNotRoutedToYou', bilingual(`预警 ${warningId} 未推送给 ${department}`, `warning ${warningId} was not routed to ${department}`));
  }
  // Pushed, then taken off by a correction (a referral to county coordination withdrawn before it answered).
  if (!(warning.recipients as readonly string[]).includes(department)) {
    throw conflict(
      'ReferralWithdrawn',
      bilingual(
        `预警 ${warningId} 对 ${department} 的转办已被纠错撤回，无需再反馈`,
        `the referral of warning ${warningId} to ${department} was withdrawn by a correction; no answer is needed`,
      ),
    );
  }
  return warning;
}

async function replay(warning: StoredWarning, existing: RecordedOutcome, outcomeHash: string, ports: FeedbackPorts): Promise<AnswerReceipt> {
  if (existing.outcomeHash !== outcomeHash) {
    throw conflict(
      'AlreadyAnswered',
      bilingual(
        `预警 ${warning.warningId} 已由 ${existing.department} 反馈为 ${existing.outcome}`,
        `warning ${warning.warningId} was already answered by ${existing.department} with ${existing.outcome}`,
      ),
    );
  }
  // A retry after a crash finishes what the first answer started.
  await followUp(warning, existing, ports);
  const status = warning.status === 'resolved' ? 'resolved' : 'acknowledged';
  return { warningId: warning.warningId, status, outcome: existing.outcome, resolvedAt: existing.resolvedAt, replayed: true };
}

/** What follows a recorded answer, the first time and again on a retry after a crash: each step is idempotent. */
async function followUp(warning: StoredWarning, outcome: RecordedOutcome, ports: FeedbackPorts): Promise<void> {
  await kindOf(outcome).follow?.(outcome, warning, ports);
  if (!warning.outcomesPublished.includes(outcome.department)) await publishOutcome(warning, outcome, ports);
}

type Kind = WarningOutcome['outcome'];
type Answer<K extends Kind> = Extract<RecordedOutcome, { outcome: K }>;
type Decision = { householdId: string; department: string; decidedBy: string; warningId: string; reason: string; decidedAt: string };

/** What a check found in the household that the answer keeps, so a correction can undo it. */
type Found = Pick<RecordedOutcome, 'priorCategory' | 'priorRecognisedOn'>;

/**
 * What each kind of answer (反馈处置结果) does beyond what every answer does (its chain entry,
 * WarningResolved.v1): one row a kind, so a kind is read, and added, in one place.
 */
interface OutcomeKind<K extends Kind> {
  /** Refuses an answer that does not fit the warning or the household; says what it changes in the household. */
  check?(
    outcome: Extract<WarningOutcome, { outcome: K }>,
    at: { warning: StoredWarning; department: WarningRecipient; register: HouseholdRegister; keep: (found: Found) => void },
  ): HouseholdChange | undefined | Promise<HouseholdChange | undefined>;
  /** The warning stays open for someone else to answer (county coordination) rather than being resolved by this answer. */
  keepsOpen?: true;
  /** The chain entry for what the answer changed, after the answer's own. */
  change?(outcome: Answer<K>): { kind: ChainEntry['kind']; summary: string };
  /** The event that announces the change. */
  event?(outcome: Answer<K>, warning: StoredWarning, decision: Decision): PlatformEvent;
  /** What follows once it is recorded (idempotent: a retry runs it again). */
  follow?(outcome: Answer<K>, warning: StoredWarning, ports: FeedbackPorts): Promise<void>;
}

const OUTCOME_KINDS: { [K in Kind]: OutcomeKind<K> } = {
  'assistance-ended': {
    async check(o, at) {
      const allowance = await activeAllowance(o.programme, at);
      if (o.endedOn < allowance.startDate) {
        throw ruleBroken(
          'EndBeforeStart',
          bilingual(`终止日期早于救助起始日期（${allowance.startDate}）`, `endedOn is before the allowance started (${allowance.startDate})`),
          [{ field: 'endedOn', message: bilingual(`不得早于 ${allowance.startDate}`, `must be on or after ${allowance.startDate}`) }],
        );
      }
      return { kind: 'allowance-ended', programme: o.programme, endedOn: o.endedOn };
    },
    change: (o) => ({ kind: 'assistance-ended', summary: `${o.programme} ended on ${o.endedOn}` }),
    event: (o, _w, decision) => ({
      ...sourceOf(ASSISTANCE_ENDED_V1),
      detail: assistanceEndedV1.parse({ ...decision, programme: o.programme, endedOn: o.endedOn, exitReason: o.exitReason }),
    }),
  },
  'assistance-adjusted': {
    async check(o, at) {
      await activeAllowance(o.programme, at);
      return { kind: 'allowance-adjusted', programme: o.programme, monthlyAmountFen: o.monthlyAmountFen, effectiveFrom: o.effectiveFrom };
    },
    change: (o) => ({ kind: 'assistance-adjusted', summary: `${o.programme} set to ${o.monthlyAmountFen} fen a month from ${o.effectiveFrom}` }),
    event: (o, _w, decision) => ({
      ...sourceOf(ASSISTANCE_ADJUSTED_V1),
      detail: assistanceAdjustedV1.parse({ ...decision, programme: o.programme, monthlyAmountFen: o.monthlyAmountFen, effectiveFrom: o.effectiveFrom }),
    }),
  },
  // 纳入救助: a programme of the project list that the department runs (county coordination: any).
  enrolled: {
    check(o, { department }) {
      const known = programme(o.programme);
      if (!known)
        throw ruleBroken('UnknownProgramme', bilingual(`${o.programme} 不在项目清单中`, `${o.programme} is not in the project list`), [
          { field: 'programme', message: bilingual('见 GET /projects', 'see GET /projects') },
        ]);
      if (department !== COUNTY_COORDINATION && known.department !== department) {
        throw ruleBroken(
          'NotYourProgramme',
          bilingual(`${o.programme} 由 ${known.department} 实施，不是 ${department}`, `${o.programme} is run by ${known.department}, not ${department}`),
          [{ field: 'programme', message: bilingual(`由 ${known.department} 实施`, `run by ${known.department}`) }],
        );
      }
      return undefined;
    },
    change: (o) => ({ kind: 'assistance-granted', summary: `${o.programme}: ${o.amountFen} fen for ${o.periodStart} to ${o.periodEnd}` }),
    event: (o, w, decision) => ({
      ...sourceOf(ASSISTANCE_GRANTED_V1),
      detail: assistanceGrantedV1.parse({
        ...decision,
        district: w.district,
        programme: o.programme,
        amountFen: o.amountFen,
        periodStart: o.periodStart,
        periodEnd: o.periodEnd,
      }),
    }),
    follow: disclose,
  },
  // 退出转认定: answers an offer of transfer (IND-16), for a household no longer paid dibao or tekun.
  transferred: {
    async check(o, { warning, register, keep }) {
      if (warning.indicator.id !== exitWithTransfer.id) {
        throw ruleBroken(
          'NotATransferOffer',
          bilingual(
            `转认定只能答复 ${exitWithTransfer.id} 的转认定提示，不能答复 ${warning.indicator.id}`,
            `a transfer answers an ${exitWithTransfer.id} offer of transfer, not ${warning.indicator.id}`,
          ),
          [{ field: 'outcome', message: bilingual(`仅用于 ${exitWithTransfer.id} 预警`, `only for ${exitWithTransfer.id} warnings`) }],
        );
      }
      const household = await register.household(warning.householdId);
      const paid = household?.allowances.filter((a) => a.status === 'active' && isAllowanceProgramme(a.programme)) ?? [];
      if (!household || paid.length) {
        const programmes = paid.map((a) => a.programme).join(', ');
        throw ruleBroken(
          'StillPaid',
          bilingual(
            `${warning.householdId} 户仍在领取 ${programmes || '（无在册记录）'}`,
            `household ${warning.householdId} is still paid ${programmes || 'nothing on record'}`,
          ),
          [{ field: 'category', message: bilingual('请先终止救助待遇', 'end the allowance first') }],
        );
      }
      keep({ priorCategory: household.category, priorRecognisedOn: household.recognisedOn });
      return { kind: 'recategorised', category: o.category, since: o.effectiveFrom };
    },
    change: (o) => ({
      kind: 'transferred',
      summary: `exit with transfer: recognised as ${o.category} from ${o.effectiveFrom}, with the household's consent given on ${o.consent.givenOn} (form ${o.consent.documentRef})`,
    }),
  },
  // 一事一议: county coordination decides; the warning stays open until it answers.
  'referred-to-county-coordination': {
    keepsOpen: true,
    event: (o, w) => ({
      ...sourceOf(WARNING_REFERRED_V1),
      detail: warningReferredV1.parse({
        warningId: w.warningId,
        indicator: w.indicator,
        householdId: w.householdId,
        district: w.district,
        subjects: w.subjects,
        recipients: [COUNTY_COORDINATION],
        action: `decide case by case (一事一议): ${w.action}`,
        explanation: w.explanation,
        evidence: w.evidence,
        raisedAt: w.raisedAt,
        dueBy: w.dueBy,
        referredBy: o.department,
        referralReason: o.reason,
        referredAt: o.resolvedAt,
      }),
    }),
    follow: (_o, w, ports) => ports.warnings.addRecipients(w.warningId, [COUNTY_COORDINATION]),
  },
  'not-eligible': {},
  'no-action-needed': {},
};

/** The row of an outcome's kind (TypeScript cannot follow the kind from the key to the row: one cast, here). */
const kindOf = (outcome: WarningOutcome) => OUTCOME_KINDS[outcome.outcome] as OutcomeKind<Kind>;

/** An outcome that changes an allowance must name one the household is actually paid. */
async function activeAllowance(programmeCode: string, { warning, register }: { warning: StoredWarning; register: HouseholdRegister }): Promise<Allowance> {
  const household = await register.household(warning.householdId);
  const allowance = household?.allowances.find((a) => a.programme === programmeCode && a.status === 'active');
  if (!allowance) {
    throw ruleBroken(
      'NoSuchAllowance',
      bilingual(`${warning.householdId} 户未领取 ${programmeCode}`, `household ${warning.householdId} is not paid ${programmeCode}`),
      [{ field: 'programme', message: bilingual(`该户没有正在发放的 ${programmeCode}`, `no active ${programmeCode} for this household`) }],
    );
  }
  return allowance;
}

/** The monthly amount an adjustment replaces. */
async function priorAmount(programmeCode: string, householdId: string, register: HouseholdRegister): Promise<number | undefined> {
  const household = await register.household(householdId);
  return household?.allowances.find((a) => a.programme === programmeCode && a.status === 'active')?.monthlyAmountFen;
}

/** 公示: assistance granted, as the public may see it (masked head of household, no names). */
async function disclose(outcome: Answer<'enrolled'>, warning: StoredWarning, ports: FeedbackPorts): Promise<void> {
  const household = await ports.register.household(warning.householdId);
  if (!household) return; // a lead about someone not (yet) in the database is not posted
  const head = household.members.find((m) => m.relationship === 'head') ?? household.members[0];
  await ports.disclosure.put([
    {
      month: outcome.periodStart.slice(0, 7),
      district: household.district,
      kind: 'grant',
      sourceId: `${warning.warningId}:${outcome.department}`,
      maskedHeadIdentityNumber: head?.maskedIdentityNumber ?? '',
      members: household.members.length,
      category: household.category,
      programme: outcome.programme,
      department: outcome.department,
      amountFen: outcome.amountFen,
      periodStart: outcome.periodStart,
      periodEnd: outcome.periodEnd,
    },
  ]);
}

function chainEntries(warning: StoredWarning, outcome: RecordedOutcome): ChainEntry[] {
  const base = { householdId: warning.householdId, at: outcome.resolvedAt, actor: `${outcome.department}/${outcome.handledBy}` };
  const refs = { warningId: warning.warningId };
  // Same timestamp for all: entry ids sort the outcome before the change it caused.
  const id = `${warning.warningId}:outcome:${outcome.department}`;
  const change = kindOf(outcome).change?.(outcome);
  return [
    { ...base, entryId: id, kind: 'outcome', summary: `answered ${warning.indicator.id}: ${outcome.outcome} — ${outcome.reason}`, refs },
    ...(change ? [{ ...base, entryId: `${id}:change`, ...change, refs }] : []),
  ];
}

async function publishOutcome(warning: StoredWarning, outcome: RecordedOutcome, ports: FeedbackPorts): Promise<void> {
  const resolved: PlatformEvent = {
    ...sourceOf(WARNING_RESOLVED_V1),
    detail: warningResolvedV1.parse({
      warningId: warning.warningId,
      indicatorId: warning.indicator.id,
      householdId: warning.householdId,
      department: outcome.department,
      outcome: outcome.outcome,
      handledBy: outcome.handledBy,
      raisedAt: warning.raisedAt,
      resolvedAt: outcome.resolvedAt,
    }),
  };
  const decision: Decision = {
    householdId: warning.householdId,
    department: outcome.department,
    decidedBy: outcome.handledBy,
    warningId: warning.warningId,
    reason: outcome.reason,
    decidedAt: outcome.resolvedAt,
  };
  const announced = kindOf(outcome).event?.(outcome, warning, decision);
  await ports.events.publish(announced ? [resolved, announced] : [resolved]);
  await ports.warnings.markOutcomePublished(warning.warningId, outcome.department);
}

const sourceOf = (c: { source: string; detailType: string }) => ({ source: c.source, detailType: c.detailType });
