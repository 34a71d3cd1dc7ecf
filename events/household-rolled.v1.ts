import { EVENT_SOURCES } from './sources';
import { recordAcceptedV1, type RecordAcceptedV1 } from './record-accepted.v1';

/**
 * A roll entry has been written into the low-income database (register-update), carrying the
 * accepted record unchanged. Warning evaluation reads roll entries from this event, not from
 * RecordAccepted, so it always sees the memberships the entry created: a death reported at the
 * same moment is then caught by one side or the other.
 */
export const HOUSEHOLD_ROLLED_V1 = { source: EVENT_SOURCES.register, detailType: 'HouseholdRolled.v1' } as const;
export const householdRolledV1 = recordAcceptedV1;
export type HouseholdRolledV1 = RecordAcceptedV1;
