import type { PersonRef } from '../privacy/person-ref';

/**
 * Which person references the platform already holds something under: a membership of the
 * low-income database, or a fact kept about someone not (yet) in it (a death, retained so that a
 * roll entry racing it still finds it). During a person-key rotation, intake asks this once per
 * batch to choose, for each person, the reference the platform already knows them by.
 */
export interface KnownPeople {
  /** `retained`: the record types and slots kept about people outside the database. */
  knownAmong(refs: readonly PersonRef[], retained: readonly { recordType: string; slot: string }[]): Promise<Set<PersonRef>>;
}
