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

/** Every audit-trail item's partition key starts with this (IAM limits audit-only writers to it). */
export const AUDIT_KEY_PREFIX = 'AUDIT#';

/** Every what-if job's partition key starts with this (IAM limits the what-if runner's writes to it). */
export const WHAT_IF_JOB_KEY_PREFIX = 'WHATIF#';
/** A day of the audit trail is spread over this many partitions. */
export const AUDIT_SHARDS = 8;
const auditShard = (entryId: string) => parseInt(entryId.slice(0, 8), 16) % AUDIT_SHARDS;

/** Assessments are spread over this many partitions. */
export const ASSESSMENT_SHARDS = 16;
function assessmentShard(householdId: string): number {
  let h = 0;
  for (const c of householdId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % ASSESSMENT_SHARDS;
}

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
  // 渐退 allowances in their grace period, by district and end date (same index, own partitions).
  gradualExitByDate: (district: string, until: string, householdId: string, programme: string) => ({
    GSI2PK: `EXIT#${district}`,
    GSI2SK: `${until}#${householdId}#${programme}`,
  }),
  gradualExitsOf: (district: string) => `EXIT#${district}`,
  // 急难救助 emergency cases awaiting documents, by district and due date (same index).
  emergencyCase: (caseId: string): ItemKey => ({ PK: `EMERGENCY#${caseId}`, SK: 'CASE' }),
  emergencyCaseByDueDate: (district: string, dueBy: string, caseId: string) => ({ GSI2PK: `EMERGENCY#${district}`, GSI2SK: `${dueBy}#${caseId}` }),
  emergencyCasesOf: (district: string) => `EMERGENCY#${district}`,

  // 统计 statistics: counters per month and dimension, and a marker per counted event (exactly once).
  statistic: (month: string, dimension: string): ItemKey => ({ PK: `STATS#${month}`, SK: dimension }),
  statisticsOf: (month: string) => `STATS#${month}`,
  countedEvent: (eventKey: string): ItemKey => ({ PK: `COUNTED#${eventKey}`, SK: 'COUNTED' }),

  // 政策参数 policy: the rows administrators changed over those shipped, the version, and the
  // trail of changes in version order (one partition: a few hundred rows, read once a minute).
  policyVersion: (): ItemKey => ({ PK: 'POLICY', SK: 'VERSION' }),
  policyRow: (rowKey: string): ItemKey => ({ PK: 'POLICY', SK: `ROW#${rowKey}` }),
  POLICY_PARTITION: 'POLICY',
  POLICY_ROW_PREFIX: 'ROW#',
  policyChange: (version: number): ItemKey => ({ PK: 'POLICY#CHANGES', SK: pad(version, 8) }),
  POLICY_CHANGES_PARTITION: 'POLICY#CHANGES',

  // 家庭经济状况 the latest assessment of each household (what the what-if re-classifies),
  // spread over a fixed number of partitions by household id so a what-if reads them in parallel.
  assessment: (householdId: string): ItemKey => ({ PK: `ASSESSMENT#${assessmentShard(householdId)}`, SK: householdId }),
  assessmentShard: (shard: number) => `ASSESSMENT#${shard}`,
  // 测算任务 a what-if job: proposal, checkpoint (tally and position per shard), report; TTL.
  whatIfJob: (jobId: string): ItemKey => ({ PK: `${WHAT_IF_JOB_KEY_PREFIX}${jobId}`, SK: 'JOB' }),

  // 数字监督 audit trail: each day's entries spread over AUDIT_SHARDS partitions by entry id, so
  // concurrent appends share no item; sorted by log key (time, then id). No head item.
  auditEntry: (day: string, entryId: string, logKey: string): ItemKey => ({ PK: `${AUDIT_KEY_PREFIX}${day}#${auditShard(entryId)}`, SK: logKey }),
  auditDayShard: (day: string, shard: number) => `${AUDIT_KEY_PREFIX}${day}#${shard}`,

  // 公示 public disclosure: one partition a month, lines sorted by district.
  disclosureLine: (month: string, district: string, kind: string, sourceId: string): ItemKey => ({ PK: `DISCLOSURE#${month}`, SK: `${district}#${kind}#${sourceId}` }),
  disclosureMonth: (month: string) => `DISCLOSURE#${month}`,

  // 报送 submission: header plus one item per record, in the department's order.
  submission: (submissionId: string): ItemKey => ({ PK: `SUB#${submissionId}`, SK: 'HEADER' }),
  submissionRecord: (submissionId: string, index: number): ItemKey => ({
    PK: `SUB#${submissionId}`,
    SK: `RECORD#${pad(index, 5)}`,
  }),
} as const;

/**
 * The audit heads table (only audit-seal writes it): the signed tree heads in one partition in
 * order (day, then number), and each head's leaves in chunks under its day.
 */
export const AUDIT_HEADS_TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK', ttlAttribute: 'expiresAt' } as const;
export const auditHeadKeys = {
  headsPartition: 'HEAD',
  head: (day: string, number: number): ItemKey => ({ PK: 'HEAD', SK: `${day}#${pad(number, 12)}` }),
  /** A bound after every head of the day ('~' sorts after the digits) and before the next day's. */
  afterDay: (day: string) => `${day}#~`,
  leavesOfDay: (day: string) => `LEAVES#${day}`,
  leaves: (day: string, number: number, chunk: number): ItemKey => ({ PK: `LEAVES#${day}`, SK: `${pad(number, 12)}#${pad(chunk, 4)}` }),
} as const;

/** Powertools idempotency records: the library's own key and TTL attribute names. */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;
