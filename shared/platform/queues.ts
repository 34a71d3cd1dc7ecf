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

/** Where Lambda puts the events an asynchronously invoked function failed for good (its on-failure destination). */
export function asyncFailureQueueName(prefix: string): string {
  return `${prefix}-async-failures`;
}

/**
 * The SQS actions each kind of grant allows, declared once: the CDK stacks put them in the
 * department roles' and the functions' policies, and the local SQS refuses every other action
 * (a batch action is allowed by its single one, as in IAM: SendMessageBatch by sqs:SendMessage).
 */
export const QUEUE_ACTIONS = {
  /** Reading a queue: what a department role may do on its own work queue, and nowhere else. */
  read: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
  /** A function whose needs declare `sendToWorkQueues`, on every work queue. */
  sendToWorkQueues: ['sqs:SendMessage'],
  /**
   * An asynchronously invoked function, on the async failure queue: Lambda sends the on-failure
   * record with the function's own role, and CDK's SqsDestination grants that role exactly these.
   */
  onFailureDestination: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
} as const satisfies Record<string, readonly `sqs:${string}`[]>;
