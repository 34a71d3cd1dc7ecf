import { createHash } from 'node:crypto';
import type { WarningRecipient } from './departments';
import type { DistrictCode } from './districts';
import type { PolicyValue } from './policy/policy-book';

/** Warning lifecycle (预警处置): raised → pushed → acknowledged → resolved with an outcome. */
export type WarningStatus = 'raised' | 'pushed' | 'acknowledged' | 'resolved';

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
  return `LEAD-${createHash('sha256').update(personRef).digest('hex').slice(0, 20).toUpperCase()}`;
}

/** Deterministic, so a replayed record cannot raise a second warning. */
export function warningIdFor(indicatorId: string, householdId: string, dedupeKey: string): string {
  const digest = createHash('sha256').update(`${indicatorId}|${householdId}|${dedupeKey}`).digest('hex');
  return `W${digest.slice(0, 24).toUpperCase()}`;
}

export function addDays(isoDateTime: string, days: number): string {
  return new Date(Date.parse(isoDateTime) + days * 86_400_000).toISOString();
}
