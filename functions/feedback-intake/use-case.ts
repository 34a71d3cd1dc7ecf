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
import { warningOutcome, type WarningOutcome } from '../../shared/domain/outcome';
import { programme } from '../../shared/domain/programmes';
import { ApiError, fieldProblems } from '../../shared/http/api-error';
import type { EventPublisher, PlatformEvent } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import type { AllowanceChange, RecordedOutcome, StoredWarning, WarningStore } from '../../shared/ports/warning-store';

export interface AnswerWarningInput {
  department: string;
  caller: WarningRecipient | undefined;
  warningId: string;
  body: string | null;
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
 * warning is resolved when every recipient has. The outcome, the allowance change and the chain
 * entries are written in one transaction; the same answer sent twice changes nothing.
 */
export async function answerWarning(input: AnswerWarningInput, ports: FeedbackPorts): Promise<AnswerReceipt> {
  const department = callerFor(input);
  const outcome = parseOutcome(input.body);
  const outcomeHash = createHash('sha256').update(JSON.stringify(outcome)).digest('hex');
  const warning = await routedWarning(input.warningId, department, ports.warnings);

  const existing = warning.outcomes[department];
  if (existing) return replay(warning, existing, outcomeHash, ports);

  checkProgramme(outcome, department);
  await checkTransfer(warning, outcome, ports.register);
  const allowanceChange = await checkAllowance(warning, outcome, ports.register);
  const resolvedAt = ports.now().toISOString();
  const recorded: RecordedOutcome = { ...outcome, department, resolvedAt, outcomeHash };
  const referral = outcome.outcome === 'referred-to-county-coordination';
  const othersOpen = warning.recipients.filter((r) => r !== department && !warning.outcomes[r]);
  const status = referral || othersOpen.length > 0 ? 'acknowledged' : 'resolved';

  const categoryChange = outcome.outcome === 'transferred' ? { householdId: warning.householdId, category: outcome.category, since: outcome.effectiveFrom } : undefined;
  const result = await ports.warnings.resolve(warning, recorded, status, allowanceChange, chainEntries(warning, recorded), categoryChange);
  if (result === 'conflict') {
    const now = await ports.warnings.get(warning.warningId);
    const meanwhile = now?.outcomes[department];
    if (meanwhile) return replay(now, meanwhile, outcomeHash, ports);
    throw new ApiError(409, 'AllowanceChanged', 'the household allowance changed while answering; read the chain and answer again');
  }
  if (referral) await ports.warnings.addRecipients(warning.warningId, [COUNTY_COORDINATION]);
  await disclose(warning, recorded, ports);
  await publishOutcome({ ...warning, status }, recorded, ports);
  return { warningId: warning.warningId, status, outcome: outcome.outcome, resolvedAt, replayed: false };
}

/** 签收: a department records that it has taken the warning in hand. */
export async function acknowledgeWarning(input: Omit<AnswerWarningInput, 'body'>, ports: Pick<FeedbackPorts, 'warnings' | 'now'>) {
  const department = callerFor(input);
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

function callerFor(input: { caller: WarningRecipient | undefined; department: string }): WarningRecipient {
  if (!input.caller) throw new ApiError(403, 'UnknownCaller', 'the caller is not a department principal of this platform');
  if (input.caller !== input.department) {
    throw new ApiError(403, 'WrongDepartment', `department ${input.caller} may not answer for ${input.department}`);
  }
  return input.caller;
}

async function routedWarning(warningId: string, department: string, warnings: WarningStore): Promise<StoredWarning> {
  const warning = await warnings.get(warningId);
  if (!warning) throw new ApiError(404, 'WarningNotFound', `no warning ${warningId}`);
  if (!warning.pushedTo.includes(department)) {
    throw new ApiError(403, 'WarningNotRoutedToYou', `warning ${warningId} was not routed to ${department}`);
  }
  return warning;
}

async function replay(warning: StoredWarning, existing: RecordedOutcome, outcomeHash: string, ports: FeedbackPorts): Promise<AnswerReceipt> {
  if (existing.outcomeHash !== outcomeHash) {
    throw new ApiError(409, 'AlreadyAnswered', `warning ${warning.warningId} was already answered by ${existing.department} with ${existing.outcome}`);
  }
  // A retry after a crash finishes what the first answer started.
  await disclose(warning, existing, ports);
  if (!warning.outcomesPublished.includes(existing.department)) await publishOutcome(warning, existing, ports);
  const status = warning.status === 'resolved' ? 'resolved' : 'acknowledged';
  return { warningId: warning.warningId, status, outcome: existing.outcome, resolvedAt: existing.resolvedAt, replayed: true };
}

function parseOutcome(body: string | null): WarningOutcome {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    throw new ApiError(400, 'MalformedJson', 'the request body must be a JSON outcome');
  }
  const parsed = warningOutcome.safeParse(json);
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, 'outcome');
    throw new ApiError(400, 'InvalidOutcome', 'the outcome is invalid', problems);
  }
  return parsed.data;
}

/** "Enrolled" names a programme of the project list that the department runs (county coordination: any). */
function checkProgramme(outcome: WarningOutcome, department: WarningRecipient): void {
  if (outcome.outcome !== 'enrolled') return;
  const known = programme(outcome.programme);
  if (!known) throw new ApiError(422, 'UnknownProgramme', `${outcome.programme} is not in the project list`, [{ field: 'programme', message: 'see GET /projects' }]);
  if (department !== COUNTY_COORDINATION && known.department !== department) {
    throw new ApiError(422, 'NotYourProgramme', `${outcome.programme} is run by ${known.department}, not ${department}`, [{ field: 'programme', message: `run by ${known.department}` }]);
  }
}

/** A transfer answers an offer of transfer (IND-16) for a household no longer paid dibao or tekun. */
async function checkTransfer(warning: StoredWarning, outcome: WarningOutcome, register: HouseholdRegister): Promise<void> {
  if (outcome.outcome !== 'transferred') return;
  if (warning.indicator.id !== 'IND-16') {
    throw new ApiError(422, 'NotATransferOffer', `a transfer answers an IND-16 offer of transfer, not ${warning.indicator.id}`, [{ field: 'outcome', message: 'only for IND-16 warnings' }]);
  }
  const household = await register.household(warning.householdId);
  const paid = household?.allowances.filter((a) => a.status === 'active' && ['dibao-allowance', 'tekun-support'].includes(a.programme)) ?? [];
  if (!household || paid.length) {
    throw new ApiError(422, 'StillPaid', `household ${warning.householdId} is still paid ${paid.map((a) => a.programme).join(', ') || 'nothing on record'}`, [{ field: 'category', message: 'end the allowance first' }]);
  }
}

/** 公示: assistance granted, as the public may see it (masked head of household, no names). */
async function disclose(warning: StoredWarning, outcome: RecordedOutcome, ports: FeedbackPorts): Promise<void> {
  if (outcome.outcome !== 'enrolled') return;
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


/** An outcome that changes an allowance must name one the household is actually paid. */
async function checkAllowance(warning: StoredWarning, outcome: WarningOutcome, register: HouseholdRegister): Promise<AllowanceChange | undefined> {
  if (outcome.outcome !== 'assistance-ended' && outcome.outcome !== 'assistance-adjusted') return undefined;
  const household = await register.household(warning.householdId);
  const allowance = household?.allowances.find((a) => a.programme === outcome.programme && a.status === 'active');
  if (!allowance) {
    throw new ApiError(422, 'NoSuchAllowance', `household ${warning.householdId} is not paid ${outcome.programme}`, [
      { field: 'programme', message: `no active ${outcome.programme} for this household` },
    ]);
  }
  if (outcome.outcome === 'assistance-ended') {
    if (outcome.endedOn < allowance.startDate) {
      throw new ApiError(422, 'EndBeforeStart', `endedOn is before the allowance started (${allowance.startDate})`, [
        { field: 'endedOn', message: `must be on or after ${allowance.startDate}` },
      ]);
    }
    return { householdId: warning.householdId, programme: outcome.programme, change: { status: 'ended', endedOn: outcome.endedOn } };
  }
  return {
    householdId: warning.householdId,
    programme: outcome.programme,
    change: { monthlyAmountFen: outcome.monthlyAmountFen, effectiveFrom: outcome.effectiveFrom },
  };
}

function chainEntries(warning: StoredWarning, outcome: RecordedOutcome): ChainEntry[] {
  const base = { householdId: warning.householdId, at: outcome.resolvedAt, actor: `${outcome.department}/${outcome.handledBy}` };
  const refs = { warningId: warning.warningId };
  // Same timestamp for all: entry ids sort the outcome before the change it caused.
  const id = `${warning.warningId}:outcome:${outcome.department}`;
  const entries: ChainEntry[] = [
    { ...base, entryId: id, kind: 'outcome', summary: `answered ${warning.indicator.id}: ${outcome.outcome} — ${outcome.reason}`, refs },
  ];
  const change = (kind: ChainEntry['kind'], summary: string) => entries.push({ ...base, entryId: `${id}:change`, kind, summary, refs });
  if (outcome.outcome === 'assistance-ended') change('assistance-ended', `${outcome.programme} ended on ${outcome.endedOn}`);
  if (outcome.outcome === 'assistance-adjusted') change('assistance-adjusted', `${outcome.programme} set to ${outcome.monthlyAmountFen} fen a month from ${outcome.effectiveFrom}`);
  if (outcome.outcome === 'enrolled') change('assistance-granted', `${outcome.programme}: ${outcome.amountFen} fen for ${outcome.periodStart} to ${outcome.periodEnd}`);
  if (outcome.outcome === 'transferred') {
    change('transferred', `exit with transfer: recognised as ${outcome.category} from ${outcome.effectiveFrom}, with the household's consent given on ${outcome.consent.givenOn} (form ${outcome.consent.documentRef})`);
  }
  return entries;
}

async function publishOutcome(warning: StoredWarning, outcome: RecordedOutcome, ports: FeedbackPorts): Promise<void> {
  const events: PlatformEvent[] = [
    {
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
    },
  ];
  const decision = {
    householdId: warning.householdId,
    department: outcome.department,
    decidedBy: outcome.handledBy,
    warningId: warning.warningId,
    reason: outcome.reason,
    decidedAt: outcome.resolvedAt,
  };
  if (outcome.outcome === 'assistance-ended') {
    events.push({ ...sourceOf(ASSISTANCE_ENDED_V1), detail: assistanceEndedV1.parse({ ...decision, programme: outcome.programme, endedOn: outcome.endedOn, exitReason: outcome.exitReason }) });
  } else if (outcome.outcome === 'assistance-adjusted') {
    events.push({
      ...sourceOf(ASSISTANCE_ADJUSTED_V1),
      detail: assistanceAdjustedV1.parse({ ...decision, programme: outcome.programme, monthlyAmountFen: outcome.monthlyAmountFen, effectiveFrom: outcome.effectiveFrom }),
    });
  } else if (outcome.outcome === 'enrolled') {
    events.push({
      ...sourceOf(ASSISTANCE_GRANTED_V1),
      detail: assistanceGrantedV1.parse({ ...decision, district: warning.district, programme: outcome.programme, amountFen: outcome.amountFen, periodStart: outcome.periodStart, periodEnd: outcome.periodEnd }),
    });
  } else if (outcome.outcome === 'referred-to-county-coordination') {
    events.push({
      ...sourceOf(WARNING_REFERRED_V1),
      detail: warningReferredV1.parse({
        warningId: warning.warningId,
        indicator: warning.indicator,
        householdId: warning.householdId,
        district: warning.district,
        subjects: warning.subjects,
        recipients: [COUNTY_COORDINATION],
        action: `decide case by case (一事一议): ${warning.action}`,
        explanation: warning.explanation,
        evidence: warning.evidence,
        raisedAt: warning.raisedAt,
        dueBy: warning.dueBy,
        referredBy: outcome.department,
        referralReason: outcome.reason,
        referredAt: outcome.resolvedAt,
      }),
    });
  }
  await ports.events.publish(events);
  await ports.warnings.markOutcomePublished(warning.warningId, outcome.department);
}

const sourceOf = (c: { source: string; detailType: string }) => ({ source: c.source, detailType: c.detailType });
