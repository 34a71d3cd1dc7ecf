/**
 * Where a department record is kept among a person's facts. Indicators look some facts up by
 * what they are about rather than by record: the death of a person, the premium subsidy of a
 * year, the education assistance of a school year, the care subsidy. Those record types have a
 * slot that a later record of the same kind restates; any other record is kept under its own id.
 * Because the slot is known before reading, a group of records reads the facts of all its people
 * with BatchGetItem instead of one query per person.
 */
const SLOTS: Record<string, (record: Readonly<Record<string, unknown>>) => string> = {
  'death-record': () => 'death',
  'premium-subsidy': (r) => `year:${String(r.year)}`,
  'education-assistance-grant': (r) => `school-year:${String(r.schoolYear)}`,
  'disability-subsidy-grant': (r) => `subsidy:${String(r.subsidy)}`,
};

/** The slot of a record about a person (its record id when its type has no slot). */
export function factSlot(recordType: string, record: Readonly<Record<string, unknown>>, recordId: string): string {
  return SLOTS[recordType]?.(record) ?? `record:${recordId}`;
}

/** The slot an indicator reads: the fields that name it (e.g. `{ year: 2026 }` for a premium subsidy). */
export function slotOf(recordType: string, about: Readonly<Record<string, unknown>>): string {
  const slot = SLOTS[recordType];
  if (!slot) throw new Error(`record type ${recordType} is not kept in a slot: indicators cannot look it up`);
  return slot(about);
}
