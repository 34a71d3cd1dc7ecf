// One Lambda execution environment of the local platform: a worker thread that loads a
// function's bundle once (its cold start) and then runs one invocation at a time, as Lambda
// does. The runtime terminates the thread when an invocation overruns its timeout.
import { parentPort, workerData } from 'node:worker_threads';

const { bundle, functionName, memoryLimitInMB, invokedFunctionArn } = workerData;
const started = performance.now();
const { handler } = await import(bundle);
if (typeof handler !== 'function') throw new Error(`${bundle} does not export a handler`);
parentPort.postMessage({ type: 'ready', initMs: performance.now() - started });

parentPort.on('message', async ({ id, event, deadline, requestId }) => {
  const context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn,
    memoryLimitInMB,
    awsRequestId: requestId,
    logGroupName: `/local/${functionName}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({ type: 'result', id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ type: 'result', id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
