/**
 * The platform's client for department systems (低收入人口动态监测信息平台 部门客户端): what a
 * department needs to send its records and work its warnings without writing SigV4 by hand.
 *
 *   const client = PlatformClient.withCredentialChain('health', { endpoint, region: 'cn-north-1', profile: 'health' });
 *   const run = await client.submitRecords(records, { runId: 'health-deaths-2026-11' });
 *   await client.workQueue.follow(async (item) => { ...; await client.acknowledgeWarning(item.warning.warningId); });
 *
 * Everything is typed from the zod schemas the platform itself validates with.
 */
export {
  PlatformClient,
  InvalidOutcomeError,
  type ApiAnswer,
  type PlatformClientOptions,
  type SubmissionRun,
  type SubmitRecordsOptions,
  type WarningOutcomeInput,
} from './platform-client';
export {
  WorkQueue,
  LONG_POLL_SECONDS,
  MESSAGES_PER_RECEIVE,
  type WorkMessage,
  type UnreadableMessage,
  type WorkHandler,
  type FollowOptions,
  type FollowSummary,
  type DeleteResult,
} from './work-queue';
export { PlatformError, PlatformUnreachableError, CredentialsError, SubmissionRunError, type FieldProblem, type BatchOutcome } from './errors';
export { ConnectionSettingsError, readLocalConnection, localConnectionFile, LOCAL_CONNECTION_FILE, DEFAULT_DATA_DIR, type LocalConnection } from './connection';
export { planBatches, batchIdFor, runIdFor, runIdProblem, MAX_RECORDS_PER_BATCH, type PlannedBatch } from './batches';
export {
  checkRecords,
  recordSchema,
  RECORD_TYPE_CODES,
  isRecordType,
  recordTypesOf,
  type RecordType,
  type RecordInput,
  type DepartmentRecord,
  type RecordProblem,
  type CheckOptions,
} from './records';
export {
  submissionReceipt,
  submissionStatus,
  acknowledgement,
  answerReceipt,
  type SubmissionReceipt,
  type SubmissionStatus,
  type Acknowledgement,
  type AnswerReceipt,
} from './answers';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export type { Credentials } from './signer';
export { workItemV1, type WorkItemV1 } from '../events/work-item.v1';
export { warningOutcome } from '../shared/domain/outcome';
export { WARNING_RECIPIENTS, DEPARTMENT_CODES, type WarningRecipient, type Department } from '../shared/domain/departments';
