import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsWorkQueues } from '../adapters/sqs/work-queues';
import { required } from '../config';
import { once } from './once';

/**
 * The departments' work queues (need `sendToWorkQueues`). The regional endpoint (or
 * AWS_ENDPOINT_URL_SQS) rather than each queue URL's host: the same on AWS, and on the local
 * platform the queue URLs' hosts are not resolvable names.
 */
export const workQueues = /* @__PURE__ */ once(() => new SqsWorkQueues(new SQSClient({ useQueueUrlAsEndpoint: false }), required('WORK_QUEUE_URLS')));
