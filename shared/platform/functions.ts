import type { FunctionId } from './api';
import { ENV } from '../config';

/**
 * Every Lambda function of the platform and what it needs, declared once. The CDK construct
 * grants exactly these needs and sets the matching environment; the local platform builds the
 * same environment and calls the same handler.
 */
export interface FunctionDefinition {
  id: FunctionId;
  description: string;
  /** Handler module, relative to the repository root; the export is always `handler`. */
  entry: string;
  timeoutSeconds: number;
  memoryMb: number;
  /**
   * Instances at most at once: the function's reserved concurrency on AWS, and the size of its
   * worker pool on the local platform. An event-triggered function past it is throttled and its
   * events wait (Lambda's asynchronous queue retries them); none is lost.
   */
  concurrency: number;
  needs: {
    /**
     * 'read-and-audit': reads anything, writes only the audit trail (keys AUDIT#…);
     * 'read-and-what-if-jobs': reads anything, writes only what-if jobs (keys WHATIF#…);
     * 'audit-read': reads only the audit trail and writes nothing.
     */
    table: TableAccess;
    idempotency: boolean;
    publishEvents: boolean;
    sendToWorkQueues: boolean;
    personKey: boolean;
    /**
     * The purpose key: every function serving a route declared with `audit` keeps a purpose the
     * caller states as its HMAC under this key (a test holds the two together).
     */
    purposeKey?: boolean;
    /**
     * The audit trail's tree heads: 'seal' may MAC heads (kms:GenerateMac) and write the heads
     * table; 'verify' may check MACs (kms:VerifyMac) and read it. Nobody else may do either.
     */
    auditSigning?: 'seal' | 'verify';
  };
}

export type TableAccess = 'read' | 'read-and-audit' | 'read-and-what-if-jobs' | 'audit-read' | 'readwrite';

const fn = (d: FunctionDefinition) => d;

export const FUNCTIONS: Record<FunctionId, FunctionDefinition> = {
  'submission-intake': fn({
    id: 'submission-intake',
    description: 'Validates and pseudonymizes a department batch, keeps its header, then publishes it in groups (one event per record type and chunk)',
    entry: 'functions/submission-intake/handler.ts',
    timeoutSeconds: 29,
    memoryMb: 1024,
    concurrency: 10,
    // Idempotent by the submission header (payload hash, publication lease), not Powertools.
    needs: { table: 'readwrite', idempotency: false, publishEvents: true, sendToWorkQueues: false, personKey: true },
  }),
  'register-update': fn({
    id: 'register-update',
    description: 'Puts groups of civil-affairs roll entries into the low-income database; flags a member already paid elsewhere',
    entry: 'functions/register-update/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    concurrency: 2,
    needs: { table: 'readwrite', idempotency: true, publishEvents: true, sendToWorkQueues: false, personKey: false },
  }),
  'warning-evaluation': fn({
    id: 'warning-evaluation',
    description: 'Compares a group of department records with the low-income database and raises warnings by indicator',
    entry: 'functions/warning-evaluation/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    concurrency: 4,
    needs: { table: 'readwrite', idempotency: true, publishEvents: true, sendToWorkQueues: false, personKey: false },
  }),
  'department-routing': fn({
    id: 'department-routing',
    description: 'Pushes a group of raised warnings to the work queues of the departments concerned',
    entry: 'functions/department-routing/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    concurrency: 2,
    needs: { table: 'readwrite', idempotency: true, publishEvents: false, sendToWorkQueues: true, personKey: false },
  }),
  'feedback-intake': fn({
    id: 'feedback-intake',
    description: 'Takes a department’s outcome for a warning and writes it into the assistance chain',
    entry: 'functions/feedback-intake/handler.ts',
    timeoutSeconds: 29,
    memoryMb: 512,
    concurrency: 10,
    needs: { table: 'readwrite', idempotency: true, publishEvents: true, sendToWorkQueues: false, personKey: false, purposeKey: true },
  }),
  'overdue-escalation': fn({
    id: 'overdue-escalation',
    description:
      'Hourly, and on demand for civil affairs (POST /operations/sweeps): escalates overdue warnings (IND-15), ends gradual exits whose grace is over, flags emergency cases with overdue documents',
    entry: 'functions/overdue-escalation/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    // The hourly run and one on demand may overlap: every step does its work once, so two at once do nothing twice.
    concurrency: 2,
    // The purpose key: the on-demand run is an audited route.
    needs: { table: 'readwrite', idempotency: false, publishEvents: true, sendToWorkQueues: false, personKey: false, purposeKey: true },
  }),
  recognition: fn({
    id: 'recognition',
    description: 'Classifies a household from its economic-status investigation (one application, classified review)',
    entry: 'functions/recognition/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    concurrency: 2,
    needs: { table: 'readwrite', idempotency: true, publishEvents: true, sendToWorkQueues: false, personKey: false },
  }),
  statistics: fn({
    id: 'statistics',
    description: 'Counts warnings raised and answered and assistance granted, per month, exactly once',
    entry: 'functions/statistics/handler.ts',
    timeoutSeconds: 60,
    memoryMb: 256,
    concurrency: 1,
    needs: { table: 'readwrite', idempotency: false, publishEvents: false, sendToWorkQueues: false, personKey: false },
  }),
  'policy-admin': fn({
    id: 'policy-admin',
    description: 'Reads and changes the policy parameters (audited, no redeploy); starts what-if jobs and answers their progress and report',
    entry: 'functions/policy-admin/handler.ts',
    timeoutSeconds: 29,
    memoryMb: 512,
    concurrency: 4,
    // Publishes WhatIfRequested.v1 to start a what-if job's runner.
    needs: { table: 'readwrite', idempotency: false, publishEvents: true, sendToWorkQueues: false, personKey: false, purposeKey: true },
  }),
  'what-if-runner': fn({
    id: 'what-if-runner',
    description:
      'Runs a what-if job: re-classifies the assessed households a page at a time, checkpointing after each step, and hands over to a fresh invocation before its time runs out',
    entry: 'functions/what-if-runner/handler.ts',
    // Lambda's maximum: a province's run still takes several invocations, each resuming at the checkpoint.
    timeoutSeconds: 900,
    // Memory is one page per shard read at once, whatever the number of households; the size buys CPU.
    memoryMb: 1024,
    concurrency: 2,
    // Writes only its job (checkpoints, report); publishes only its own continuation.
    needs: { table: 'read-and-what-if-jobs', idempotency: false, publishEvents: true, sendToWorkQueues: false, personKey: false },
  }),
  'household-query': fn({
    id: 'household-query',
    description:
      'Answers the chain, needs and happiness lists of a household, person queries, the project list, statistics and the status of a department’s own submissions',
    entry: 'functions/household-query/handler.ts',
    timeoutSeconds: 29,
    memoryMb: 512,
    concurrency: 20,
    // Writes only the audit trail: every read of a household or a person is accounted for.
    // It verifies the trail for supervision, so it may check tree heads' MACs, never make one.
    needs: {
      table: 'read-and-audit',
      idempotency: false,
      publishEvents: false,
      sendToWorkQueues: false,
      personKey: true,
      purposeKey: true,
      auditSigning: 'verify',
    },
  }),
  'partner-gateway': fn({
    id: 'partner-gateway',
    description:
      'Partner organisations (社会力量): civil affairs registers charities and service providers; charities publish offers, read their masked matches and report deliveries',
    entry: 'functions/partner-gateway/handler.ts',
    timeoutSeconds: 29,
    memoryMb: 512,
    concurrency: 4,
    // Writes registrations, offers, matches, deliveries and their chain entries; audited routes.
    needs: { table: 'readwrite', idempotency: false, publishEvents: false, sendToWorkQueues: false, personKey: true, purposeKey: true },
  }),
  'audit-seal': fn({
    id: 'audit-seal',
    description: 'On a schedule: seals the audit trail with signed tree heads (RFC 6962 Merkle roots under the audit HMAC key)',
    entry: 'functions/audit-seal/handler.ts',
    timeoutSeconds: 300,
    memoryMb: 1024,
    concurrency: 1,
    // Publishes each head on the bus, whose archive is the witness against removing the newest ones.
    needs: { table: 'audit-read', idempotency: false, publishEvents: true, sendToWorkQueues: false, personKey: false, auditSigning: 'seal' },
  }),
};

/** Where the resources a function may need are: names on the local platform, tokens in CDK. */
export interface NeedBindings {
  tableName: string;
  idempotencyTableName: string;
  eventBusName: string;
  /** JSON object: recipient → queue URL. */
  workQueueUrls: string;
  personKey: { secretId: string } | { file: string };
  purposeKey: { secretId: string } | { file: string };
  auditHeadsTableName: string;
  auditKey: { keyId: string } | { file: string };
}

/**
 * The environment a function gets from its declared needs and from nothing else, so a port it
 * did not declare has no name to reach (`required()` throws) on AWS and locally alike. The CDK
 * construct's bind helpers set the same names with the grants (a test holds the two together).
 */
export function environmentOf(needs: FunctionDefinition['needs'], b: NeedBindings): Record<string, string> {
  const env: Record<string, string> = { [ENV.tableName]: b.tableName };
  if (needs.idempotency) env[ENV.idempotencyTableName] = b.idempotencyTableName;
  if (needs.publishEvents) env[ENV.eventBusName] = b.eventBusName;
  if (needs.sendToWorkQueues) env[ENV.workQueueUrls] = b.workQueueUrls;
  if (needs.personKey)
    Object.assign(env, 'secretId' in b.personKey ? { [ENV.personKeySecretId]: b.personKey.secretId } : { [ENV.personKeyFile]: b.personKey.file });
  if (needs.purposeKey)
    Object.assign(env, 'secretId' in b.purposeKey ? { [ENV.purposeKeySecretId]: b.purposeKey.secretId } : { [ENV.purposeKeyFile]: b.purposeKey.file });
  if (needs.auditSigning) {
    env[ENV.auditHeadsTableName] = b.auditHeadsTableName;
    Object.assign(env, 'keyId' in b.auditKey ? { [ENV.auditKeyId]: b.auditKey.keyId } : { [ENV.auditKeyFile]: b.auditKey.file });
  }
  return env;
}
