import { createHmac } from 'node:crypto';
import { RECORDS_ACCEPTED_V1, recordsAcceptedV1, type RecordsAcceptedV1 } from '../../events/records-accepted.v1';
import { bilingual } from '../../shared/domain/bilingual';
import { hexIdOf } from '../../shared/domain/hex-id';
import type { WarningRecipient } from '../../shared/domain/departments';
import { conflict, invalidInput, notAllowed, tooLarge, type FieldProblem } from '../../shared/domain/errors';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { PersonKeySource } from '../../shared/ports/person-key';
import type { StoredRecord, SubmissionHeader, SubmissionStore } from '../../shared/ports/submission-store';
import { identityNumbersIn, personRefsIn, pseudonymize } from '../../shared/privacy/person-ref';
import { referencesFor } from '../../shared/application/person-refs';
import type { KnownPeople } from '../../shared/ports/known-people';
import { keyAt, type KeyRing } from '../../shared/privacy/key-ring';
import { chunkBySize } from '../../shared/adapters/partial-retry';
import { checkRecords } from '../../shared/records/check-records';
import { plausibilityProblems } from '../../shared/records/plausibility';
import { ROLL_RECORD_TYPES, type RecordType } from '../../shared/records/record-types';
import { cityDay } from '../../shared/domain/city-time';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { SubmissionBatch } from '../../shared/records/batch';
import type * as z from 'zod';
import type { submissionReceipt } from '../../shared/platform/answers/submissions';
import type { Department } from '../../shared/domain/departments';

/** Problems listed in one error response; the rest are counted. */
const MAX_PROBLEMS = 100;
/** A RecordsAccepted.v1 event stays well inside the bus's 256 KB entry limit. */
export const GROUP_EVENT_BYTES = 200 * 1024;

export interface SubmitRecordsInput {
  /** The department sending, which the API has checked is the caller and the one in the URL. */
  department: WarningRecipient;
  /** The batch as the API parsed it (shared/records/batch.ts); its records are checked here. */
  batch: SubmissionBatch;
  /** The officer sending (the session's source identity): carried on the groups for the checks against favouritism. */
  officer?: string;
}

/** What checking a batch reads: the policy book (plausibility bounds) and the clock. */
export interface CheckContext {
  policy: PolicyBook;
  now: () => Date;
}

export interface SubmitRecordsPorts extends CheckContext {
  submissions: SubmissionStore;
  events: EventPublisher;
  personKey: PersonKeySource;
  /** Read only during a person-key rotation: who the platform already knows, under which version. */
  knownPeople: KnownPeople;
}

/** The answer to a batch (shared/platform/answers.ts): `replayed` when this batch id was already accepted and nothing new was stored. */
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** A batch that passed every check that needs no store: each record against its type and owner. */
export interface CheckedSubmission {
  department: WarningRecipient;
  envelope: SubmissionBatch;
  validated: Record<string, unknown>[];
}

/**
 * Every check of a batch that reads nothing: run before the idempotency layer takes the batch
 * id, so a refused batch leaves nothing behind, not even a lock that a concurrent resend of it
 * would meet as "in progress".
 */
export function checkSubmission(input: SubmitRecordsInput, context: CheckContext): CheckedSubmission {
  const today = cityDay(context.now());
  return {
    department: input.department,
    envelope: input.batch,
    validated: validateRecords(input.department, input.batch.records, (record) => plausibilityProblems(record, context.policy, today)),
  };
}

/** 数据归集: validate a department's batch, keep its header, then announce its records on the bus in groups. */
export async function submitRecords(
  input: SubmitRecordsInput,
  ports: SubmitRecordsPorts,
  checked: CheckedSubmission = checkSubmission(input, ports),
): Promise<SubmissionReceipt> {
  const { department, envelope, validated } = checked;

  const ring = await ports.personKey.ring();
  const submissionId = submissionIdFor(department, envelope.batchId);
  const existing = await ports.submissions.get(submissionId);
  // Keyed: the batch holds identity numbers and names, and a plain hash of a one-record batch
  // could be matched by trying every number. A resend is compared under the key version the
  // first copy was hashed with, so a key rotation in between does not make it a different batch.
  const version = existing ? payloadHashVersion(existing.payloadHash) : ring.current;
  const payloadHash = payloadHashOf(envelope, ring, version);
  // A resend is pseudonymized as the first copy was, under its key version, so that the groups
  // it publishes again are the same events (consumers take each group id once, by its content).
  const issuing: KeyRing = ring.keys.has(version) ? { current: version, keys: ring.keys } : ring;
  const refs = await referencesFor(validated.flatMap(identityNumbersIn), issuing, ports.knownPeople);

  const records: StoredRecord[] = validated.map((record, index) => {
    const pseudonymous = pseudonymize(record, (id) => refs.get(id)!, { birthMonths: ROLL_RECORD_TYPES.includes(record.type as RecordType) }) as Record<
      string,
      unknown
    >;
    return {
      index,
      departmentRecordId: String(record.recordId),
      recordType: String(record.type),
      subjects: personRefsIn(pseudonymous),
      ...(typeof pseudonymous.district === 'string' ? { district: pseudonymous.district } : {}),
      record: pseudonymous,
    };
  });
  // A record travels on the bus whole: one larger than an event can carry is refused, naming it.
  const oversized = records.filter((r) => Buffer.byteLength(JSON.stringify(r.record)) > GROUP_EVENT_BYTES - 4096);
  if (oversized.length) {
    throw tooLarge(
      'RecordTooLarge',
      `${oversized.length} 条记录过大，未保存任何记录 / ${oversized.length} record(s) too large; nothing was stored`,
      cap(
        oversized.map((r) => ({
          record: r.index,
          recordId: r.departmentRecordId,
          field: '(record)',
          message: `记录超过 ${Math.floor((GROUP_EVENT_BYTES - 4096) / 1024)} KB / larger than ${Math.floor((GROUP_EVENT_BYTES - 4096) / 1024)} KB`,
        })),
      ),
    );
  }
  if (existing) return resume(existing, payloadHash, records, ports, input.officer);
  const header: SubmissionHeader = {
    submissionId,
    department,
    batchId: envelope.batchId,
    payloadHash,
    recordCount: records.length,
    acceptedAt: ports.now().toISOString(),
    leaseUntil: leaseFrom(ports.now()),
    // What the submission's status lists before the records are evaluated (no personal data: types and the department's ids).
    records: records.map((r) => ({ recordType: r.recordType, departmentRecordId: r.departmentRecordId })),
  };

  // The header first, once, with this request's lease on publishing it: the same batch sent
  // again meanwhile waits (409 RequestInProgress) instead of publishing it a second time; sent
  // after a failed publication, it takes the lease over and publishes the same groups.
  const saved = await ports.submissions.save(header).catch(async (error: unknown) => {
    // Perhaps written with the answer lost: give the lease back, so a resend need not wait.
    await ports.submissions.releaseLease(submissionId).catch(() => undefined);
    throw error;
  });
  if (saved === 'exists') {
    const committed = await ports.submissions.get(submissionId);
    if (committed) return resume(committed, payloadHash, records, ports, input.officer);
  }
  await publish(header, records, ports, input.officer);
  return receipt(header, false);
}

/**
 * How long a request holds the publication of its batch: longer than the intake's own timeout
 * (29 s, shared/platform/functions.ts; a test holds them together), so a live holder is never
 * overtaken, and a crashed one is after half a minute.
 */
export const PUBLICATION_LEASE_SECONDS = 30;
const leaseFrom = (now: Date) => new Date(now.getTime() + PUBLICATION_LEASE_SECONDS * 1000).toISOString();

async function publish(header: SubmissionHeader, records: readonly StoredRecord[], ports: SubmitRecordsPorts, officer?: string) {
  try {
    await publishRecords(header, records, ports, officer);
    await ports.submissions.markPublished(header.submissionId, ports.now().toISOString());
  } catch (error) {
    // The department is answered 5xx and may resend at once: let it take over without waiting.
    await ports.submissions.releaseLease(header.submissionId).catch(() => undefined);
    throw error;
  }
}

async function resume(
  existing: SubmissionHeader,
  payloadHash: string,
  records: readonly StoredRecord[],
  ports: SubmitRecordsPorts,
  officer?: string,
): Promise<SubmissionReceipt> {
  if (existing.payloadHash.replace(/^[1-9][0-9]{0,2}:/, '') !== payloadHash.replace(/^[1-9][0-9]{0,2}:/, '')) {
    throw conflict(
      'BatchIdReused',
      bilingual(
        `批次 ${existing.batchId} 已按另一组记录接收；请使用新的 batchId`,
        `batch ${existing.batchId} was already accepted with different records; use a new batchId`,
      ),
    );
  }
  // The same records as the first time (the hash says so), with the time they were accepted then.
  if (existing.publishedAt) return receipt(existing, true);
  const now = ports.now();
  const taken = await ports.submissions.takeLease(existing.submissionId, now.toISOString(), leaseFrom(now)).catch(async (error: unknown) => {
    await ports.submissions.releaseLease(existing.submissionId).catch(() => undefined);
    throw error;
  });
  if (!taken) {
    throw conflict(
      'RequestInProgress',
      `批次 ${existing.batchId} 正在处理，请稍后重发 / batch ${existing.batchId} is being processed by another request; send it again shortly`,
    );
  }
  await publish(existing, records, ports, officer);
  return receipt(existing, true);
}

/**
 * 数据归集 announced in groups: one RecordsAccepted.v1 event per record type and size-bounded
 * chunk (a 500-record batch is a handful of events), each with a group id that a resend or a
 * replay repeats, so the functions downstream take each group once.
 */
async function publishRecords(header: SubmissionHeader, records: readonly StoredRecord[], ports: SubmitRecordsPorts, officer?: string) {
  const byType = new Map<string, StoredRecord[]>();
  for (const r of records) byType.set(r.recordType, [...(byType.get(r.recordType) ?? []), r]);
  const events = [...byType].flatMap(([recordType, ofType]) =>
    chunksOf(ofType).map((chunk, n) => ({
      source: RECORDS_ACCEPTED_V1.source,
      detailType: RECORDS_ACCEPTED_V1.detailType,
      detail: recordsAcceptedV1.parse({
        groupId: `${header.submissionId}:${recordType}:${n}`,
        submissionId: header.submissionId,
        department: header.department,
        recordType,
        acceptedAt: header.acceptedAt,
        ...(officer ? { officer } : {}),
        records: chunk.map(acceptedRecordOf(header.submissionId)),
      } as RecordsAcceptedV1),
    })),
  );
  await ports.events.publish(events);
}

const acceptedRecordOf = (submissionId: string) => (r: StoredRecord) => ({
  recordId: `${submissionId}:${r.index}`,
  departmentRecordId: r.departmentRecordId,
  subjects: r.subjects,
  ...(r.district ? { district: r.district } : {}),
  record: r.record,
});

/**
 * The batch's keyed hash, written `<version>:<hex>` with the person-key version it was made
 * under. A hash from before versions (plain hex) was made under version 1.
 */
function payloadHashOf(envelope: unknown, ring: KeyRing, version: number): string {
  // A version no longer held cannot recompute the first copy's hash: the resend is compared
  // under the current one, and is a different batch unless the same key made both.
  const v = ring.keys.has(version) ? version : ring.current;
  return `${v}:${createHmac('sha256', keyAt(ring, v)).update(JSON.stringify(envelope)).digest('hex')}`;
}
const payloadHashVersion = (hash: string) => (/^[1-9][0-9]{0,2}:/.test(hash) ? Number(hash.slice(0, hash.indexOf(':'))) : 1);

/** Records in order, cut where the next one would take the event past its size. */
function chunksOf(records: readonly StoredRecord[]): StoredRecord[][] {
  const bytes = (r: StoredRecord) => Buffer.byteLength(JSON.stringify(acceptedRecordOf('S00000000000000000000000000')(r))) + 1;
  return chunkBySize(records, bytes, GROUP_EVENT_BYTES - 1024);
}

function receipt(header: SubmissionHeader, replayed: boolean): SubmissionReceipt {
  return {
    submissionId: header.submissionId,
    batchId: header.batchId,
    department: header.department as Department,
    accepted: header.recordCount,
    acceptedAt: header.acceptedAt,
    replayed,
  };
}

export function submissionIdFor(department: string, batchId: string): string {
  return `S${hexIdOf(`${department}|${batchId}`, 26)}`;
}

/** Validates every record; all problems of the batch are reported together, nothing is stored. */
function validateRecords(
  department: WarningRecipient,
  records: readonly unknown[],
  plausible: (record: Record<string, unknown>) => { field: string; message: string }[],
): Record<string, unknown>[] {
  const { valid, invalid, forbidden } = checkRecords(department, records, plausible);

  if (forbidden.length) {
    throw notAllowed(
      'RecordTypeNotAllowed',
      bilingual(`部门 ${department} 发送了不归它报送的记录类型`, `department ${department} sent record types it does not own`),
      cap(forbidden),
    );
  }
  if (invalid.length) {
    throw invalidInput(
      'InvalidRecords',
      bilingual(`批次中有 ${invalid.length} 处问题，未保存任何记录`, `${invalid.length} problem(s) in the batch; nothing was stored`),
      cap(invalid),
    );
  }
  return valid;
}

function cap(problems: FieldProblem[]): FieldProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      field: '(batch)',
      message: bilingual(`另有 ${problems.length - MAX_PROBLEMS} 处问题未列出`, `${problems.length - MAX_PROBLEMS} more problem(s) not listed`),
    },
  ];
}
