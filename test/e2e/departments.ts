import { DepartmentClient } from '../../infra/local/department-client';
import { afterAll, beforeAll } from 'vitest';
import type { LocalPlatform } from '../../infra/local/platform';
import type { WarningRecipient } from '../../shared/domain/departments';
import { startTestPlatform } from '../local-platform';

/** One signed client per department on a running local platform, closed together. */
export function departmentsOf(platform: () => LocalPlatform) {
  const clients = new Map<WarningRecipient, DepartmentClient>();
  const as = (department: WarningRecipient): DepartmentClient => {
    let client = clients.get(department);
    if (!client) {
      const p = platform();
      client = new DepartmentClient(department, {
        url: p.url,
        region: p.region,
        sqsEndpoint: p.endpoints.sqs,
        queueUrl: p.queueUrls[department],
        credential: p.credentials[department],
      });
      clients.set(department, client);
    }
    return client;
  };
  const closeAll = () => {
    for (const c of clients.values()) c.close();
    clients.clear();
  };
  return { as, closeAll };
}

/**
 * A local platform for the test file, on the worker's shared DynamoDB Local with tables of its
 * own (test/local-platform.ts): started before its tests, stopped (with the department clients)
 * after them. `platform` stands for the running one once `beforeAll` has run.
 */
export function onLocalPlatform(options: Parameters<typeof startTestPlatform>[0] = {}) {
  let running: LocalPlatform | undefined;
  const departments = departmentsOf(() => running!);
  beforeAll(async () => {
    running = await startTestPlatform(options);
  });
  afterAll(async () => {
    departments.closeAll();
    await running?.stop();
  });
  const platform = new Proxy({} as LocalPlatform, {
    get: (_, key) => {
      if (!running) throw new Error('the local platform is not started yet (use it inside a test)');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
  return { platform, as: departments.as };
}
