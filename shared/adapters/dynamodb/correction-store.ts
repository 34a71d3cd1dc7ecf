import type { RecordedCorrection } from '../../domain/correction';
import type { CorrectionStore, CorrectionWrite } from '../../ports/correction-store';
import { undoWrites } from '../../table/entities/correction-undo';
import { allowanceRewrite, chainEntry } from '../../table/entities/household';
import { warningCorrection, warningPartition } from '../../table/entities/warning';
import type { Table, WriteAction } from './table';

/** 纠错 corrections in the warning's partition; the allowances and chain entries in the household's. */
export class DynamoCorrectionStore implements CorrectionStore {
  constructor(private readonly table: Table) {}

  async corrections(warningId: string): Promise<RecordedCorrection[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
      ExpressionAttributeValues: { ':pk': warningPartition(warningId), ':c': warningCorrection.prefix },
      ConsistentRead: true,
    });
    return items.map(warningCorrection.fromItem);
  }

  async correct({ correction, householdId, district, allowances, entries, undo }: CorrectionWrite): Promise<'corrected' | 'conflict'> {
    const actions: WriteAction[] = [
      warningCorrection.put(correction),
      ...allowances.flatMap((r) => allowanceRewrite(householdId, r, district)),
      ...entries.map((e) => ({ Put: { Item: chainEntry.toItem(e) } })),
      ...undoWrites(householdId, correction.warningId, undo),
    ];
    const [outcome] = await this.table.transactGroups([actions]);
    return outcome === 'done' ? 'corrected' : 'conflict';
  }

  async markPublished(c: RecordedCorrection, at: string): Promise<void> {
    await this.table.writeOnce(warningCorrection.markPublished(c, at) as Extract<WriteAction, { Update: unknown }>);
  }
}
