import type { PaymentFileClose, PaymentFileId, PaymentLine } from '../domain/payments';

/** A line as civil affairs filed it: `lineId` is its own id for the line, the same however often it is posted. */
export interface FiledLine {
  line: PaymentLine;
  lineId: string;
}

/**
 * 发放清单 the months' allowance payment files as their lines arrive (四.3 确保按时足额发放):
 * what the checks of a whole file (IND-22 to IND-24) read once it is complete. Every method takes
 * a group; writing a line or a close again changes nothing.
 */
export interface PaymentFiles {
  /** Keeps lines under their file and under their payee's month. */
  addLines(lines: readonly FiledLine[]): Promise<void>;
  /** Keeps files' closes (a close posted again replaces itself). */
  close(closes: readonly PaymentFileClose[]): Promise<void>;
  /** The closes held of these files, by `fileIdOf`; a file not closed yet is absent. */
  closesOf(files: readonly PaymentFileId[]): Promise<Map<string, PaymentFileClose>>;
  /** Every line held of one file. */
  linesOf(file: PaymentFileId): Promise<PaymentLine[]>;
  /** Every line held of these payees for these months, in any district's file. */
  linesOfPayees(payees: readonly { personRef: string; month: string }[]): Promise<PaymentLine[]>;
}
