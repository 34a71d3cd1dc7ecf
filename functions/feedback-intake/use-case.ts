import { createHash } from 'node:crypto';
import { ASSISTANCE_ADJUSTED_V1, ASSISTANCE_ENDED_V1, assistanceAdjustedV1, assistanceEndedV1 } from '../../events/assistance-changed.v1';
import { WARNING_RESOLVED_V1, warningResolvedV1 } from '../../events/warning-resolved.v1';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { WarningRecipient } from '../../shared/domain/departments';
import { warningOutcome, type WarningOutcome } from '../../shared/domain/outcome';
import { ApiError, fieldPath } from '../../shared/http/api-error';
import type { PlatformEvent, EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { AllowanceChange, StoredWarning, WarningStore } from '../../shared/ports/warning-store';

export interface AnswerWarningInput {
  department: string;
  caller: WarningRecipient | undefined;
  warningId: string;
  body: string | null;
}

export interface FeedbackPorts {
  warnings: WarningStore;
  register: HouseholdRegister;
  events: EventPublisher;
  now: () => Date;
}

export interface AnswerReceipt {
  warningId: string;
  status: 'resolved';
  outcome: string;
  resolvedAt: string;
  replayed: boolean;
}

/**
 * 反馈: a department answers a warning routed to it. The outcome, the allowance change and the
 * chain entries are written in one transaction; the same answer sent twice changes nothing.
 */
export async function answerWarning(input: AnswerWarningInput, ports: FeedbackPorts): Promise<AnswerReceipt> {
  if (!input.caller) throw new ApiError(403, 'UnknownCaller', 'the caller is not a department principal of this platform');
  if (input.caller !== input.department) {
    throw new ApiError(403, 'WrongDepartment', `department ${input.caller} may not answer for ${input.department}`);
  }
  const department = input.caller;
  const outcome = parseOutcome(input.body);
  const outcomeHash = createHash('sha256').update(JSON.stringify(outcome)).digest('hex');

  const warning = await ports.warnings.get(input.warningId);
  if (!warning) throw new ApiError(404, 'WarningNotFound', `no warning ${input.warningId}`);
  if (!warning.pushedTo.includes(department)) {
    throw new ApiError(403, 'WarningNotRoutedToYou', `warning ${input.warningId} was not routed to ${department}`);
  }

  if (warning.outcome) return replay(warning, department, outcomeHash, ports);

  const allowanceChange = await checkAllowance(warning, outcome, ports.register);
  const resolvedAt = ports.now().toISOString();
  const stored = { ...outcome, department, resolvedAt, outcomeHash };
  const result = await ports.warnings.resolve(warning.warningId, stored, allowanceChange, chainEntries(warning, stored));
  if (result === 'conflict') {
    const now = await ports.warnings.get(warning.warningId);
    if (now?.outcome) return replay(now, department, outcomeHash, ports);
    throw new ApiError(409, 'AllowanceChanged', 'the household allowance changed while answering; read the chain and answer again');
  }
  const resolved: StoredWarning = { ...warning, status: 'resolved', outcome: stored };
  await publishOutcome(resolved, ports);
  return { warningId: warning.warningId, status: 'resolved', outcome: outcome.outcome, resolvedAt, replayed: false };
}

async function replay(warning: StoredWarning, department: string, outcomeHash: string, ports: FeedbackPorts): Promise<AnswerReceipt> {
  const outcome = warning.outcome!;
  if (outcome.department !== department || outcome.outcomeHash !== outcomeHash) {
    throw new ApiError(409, 'AlreadyResolved', `warning ${warning.warningId} was already resolved by ${outcome.department} with ${outcome.outcome}`);
  }
  if (!warning.outcomePublishedAt) await publishOutcome(warning, ports);
  return { warningId: warning.warningId, status: 'resolved', outcome: outcome.outcome, resolvedAt: outcome.resolvedAt, replayed: true };
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
    const problems = parsed.error.issues.map((i) => ({ field: fieldPath(i.path) || 'outcome', message: i.message }));
    throw new ApiError(400, 'InvalidOutcome', 'the outcome is invalid', problems);
  }
  return parsed.data;
}

/** An outcome that changes an allowance must name one the household is actually paid. */
async function checkAllowance(warning: StoredWarning, outcome: WarningOutcome, register: HouseholdRegister): Promise<AllowanceChange | undefined> {
  if (outcome.outcome === 'no-action-needed') return undefined;
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

function chainEntries(warning: StoredWarning, outcome: NonNullable<StoredWarning['outcome']>): ChainEntry[] {
  const base = { householdId: warning.householdId, at: outcome.resolvedAt, actor: `${outcome.department}/${outcome.handledBy}` };
  const refs = { warningId: warning.warningId };
  // Same timestamp for all: entry ids sort the outcome before the allowance change it caused.
  const entries: ChainEntry[] = [
    { ...base, entryId: `${warning.warningId}:outcome`, kind: 'outcome', summary: `answered ${warning.indicator.id}: ${outcome.outcome} — ${outcome.reason}`, refs },
  ];
  if (outcome.outcome === 'assistance-ended') {
    entries.push({ ...base, entryId: `${warning.warningId}:outcome:allowance`, kind: 'assistance-ended', summary: `${outcome.programme} ended on ${outcome.endedOn}`, refs });
  } else if (outcome.outcome === 'assistance-adjusted') {
    entries.push({
      ...base,
      entryId: `${warning.warningId}:outcome:allowance`,
      kind: 'assistance-adjusted',
      summary: `${outcome.programme} set to ${outcome.monthlyAmountFen} fen a month from ${outcome.effectiveFrom}`,
      refs,
    });
  }
  return entries;
}

async function publishOutcome(warning: StoredWarning, ports: FeedbackPorts): Promise<void> {
  const outcome = warning.outcome!;
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
    events.push({ ...sourceOf(ASSISTANCE_ENDED_V1), detail: assistanceEndedV1.parse({ ...decision, programme: outcome.programme, endedOn: outcome.endedOn }) });
  } else if (outcome.outcome === 'assistance-adjusted') {
    events.push({
      ...sourceOf(ASSISTANCE_ADJUSTED_V1),
      detail: assistanceAdjustedV1.parse({ ...decision, programme: outcome.programme, monthlyAmountFen: outcome.monthlyAmountFen, effectiveFrom: outcome.effectiveFrom }),
    });
  }
  await ports.events.publish(events);
  await ports.warnings.markOutcomePublished(warning.warningId, ports.now().toISOString());
}

const sourceOf = (c: { source: string; detailType: string }) => ({ source: c.source, detailType: c.detailType });
