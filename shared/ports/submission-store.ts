export interface SubmissionHeader {
  submissionId: string;
  department: string;
  batchId: string;
  payloadHash: string;
  recordCount: number;
  acceptedAt: string;
  publishedAt?: string;
}

export interface StoredRecord {
  index: number;
  departmentRecordId: string;
  recordType: string;
  subjects: string[];
  district?: string;
  /** Pseudonymized: no names, person references instead of identity numbers. */
  record: Record<string, unknown>;
}

export interface SubmissionStore {
  get(submissionId: string): Promise<SubmissionHeader | undefined>;
  /** Stores every record, then the header; 'exists' when another request committed this batch first. */
  save(header: SubmissionHeader, records: readonly StoredRecord[]): Promise<'saved' | 'exists'>;
  records(submissionId: string): Promise<StoredRecord[]>;
  markPublished(submissionId: string, at: string): Promise<void>;
}
