import * as z from 'zod';
import { addCalendarDays } from './city-time';
import { DISTRICT_CODES } from './districts';
import type { DistrictCode } from './districts';
import type { Allowance, Household } from './household';
import type { WarningEvidence } from './warning';

/**
 * Payment supervision (四.3 确保按时足额发放): the month's allowance payment file, as its
 * pseudonymized records (shared/records/allowance-payments.ts), against the entitlement on the
 * roll. Pure: the indicators IND-20 to IND-24 are built on these, and whatever function gathers
 * a month's lines and the households they name calls them.
 */

/** One line of a month's file as the platform keeps it: the payee by person reference only. */
export interface PaymentLine {
  recordId: string;
  personRef: string;
  maskedIdentityNumber: string;
  householdId: string;
  district: DistrictCode;
  programme: string;
  /** yyyy-mm */
  month: string;
  amountFen: number;
  paidOn: string;
}

/** The close of a month's file for one programme and district: what the file holds in all. */
export interface PaymentFileClose {
  recordId: string;
  programme: string;
  month: string;
  district: DistrictCode;
  lineCount: number;
  totalFen: number;
}

/** Which file a line or close belongs to: one programme's month in one district. */
export interface PaymentFileId {
  programme: string;
  month: string;
  district: string;
}

/** The file's identity as one string (for maps and sets). */
export const fileIdOf = (f: PaymentFileId): string => `${f.programme}#${f.month}#${f.district}`;

const storedLine = z.object({
  personRef: z.string(),
  maskedIdentityNumber: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  programme: z.string(),
  month: z.string(),
  amountFen: z.number(),
  paidOn: z.string(),
});
const storedClose = z.object({
  programme: z.string(),
  month: z.string(),
  district: z.enum(DISTRICT_CODES),
  lineCount: z.number(),
  totalFen: z.number(),
});

/** A payment line from its accepted, pseudonymized `allowance-payment` record (other fields, such as the bank reference, are left out). */
export function paymentLineOf(recordId: string, record: Readonly<Record<string, unknown>>): PaymentLine {
  return { recordId, ...storedLine.parse(record) };
}

/** A file's close from its accepted `allowance-payment-file` record. */
export function paymentFileCloseOf(recordId: string, record: Readonly<Record<string, unknown>>): PaymentFileClose {
  return { recordId, ...storedClose.parse(record) };
}

/** The first and last day of a yyyy-mm month. */
export function monthDays(month: string): { first: string; last: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/**
 * The last day an allowance is paid for, or undefined while it runs. `endedOn` is the day it
 * stopped (the month that begins on or after it is not paid); a gradual exit (渐退) pays up to
 * and including `gradualExitUntil`.
 */
export function lastDayPaid(allowance: Allowance): string | undefined {
  if (allowance.status === 'ended' && allowance.endedOn) return addCalendarDays(allowance.endedOn, -1);
  return allowance.gradualExitUntil;
}

/** Whether the allowance is owed for the month: it started by the month's last day and had not ended before its first. */
export function owedFor(allowance: Allowance, month: string): boolean {
  const { first, last } = monthDays(month);
  if (allowance.startDate > last) return false;
  if (allowance.status === 'ended' && !allowance.endedOn) return false;
  const until = lastDayPaid(allowance);
  return until === undefined || until >= first;
}

/** The household's allowance of a programme on the roll, if it has one. */
export function allowanceOf(household: Household | undefined, programme: string): Allowance | undefined {
  return household?.allowances.find((a) => a.programme === programme);
}

/**
 * Whether the platform holds the whole file: as many lines as its close says, for the same
 * programme, month and district. Until then no household can be said to be missing from it.
 */
export function fileComplete(close: PaymentFileClose, lines: readonly PaymentLine[]): boolean {
  return linesOf(close, lines).length >= close.lineCount;
}

/** The lines a close speaks for. */
export function linesOf(close: PaymentFileClose, lines: readonly PaymentLine[]): PaymentLine[] {
  return lines.filter((l) => l.programme === close.programme && l.month === close.month && l.district === close.district);
}

/** Evidence of one payment line (the bank reference is not repeated: it is masked, but is no fact the check needs). */
export function lineEvidence(line: PaymentLine, facts: Record<string, unknown>): WarningEvidence {
  return {
    recordId: line.recordId,
    recordType: 'allowance-payment',
    department: 'civil-affairs',
    subject: line.personRef,
    facts: { programme: line.programme, month: line.month, amountFen: line.amountFen, paidOn: line.paidOn, ...facts },
  };
}

/** Lines grouped by a key, in the order first seen. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
