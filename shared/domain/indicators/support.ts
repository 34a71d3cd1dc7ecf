import type { z } from 'zod';
import type { Membership } from '../membership';
import type { WarningDraft, WarningEvidence } from '../warning';
import type { DistrictCode } from '../districts';
import type { ObservedRecord } from './indicator';
import type { PersonFact } from '../person-fact';

/** Small helpers the indicator predicates share; each indicator stays one short file. */

/** Reads the fields an indicator needs from the pseudonymized record; other fields are ignored. */
export function factsOf<S extends z.ZodType>(schema: S, observed: ObservedRecord): z.infer<S> {
  return schema.parse(observed.record);
}

export function evidence(observed: ObservedRecord, subject: string | undefined, facts: Record<string, unknown>): WarningEvidence {
  return {
    recordId: observed.recordId,
    recordType: observed.recordType,
    department: observed.department,
    ...(subject ? { subject } : {}),
    facts,
  };
}

/** A warning about a member of a household in the database. */
export function memberWarning(
  member: Membership,
  observed: ObservedRecord,
  w: { dedupeKey: string; action: string; explanation: string; facts: Record<string, unknown> },
): WarningDraft {
  return {
    householdId: member.householdId,
    district: member.district,
    subjects: [member.personRef],
    dedupeKey: w.dedupeKey,
    action: w.action,
    explanation: w.explanation,
    evidence: [evidence(observed, member.personRef, w.facts)],
  };
}

/** A lead about someone not (yet) in the database: keyed by the person, not a household. */
export function leadWarning(
  personRef: string,
  district: DistrictCode,
  observed: ObservedRecord,
  w: { dedupeKey: string; action: string; explanation: string; facts: Record<string, unknown> },
): WarningDraft {
  return {
    householdId: '',
    district,
    subjects: [personRef],
    lead: true,
    dedupeKey: w.dedupeKey,
    action: w.action,
    explanation: w.explanation,
    evidence: [evidence(observed, personRef, w.facts)],
  };
}

/** A comma-separated list parameter. */
export function listParameter(value: unknown): string[] {
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function num(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new Error(`parameter ${name} must be a number`);
  return value;
}

export function factsOfType(facts: readonly PersonFact[] | undefined, recordType: string): PersonFact[] {
  return (facts ?? []).filter((f) => f.recordType === recordType);
}

/** Whole months from one date to another, counting both ends' months (at least 1). */
export function monthsCovered(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7))) + 1;
  return Math.max(1, months);
}

/**
 * Warnings about the handling itself (a complex case, an overdue warning, an emergency case
 * flagged): a complex case does not count them, and they are not escalated as overdue.
 */
export const ABOUT_HANDLING: ReadonlySet<string> = new Set(['IND-14', 'IND-15', 'IND-18']);
