import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../../infra/local/bundles';
import { FUNCTIONS } from '../../shared/platform/functions';
import type { FunctionId } from '../../shared/platform/api';

/**
 * Each function carries only what it uses: its bundle (built as CDK builds it, infra/bundling.ts)
 * holds an AWS client or a port's adapter exactly when its definition declares the need, so a
 * handler that reaches for an undeclared port fails here, not in production.
 */
const uses = (inputs: Record<string, number>, path: string) => Object.entries(inputs).some(([file, bytes]) => file.includes(path) && bytes > 0);

describe('each function’s bundle against its declared needs', () => {
  let inputs: Record<FunctionId, Record<string, number>>;

  it.each(Object.values(FUNCTIONS).map((f) => [f.id, f] as const))(
    '%s',
    async (id, definition) => {
      inputs ??= await bundleInputs();
      const mine = inputs[id];
      expect(Object.keys(mine).length, 'the bundle was built').toBeGreaterThan(10);
      const { needs } = definition;
      expect(uses(mine, 'node_modules/@aws-sdk/client-eventbridge/'), 'EventBridge client').toBe(needs.publishEvents);
      expect(uses(mine, 'node_modules/@aws-sdk/client-sqs/'), 'SQS client').toBe(needs.sendToWorkQueues);
      expect(uses(mine, 'node_modules/@aws-sdk/client-secrets-manager/'), 'Secrets Manager client').toBe(needs.personKey || Boolean(needs.purposeKey));
      expect(uses(mine, 'node_modules/@aws-sdk/client-kms/'), 'KMS client').toBe(Boolean(needs.auditSigning));
      expect(uses(mine, 'persistence/DynamoDBPersistenceLayer'), 'idempotency table').toBe(needs.idempotency);
      // Credentials come from the environment: the default chain's other providers stay out.
      expect(uses(mine, 'node_modules/@aws-sdk/credential-provider-node/'), 'default credential chain').toBe(false);
      expect(uses(mine, 'node_modules/@aws-sdk/nested-clients/'), 'STS/SSO clients of the credential chain').toBe(false);
      // zod without the error messages of 40 languages.
      expect(
        Object.keys(mine).filter((f) => /zod\/v4\/locales\/(?!en\.)/.test(f) && mine[f]! > 0),
        'zod locales',
      ).toEqual([]);
    },
    120_000,
  );
});
