import { describe } from 'vitest';
import { MemoryAssessments, MemoryPolicyStore, MemoryRegister, MemorySubmissionStore, MemoryWarnings, MemoryWhatIfJobs } from '../fakes';
import { portContracts } from './ports';

/** The in-memory fakes keep the ports' contracts as the DynamoDB adapters do (dynamo-adapters.test.ts). */
describe('the ports’ contracts, in memory (test/fakes.ts)', () => {
  portContracts(() => {
    const register = new MemoryRegister();
    return {
      register,
      warnings: new MemoryWarnings(register),
      submissions: new MemorySubmissionStore(),
      policy: new MemoryPolicyStore(),
      assessments: new MemoryAssessments(),
      whatIfJobs: new MemoryWhatIfJobs(),
    };
  });
});
