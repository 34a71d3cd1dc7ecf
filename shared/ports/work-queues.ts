import type { WarningRecipient } from '../domain/departments';

export interface WorkItemMessage {
  recipient: WarningRecipient;
  /** Unique per recipient and warning: consumers de-duplicate on it. */
  messageId: string;
  body: object;
}

/** The department work queues (one SQS queue per department, plus county coordination). */
export interface WorkQueues {
  /** Sends every message or throws naming the ones that failed after retries. */
  send(messages: readonly WorkItemMessage[]): Promise<void>;
}
