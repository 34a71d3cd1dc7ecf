/**
 * The single table's shape: generic `PK`/`SK` attributes, three generic indexes and a TTL
 * attribute. What each item is, its keys and how it is read and written live with its entity in
 * entities/; the access patterns they serve are listed in ACCESS_PATTERNS.md beside this file.
 */

export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  // Open warnings by due date, one partition per district (spreads the load, serves supervision).
  gsi2: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  // A recipient's warnings by state, newest first (the console's work list): one item per recipient.
  gsi3: { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ttlAttribute: 'expiresAt',
} as const;

export interface ItemKey {
  PK: string;
  SK: string;
}

/** Every audit-trail item's partition key starts with this (IAM limits audit-only writers to it). */
export const AUDIT_KEY_PREFIX = 'AUDIT#';
/** Every what-if job's partition key starts with this (IAM limits the what-if runner's writes to it). */
export const WHAT_IF_JOB_KEY_PREFIX = 'WHATIF#';
/** A day of the audit trail is spread over this many partitions. */
export const AUDIT_SHARDS = 8;
/** Assessments are spread over this many partitions. */
export const ASSESSMENT_SHARDS = 16;

/** The audit heads table (only audit-seal writes it; entities/audit.ts). */
export const AUDIT_HEADS_TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK', ttlAttribute: 'expiresAt' } as const;

/** Powertools idempotency records: the library's own key and TTL attribute names. */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;
