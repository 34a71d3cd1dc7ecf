import { fileIdOf, groupBy, type PaymentFileClose, type PaymentFileId, type PaymentLine } from '../../domain/payments';
import type { FiledLine, PaymentFiles } from '../../ports/payment-files';
import { PAYMENT_LINE_PREFIX, paymentFileClose, paymentFilePartition, paymentLine, payeeMonth } from '../../table/entities/payment-file';
import type { Table } from './table';

/** The months' payment files in the single table (access pattern 36). */
export class DynamoPaymentFiles implements PaymentFiles {
  constructor(private readonly table: Table) {}

  /**
   * The file's items by BatchWriteItem (25 a call); the payees' months by UpdateItem packed into
   * transactions (100 a call), one action per payee and month however many of its lines the group holds.
   */
  async addLines(lines: readonly FiledLine[]): Promise<void> {
    if (!lines.length) return;
    await this.table.batchWrite(lines.map(({ line, lineId }) => paymentLine.toItem(line, lineId)));
    const byPayee = groupBy(lines, ({ line }) => `${line.personRef}\u0000${line.month}`);
    await this.table.transactGroups([...byPayee.values()].map((own) => [payeeMonth.addLines(own[0]!.line.personRef, own[0]!.line.month, own)]));
  }

  async close(closes: readonly PaymentFileClose[]): Promise<void> {
    if (closes.length) await this.table.batchWrite(closes.map(paymentFileClose.toItem));
  }

  async closesOf(files: readonly PaymentFileId[]): Promise<Map<string, PaymentFileClose>> {
    if (!files.length) return new Map();
    const items = await this.table.batchGet(files.map(paymentFileClose.key));
    return new Map(items.map(paymentFileClose.fromItem).map((c) => [fileIdOf(c), c]));
  }

  /** Consistent, pages followed: a group's own lines, written just before, are among them. */
  async linesOf(file: PaymentFileId): Promise<PaymentLine[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :line)',
      ExpressionAttributeValues: { ':pk': paymentFilePartition(file), ':line': PAYMENT_LINE_PREFIX },
      ConsistentRead: true,
    });
    return items.map(paymentLine.fromItem);
  }

  async linesOfPayees(payees: readonly { personRef: string; month: string }[]): Promise<PaymentLine[]> {
    if (!payees.length) return [];
    return (await this.table.batchGet(payees.map((p) => payeeMonth.key(p.personRef, p.month)))).flatMap(payeeMonth.fromItem);
  }
}
