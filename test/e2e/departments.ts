import { DepartmentClient } from '../../infra/local/department-client';
import type { LocalPlatform } from '../../infra/local/platform';
import type { WarningRecipient } from '../../shared/domain/departments';

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
