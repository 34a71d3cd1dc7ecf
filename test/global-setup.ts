import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { ensureConsoleBuilt } from '../infra/local/console-files';
import { startDynamoDbLocal, type DynamoDbLocal } from '../infra/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test worker asks for its DynamoDB Local (test/local-platform.ts). */
    dynamodbBroker: string;
  }
}

/**
 * One DynamoDB Local per test worker, started in this (the main) process the first time a file
 * in that worker asks for it, and stopped by its pid when the run ends. A JVM started by a
 * worker would die with it (its stdin closes), and a worker lives for one file only. A run with
 * no file that needs DynamoDB starts none, and needs no Java.
 */
export default async function setup(project: TestProject) {
  const started = new Map<string, Promise<DynamoDbLocal>>();
  // The console is built once per run, here, when the first browser test asks (test/console/browser.ts):
  // two workers building into console/dist at once would race.
  let consoleBuild: Promise<void> | undefined;
  const server = createServer((request, response) => {
    if (request.url === '/console') {
      consoleBuild ??= ensureConsoleBuilt();
      consoleBuild.then(
        () => response.writeHead(204).end(),
        (error: unknown) => response.writeHead(500).end((error as Error).message),
      );
      return;
    }
    const worker = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('worker') ?? '';
    if (!/^\d{1,3}$/.test(worker)) {
      response.writeHead(400).end('worker=<VITEST_POOL_ID>');
      return;
    }
    let dynamodb = started.get(worker);
    if (!dynamodb) {
      dynamodb = startDynamoDbLocal({ sharedDb: true, jvm: 'fast-start' });
      dynamodb.catch(() => started.delete(worker)); // the next file tries again, and reports its own error
      started.set(worker, dynamodb);
    }
    dynamodb.then(
      ({ endpoint, pid }) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ endpoint, pid })),
      (error: unknown) => response.writeHead(500).end((error as Error).message),
    );
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  project.provide('dynamodbBroker', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  return async () => {
    await new Promise<void>((closed) => server.close(() => closed()));
    const running = await Promise.allSettled(started.values());
    await Promise.all(running.flatMap((r) => (r.status === 'fulfilled' ? [r.value.stop()] : [])));
  };
}
