import type { RecordsAcceptedV1 } from '../../events/records-accepted.v1';
import type { HouseholdRegister } from '../ports/household-register';
import { renameRefs, type PersonRef } from '../privacy/person-ref';

/**
 * While the person key is being rotated (README, "Rotating the person key"), a record carries
 * references made under the new key, and beside them the same people's references under the
 * versions still held. A person the database already knows keeps the reference it knows them
 * by: this renames, in the whole group, each new reference whose person the database holds only
 * under a former one, and drops the aliases, so every function downstream compares references
 * that agree with the table. Outside a rotation no record has aliases and this reads nothing;
 * during one it is a single batch read of the memberships for the whole group.
 */
export async function resolveRotatedRefs(group: RecordsAcceptedV1, register: Pick<HouseholdRegister, 'membershipsOf'>): Promise<RecordsAcceptedV1> {
  const aliases = new Map<PersonRef, PersonRef[]>();
  for (const r of group.records) for (const [current, former] of Object.entries(r.formerRefs ?? {})) aliases.set(current, former);
  if (aliases.size === 0) return group;
  const known = await register.membershipsOf([...new Set([...aliases.keys(), ...[...aliases.values()].flat()])]);
  const renamed = new Map<PersonRef, PersonRef>();
  for (const [current, former] of aliases) {
    if (known.has(current)) continue;
    const held = former.find((f) => known.has(f)); // newest version first
    if (held) renamed.set(current, held);
  }
  return { ...group, records: group.records.map(({ formerRefs: _, ...r }) => renameRefs(r, renamed)) };
}
