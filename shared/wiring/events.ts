import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher';
import { required } from '../config';
import { once } from './once';

/** The platform bus (need `publishEvents`). */
export const events = /* @__PURE__ */ once(() => new EventBridgePublisher(new EventBridgeClient({}), required('EVENT_BUS_NAME')));
