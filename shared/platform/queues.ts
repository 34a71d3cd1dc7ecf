import { WARNING_RECIPIENTS, type WarningRecipient } from '../domain/departments';

/**
 * One work queue per department plus county coordination, each with its own dead-letter queue.
 * Names and settings are declared here for both the CDK stack and the local SQS.
 */
export const WORK_QUEUE_SETTINGS = {
  /** Departments' handlers have this long to process a message before it is redelivered. */
  visibilityTimeoutSeconds: 300,
  /** Redeliveries before a message goes to the DLQ. */
  maxReceiveCount: 5,
  retentionSeconds: 14 * 24 * 3600,
  dlqRetentionSeconds: 14 * 24 * 3600,
  receiveWaitSeconds: 20,
} as const;

export function workQueueName(prefix: string, recipient: WarningRecipient): string {
  return `${prefix}-${recipient}-work`;
}
export function deadLetterQueueName(prefix: string, recipient: WarningRecipient): string {
  return `${prefix}-${recipient}-work-dlq`;
}

export const WORK_QUEUE_RECIPIENTS = WARNING_RECIPIENTS;
