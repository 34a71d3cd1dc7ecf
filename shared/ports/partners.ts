import type { Partner, PartnerKind } from '../domain/partners';

/** The partner organisations civil affairs registered (社会力量登记). */
export interface PartnerRegistry {
  /** The organisation of that kind, registered or not. */
  partner(kind: PartnerKind, organisationCode: string): Promise<Partner | undefined>;
  /** Registers it, or replaces its registration (name, districts, active). */
  register(partner: Partner): Promise<void>;
  list(kind: PartnerKind): Promise<Partner[]>;
}
