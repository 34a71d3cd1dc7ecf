import type { PolicyParameter } from '../../domain/policy/policy-book';
import type { PolicyChangeEntry } from '../../domain/policy/policy-change';
import type { ItemKey } from '../keys';

const pad = (n: number) => String(n).padStart(8, '0');

/**
 * 政策参数 policy: the rows administrators changed over those shipped, the version, and the
 * trail of changes in version order (one partition: a few hundred rows, read once a minute).
 */
const versionKey = (): ItemKey => ({ PK: 'POLICY', SK: 'VERSION' });
const rowKeyOf = (rowKey: string): ItemKey => ({ PK: 'POLICY', SK: `ROW#${rowKey}` });
const changeKey = (version: number): ItemKey => ({ PK: 'POLICY#CHANGES', SK: pad(version) });

export const policyVersion = {
  key: versionKey,
  partition: 'POLICY',
  toItem: (version: number, changedAt: string) => ({ ...versionKey(), entity: 'PolicyVersion', version, changedAt }),
  versionOf: (items: readonly Record<string, unknown>[]) => Number(items.find((i) => i.SK === versionKey().SK)?.version ?? 0),
};

export const policyRow = {
  key: rowKeyOf,
  PREFIX: 'ROW#',
  toItem: (rowKey: string, row: PolicyParameter, version: number) => ({ ...rowKeyOf(rowKey), entity: 'PolicyRow', row, version }),
  /** Each row with the change that wrote it (items written before rows carried it: version as stored beside the row). */
  rowsOf: (items: readonly Record<string, unknown>[]) =>
    items
      .filter((i) => String(i.SK).startsWith('ROW#'))
      .map((i) => ({ ...(i.row as PolicyParameter), ...(typeof i.version === 'number' ? { changeVersion: i.version } : {}) })),
};

export const policyChange = {
  key: changeKey,
  partition: 'POLICY#CHANGES',
  toItem: (entry: PolicyChangeEntry) => ({ ...changeKey(entry.version), entity: 'PolicyChange', ...entry }),
  fromItem: ({ PK: _p, SK: _s, entity: _e, ...entry }: Record<string, unknown>) => entry as unknown as PolicyChangeEntry,
};
