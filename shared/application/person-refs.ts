import { RECORD_INDICATORS } from '../domain/indicators';
import type { KnownPeople } from '../ports/known-people';
import type { KeyRing } from '../privacy/key-ring';
import { personRefsOf, type PersonRef } from '../privacy/person-ref';
import { slotOf } from '../records/fact-slots';

/** Facts kept about people outside the database (a death before the roll entry), by type and slot. */
export const RETAINED_FACT_SLOTS = [...new Set(RECORD_INDICATORS.flatMap((i) => i.retainsFor ?? []))].map((recordType) => ({
  recordType,
  slot: slotOf(recordType, {}),
}));

/**
 * The person reference for each identity number. Outside a key rotation it is the current key's,
 * and nothing is read. While the ring holds several versions (README, "Rotating the person key"),
 * a person the platform already holds something under (a membership, a retained fact) keeps the
 * reference it knows them by, and anyone else gets the current key's: one batch read for the whole
 * batch, done where the identity number still is, so nothing made under an older key travels on
 * the bus and every function downstream compares references that agree with the table.
 */
export async function referencesFor(identityNumbers: readonly string[], ring: KeyRing, known: KnownPeople): Promise<Map<string, PersonRef>> {
  const distinct = [...new Set(identityNumbers)];
  const refs = new Map(distinct.map((id) => [id, personRefsOf(id, ring)]));
  if (ring.keys.size === 1 || distinct.length === 0) return new Map(distinct.map((id) => [id, refs.get(id)!.current]));
  const held = await known.knownAmong(
    [...refs.values()].flatMap((r) => [r.current, ...r.former]),
    RETAINED_FACT_SLOTS,
  );
  return new Map(
    distinct.map((id) => {
      const { current, former } = refs.get(id)!;
      return [id, [current, ...former].find((r) => held.has(r)) ?? current];
    }),
  );
}
