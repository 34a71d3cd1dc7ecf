import type { FactKey, PersonFact } from '../domain/person-fact';

/** What departments reported about people, kept by person, record type and slot. */
export interface PersonFacts {
  /** The facts kept under these keys (those that exist), by person. */
  factsAt(keys: readonly FactKey[]): Promise<Map<string, PersonFact[]>>;
  /** Everything kept about one person (its dossier), for the person query. */
  dossierOf(personRef: string): Promise<PersonFact[]>;
  record(facts: readonly PersonFact[]): Promise<void>;
}
