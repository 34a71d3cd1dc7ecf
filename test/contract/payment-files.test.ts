import { describe } from 'vitest';
import { MemoryPaymentFiles, MemoryRegister } from '../fakes';
import { paymentFilesContract } from './payment-files';

/** The in-memory payment files and register keep the contract the DynamoDB adapters keep (test/integration/payment-files.test.ts). */
describe('the payment files’ contract, in memory (test/fakes.ts)', () => {
  paymentFilesContract(() => ({ payments: new MemoryPaymentFiles(), register: new MemoryRegister() }));
});
