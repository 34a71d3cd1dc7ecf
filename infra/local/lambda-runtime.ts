import { localArn } from './arn';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionId } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs the platform's Lambda handlers in this process, the way the Lambda runtime would call
 * them: the same module from functions/, an event, and a context with the function's timeout.
 */
export class LocalLambdas {
  private readonly modules = new Map<FunctionId, Promise<Handler>>();

  constructor(
    private readonly repoRoot: string,
    private readonly region: string,
  ) {}

  async invoke(id: FunctionId, event: unknown): Promise<unknown> {
    const handler = await this.load(id);
    const definition = FUNCTIONS[id];
    const deadline = Date.now() + definition.timeoutSeconds * 1000;
    const requestId = randomUUID();
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: `local-${id}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: localArn(this.region, 'lambda', `function:local-${id}`),
      memoryLimitInMB: String(definition.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/local/${id}`,
      logStreamName: requestId,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${id} timed out after ${definition.timeoutSeconds} s`)), definition.timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([handler(event, context), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(id: FunctionId): Promise<Handler> {
    let loading = this.modules.get(id);
    if (!loading) {
      const url = pathToFileURL(resolve(this.repoRoot, FUNCTIONS[id].entry)).href;
      loading = import(url).then((m: { handler?: Handler }) => {
        if (typeof m.handler !== 'function') throw new Error(`${FUNCTIONS[id].entry} does not export a handler`);
        return m.handler;
      });
      this.modules.set(id, loading);
    }
    return loading;
  }
}
