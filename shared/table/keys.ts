/**
 * Single-table key builders. Every item has generic `PK`/`SK` attributes with an entity prefix,
 * plus `GSI1PK`/`GSI1SK` where a second access pattern needs it. The access patterns these
 * serve are listed in ACCESS_PATTERNS.md beside this file; change both together.
 */

export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  // Open warnings by due date, one partition per district (spreads the load, serves supervision).
  gsi2: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ttlAttribute: 'expiresAt',
} as const;

export interface ItemKey {
  PK: string;
  SK: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  // 户 household: profile, members, allowances and assistance chain share one partition. The
  // household's own items start with '#', which sorts before 'CHAIN#': one Query with
  // SK < 'CHAIN#' reads the household, begins_with(SK, 'CHAIN#') reads its chain.
  household: (householdId: string): ItemKey => ({ PK: `HH#${householdId}`, SK: '#PROFILE' }),
  member: (householdId: string, personRef: string): ItemKey => ({ PK: `HH#${householdId}`, SK: `#MEMBER#${personRef}` }),
  allowance: (householdId: string, programme: string): ItemKey => ({ PK: `HH#${householdId}`, SK: `#ALLOWANCE#${programme}` }),
  householdPartition: (householdId: string) => `HH#${householdId}`,
  CHAIN_PREFIX: 'CHAIN#',
  chainEntry: (householdId: string, at: string, entryId: string): ItemKey => ({
    PK: `HH#${householdId}`,
    SK: `CHAIN#${at}#${entryId}`,
  }),

  // 人 person → household: one item per person so a department batch is matched with BatchGetItem.
  membership: (personRef: string): ItemKey => ({ PK: `PERSON#${personRef}`, SK: 'MEMBERSHIP' }),
  // What departments reported about a monitored person (their dossier), read by indicators that
  // need context, e.g. "enrolled but no education assistance this school year".
  personFact: (personRef: string, recordType: string, recordId: string): ItemKey => ({
    PK: `PERSON#${personRef}`,
    SK: `FACT#${recordType}#${recordId}`,
  }),
  personPartition: (personRef: string) => `PERSON#${personRef}`,
  FACT_PREFIX: 'FACT#',

  // 预警 warning, also listed under its household (GSI1).
  warning: (warningId: string): ItemKey => ({ PK: `WARNING#${warningId}`, SK: 'WARNING' }),
  warningByHousehold: (householdId: string, raisedAt: string) => ({
    GSI1PK: `HH#${householdId}`,
    GSI1SK: `WARNING#${raisedAt}`,
  }),
  openWarningByDueDate: (district: string, dueBy: string, warningId: string) => ({
    GSI2PK: `OPEN#${district}`,
    GSI2SK: `${dueBy}#${warningId}`,
  }),
  openWarningsOf: (district: string) => `OPEN#${district}`,

  // 统计 statistics: counters per month and dimension, and a marker per counted event (exactly once).
  statistic: (month: string, dimension: string): ItemKey => ({ PK: `STATS#${month}`, SK: dimension }),
  statisticsOf: (month: string) => `STATS#${month}`,
  countedEvent: (eventKey: string): ItemKey => ({ PK: `COUNTED#${eventKey}`, SK: 'COUNTED' }),

  // 报送 submission: header plus one item per record, in the department's order.
  submission: (submissionId: string): ItemKey => ({ PK: `SUB#${submissionId}`, SK: 'HEADER' }),
  submissionRecord: (submissionId: string, index: number): ItemKey => ({
    PK: `SUB#${submissionId}`,
    SK: `RECORD#${pad(index, 5)}`,
  }),
} as const;

/** Powertools idempotency records: the library's own key and TTL attribute names. */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;
