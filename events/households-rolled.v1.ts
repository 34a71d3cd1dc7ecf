import { EVENT_SOURCES } from './sources';
import { recordsAcceptedV1, type RecordsAcceptedV1 } from './records-accepted.v1';

/**
 * A group of roll entries has been written into the low-income database (register-update),
 * carrying the accepted records unchanged. Warning evaluation reads roll entries from this event,
 * not from RecordsAccepted, so it always sees the memberships the entries created: a death
 * reported at the same moment is then caught by one side or the other.
 */
export const HOUSEHOLDS_ROLLED_V1 = { source: EVENT_SOURCES.register, detailType: 'HouseholdsRolled.v1' } as const;
export const householdsRolledV1 = recordsAcceptedV1;
export type HouseholdsRolledV1 = RecordsAcceptedV1;
