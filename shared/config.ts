import * as z from 'zod';

/**
 * Function configuration, parsed and validated once from the environment. The same names are
 * set by the CDK construct on AWS and by the local platform.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  workQueueUrls: 'WORK_QUEUE_URLS',
  principalPrefix: 'PRINCIPAL_PREFIX',
  personKeySecretId: 'PERSON_KEY_SECRET_ID',
  personKeyFile: 'PERSON_KEY_FILE',
  purposeKeySecretId: 'PURPOSE_KEY_SECRET_ID',
  purposeKeyFile: 'PURPOSE_KEY_FILE',
  policyCacheSeconds: 'POLICY_CACHE_SECONDS',
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  whatIfWaitSeconds: 'WHAT_IF_WAIT_SECONDS',
  whatIfPageSize: 'WHAT_IF_PAGE_SIZE',
  whatIfSliceSeconds: 'WHAT_IF_SLICE_SECONDS',
  auditHeadsTableName: 'AUDIT_HEADS_TABLE_NAME',
  auditKeyId: 'AUDIT_KEY_ID',
  auditKeyFile: 'AUDIT_KEY_FILE',
  auditSealLagSeconds: 'AUDIT_SEAL_LAG_SECONDS',
  policyChannel: 'LIM_POLICY_CHANNEL',
} as const;

const schema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.idempotencyTableName]: z.string().min(1).optional(),
  [ENV.eventBusName]: z.string().min(1).optional(),
  [ENV.workQueueUrls]: z
    .string()
    .transform((s) => z.record(z.string(), z.string().url()).parse(JSON.parse(s)))
    .optional(),
  [ENV.principalPrefix]: z.string().min(1).default('lim'),
  [ENV.personKeySecretId]: z.string().min(1).optional(),
  [ENV.personKeyFile]: z.string().min(1).optional(),
  [ENV.purposeKeySecretId]: z.string().min(1).optional(),
  [ENV.purposeKeyFile]: z.string().min(1).optional(),
  // How long a function keeps the policy book before reading administrators' changes again.
  [ENV.policyCacheSeconds]: z.coerce.number().int().min(0).max(3600).default(60),
  // The plan asks for at least 180 days of supervision records; a year and a month by default.
  [ENV.auditRetentionDays]: z.coerce.number().int().min(180).default(400),
  // What-if jobs: how long POST waits for a short run before answering 202 (well inside the
  // API's 29 s), households per page of a shard, and how long one runner invocation works
  // before handing over to a fresh one (it also stops short of its own timeout).
  [ENV.whatIfWaitSeconds]: z.coerce.number().min(0).max(20).default(8),
  [ENV.whatIfPageSize]: z.coerce.number().int().min(1).max(1000).default(500),
  [ENV.whatIfSliceSeconds]: z.coerce.number().min(0).max(900).default(900),
  [ENV.auditHeadsTableName]: z.string().min(1).optional(),
  // The HMAC key of tree heads: a KMS key on AWS, a key file on the local platform.
  [ENV.auditKeyId]: z.string().min(1).optional(),
  [ENV.auditKeyFile]: z.string().min(1).optional(),
  // Entries younger than this are left for the next seal: 15 minutes is the longest a Lambda
  // invocation can run, so an entry stamped inside any invocation is written before it is sealed.
  [ENV.auditSealLagSeconds]: z.coerce.number().int().min(0).max(86_400).default(900),
  // Local platform only: the BroadcastChannel its functions hear policy changes on.
  [ENV.policyChannel]: z.string().min(1).optional(),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;
export function config(): Config {
  cached ??= schema.parse(process.env);
  return cached;
}

export function required<K extends keyof Config>(key: K): NonNullable<Config[K]> {
  const value = config()[key];
  if (value === undefined) throw new Error(`environment variable ${String(key)} is not set for this function`);
  return value as NonNullable<Config[K]>;
}

/** For tests and the local platform, which change the environment between runs. */
export function resetConfig(): void {
  cached = undefined;
}
