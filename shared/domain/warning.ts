import { hexIdOf } from './hex-id';
import type { WarningRecipient } from './departments';
import type { DistrictCode } from './districts';
import type { RecordedOutcome } from './outcome';
import type { PolicyValue } from './policy/policy-book';

/** Warning lifecycle (预警处置): raised → pushed → acknowledged → resolved with an outcome. */
export const WARNING_STATUSES = ['raised', 'pushed', 'acknowledged', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export interface WarningEvidence {
  recordId: string;
  recordType: string;
  department: string;
  subject?: string;
  facts: Record<string, unknown>;
}

/** What an indicator's predicate returns: everything a warning needs except ids and times. */
export interface WarningDraft {
  householdId: string;
  district: DistrictCode;
  subjects: string[];
  action: string;
  explanation: string;
  evidence: WarningEvidence[];
  /** What makes two firings the same warning (for indicator 1: the person who died). */
  dedupeKey: string;
  /** A lead about someone not (yet) in the low-income database, keyed by the person. */
  lead?: boolean;
}

export interface Warning extends Omit<WarningDraft, 'dedupeKey' | 'lead'> {
  warningId: string;
  indicator: { id: string; version: number; title: string; parameters: Record<string, PolicyValue> };
  recipients: WarningRecipient[];
  status: WarningStatus;
  raisedAt: string;
  dueBy: string;
}

/** One piece of evidence: a record about a subject (a roll entry can be evidence about each member). */
export const evidenceKey = (e: Pick<WarningEvidence, 'recordId' | 'subject'>) => `${e.recordId}|${e.subject ?? ''}`;

/**
 * Reaching a queue moves a raised warning on to 'pushed' without another write to the warning:
 * its status is what was written, read together with the queues it reached.
 */
export function statusWithPushes(written: WarningStatus, pushedTo: readonly string[]): WarningStatus {
  return written === 'raised' && pushedTo.length ? 'pushed' : written;
}

/** A warning with where it stands: whose queues it reached, who took it in hand, who answered. */
export interface StoredWarning extends Warning {
  /** The group (of records, or a sweep) that raised it: a retry of that group publishes it again. */
  raisedBy?: string;
  /** Recipients whose work queue it reached. */
  pushedTo: string[];
  acknowledgedBy: string[];
  /** Each recipient answers for itself; the warning is resolved when all have. */
  outcomes: Record<string, RecordedOutcome>;
  /** Recipients whose outcome events were published. */
  outcomesPublished: string[];
}

/** 转办推送 a warning that reached a recipient's work queue. */
export interface WarningPush {
  warningId: string;
  householdId: string;
  raisedAt: string;
  recipient: WarningRecipient;
  pushedAt: string;
}

/** An open warning as its household's open-warnings list keeps it: one per indicator. */
export interface OpenWarning {
  warningId: string;
  indicatorId: string;
  district: string;
  recipients: WarningRecipient[];
  raisedAt: string;
  dueBy: string;
  /** The group (of records, or a sweep) that raised it. */
  raisedBy: string;
}

/**
 * Leads (people not yet in the database) have no household number: they get a stable
 * placeholder derived from the person reference until civil affairs recognises a household.
 */
export function leadHouseholdId(personRef: string): string {
  return `LEAD-${hexIdOf(personRef, 20)}`;
}

/** Deterministic, so a replayed record cannot raise a second warning. */
export function warningIdFor(indicatorId: string, householdId: string, dedupeKey: string): string {
  return `W${hexIdOf(`${indicatorId}|${householdId}|${dedupeKey}`, 24)}`;
}

export function addDays(isoDateTime: string, days: number): string {
  return new Date(Date.parse(isoDateTime) + days * 86_400_000).toISOString();
}
