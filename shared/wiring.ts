import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { documentClient } from './adapters/dynamodb/client';
import { Table } from './adapters/dynamodb/table';
import { DynamoHouseholdRegister } from './adapters/dynamodb/household-register';
import { DynamoSubmissionStore } from './adapters/dynamodb/submission-store';
import { DynamoWarningStore } from './adapters/dynamodb/warning-store';
import { DynamoPersonFacts } from './adapters/dynamodb/person-facts';
import { DynamoStatisticsStore } from './adapters/dynamodb/statistics-store';
import { DynamoPolicyStore } from './adapters/dynamodb/policy-store';
import { DynamoAssessmentStore } from './adapters/dynamodb/assessment-store';
import { DynamoEmergencyCases } from './adapters/dynamodb/emergency-cases';
import { DynamoAuditTrail } from './adapters/dynamodb/audit-trail';
import { DynamoAuditTreeHeads } from './adapters/dynamodb/audit-tree-heads';
import { FileAuditSigner, KmsAuditSigner } from './adapters/kms/audit-signer';
import { DynamoDisclosureStore } from './adapters/dynamodb/disclosure-store';
import { DynamoWhatIfJobs } from './adapters/dynamodb/what-if-jobs';
import { policyBookLoader } from './application/policy-book';
import { EventBridgePublisher } from './adapters/eventbridge/event-publisher';
import { FilePersonKey, SecretsManagerPersonKey } from './adapters/secrets/person-key';
import { SqsWorkQueues } from './adapters/sqs/work-queues';
import { config, required } from './config';
import { CITY_PARAMETERS } from './domain/policy/city-parameters';
import { tracer } from './observability';
import type { PersonKeySource } from './ports/person-key';
import type { AuditSigner } from './ports/audit-trail';

/**
 * Builds the adapters a handler needs from the validated configuration, once per container.
 * Handlers call these; use cases only ever see the ports.
 */
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const table = once(() => new Table(documentClient(), required('TABLE_NAME')));

export const wiring = {
  submissions: once(() => new DynamoSubmissionStore(table())),
  register: once(() => new DynamoHouseholdRegister(table())),
  warnings: once(() => new DynamoWarningStore(table())),
  facts: once(() => new DynamoPersonFacts(table())),
  statistics: once(() => new DynamoStatisticsStore(table())),
  events: once(() => new EventBridgePublisher(tracer.captureAWSv3Client(new EventBridgeClient({})), required('EVENT_BUS_NAME'))),
  // The regional endpoint (or AWS_ENDPOINT_URL_SQS) rather than each queue URL's host: the same
  // on AWS, and on the local platform the queue URLs' hosts are not resolvable names.
  workQueues: once(() => new SqsWorkQueues(tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: false })), required('WORK_QUEUE_URLS'))),
  personKey: once((): PersonKeySource => {
    const { PERSON_KEY_SECRET_ID: secretId, PERSON_KEY_FILE: file } = config();
    if (secretId) return new SecretsManagerPersonKey(tracer.captureAWSv3Client(new SecretsManagerClient({})), secretId);
    if (file) return new FilePersonKey(file);
    throw new Error('neither PERSON_KEY_SECRET_ID nor PERSON_KEY_FILE is set');
  }),
  policyStore: once(() => new DynamoPolicyStore(documentClient(), required('TABLE_NAME'))),
  audit: once(() => new DynamoAuditTrail(documentClient(), required('TABLE_NAME'), config().AUDIT_RETENTION_DAYS)),
  auditHeads: once(() => new DynamoAuditTreeHeads(documentClient(), required('AUDIT_HEADS_TABLE_NAME'), config().AUDIT_RETENTION_DAYS)),
  auditSigner: once((): AuditSigner => {
    const { AUDIT_KEY_ID: keyId, AUDIT_KEY_FILE: file } = config();
    if (keyId) return new KmsAuditSigner(tracer.captureAWSv3Client(new KMSClient({})), keyId);
    if (file) return new FileAuditSigner(file);
    throw new Error('neither AUDIT_KEY_ID nor AUDIT_KEY_FILE is set');
  }),
  disclosure: once(() => new DynamoDisclosureStore(table())),
  emergencyCases: once(() => new DynamoEmergencyCases(table())),
  assessments: once(() => new DynamoAssessmentStore(table())),
  whatIfJobs: once(() => new DynamoWhatIfJobs(table())),
  /** The policy book in force: shipped rows plus administrators' changes, re-read every POLICY_CACHE_SECONDS. */
  policy: (() => {
    let load: (() => ReturnType<ReturnType<typeof policyBookLoader>>) | undefined;
    return () => (load ??= policyBookLoader(wiring.policyStore(), CITY_PARAMETERS, config().POLICY_CACHE_SECONDS * 1000))();
  })(),
  // One persistence layer per idempotent handler: the library binds it to one configuration.
  idempotencyStore: () => new DynamoDBPersistenceLayer({ tableName: required('IDEMPOTENCY_TABLE_NAME') }),
  principalPrefix: () => config().PRINCIPAL_PREFIX,
  now: () => new Date(),
};

/**
 * Idempotency records outlive the longest redelivery window: EventBridge retries for up to 24
 * hours, and departments are told to resend a failed batch within a day.
 */
export const IDEMPOTENCY_EXPIRY_SECONDS = 25 * 3600;

export function idempotencyConfig(eventKeyJmesPath: string, payloadValidationJmesPath: string): IdempotencyConfig {
  return new IdempotencyConfig({ eventKeyJmesPath, payloadValidationJmesPath, expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS });
}
