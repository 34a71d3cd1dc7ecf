/**
 * The city keeps its own calendar: a department's "today", a policy row's first day and a
 * documents deadline are days in Changsha (UTC+8), not in UTC. Timestamps stay in UTC; every
 * conversion from a moment to a day goes through here.
 */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The city's calendar day (yyyy-mm-dd) at a moment (a Date or an ISO timestamp). */
export function cityDay(moment: Date | string): string {
  return dayFormat.format(typeof moment === 'string' ? new Date(moment) : moment);
}

/** A calendar day `days` later (or earlier, when negative): yyyy-mm-dd in, yyyy-mm-dd out. */
export function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
