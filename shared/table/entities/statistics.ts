import type { ItemKey } from '../keys';

// 统计 statistics: counters per month and dimension, and a marker per counted event (exactly once).
export const statistic = {
  key: (month: string, dimension: string): ItemKey => ({ PK: `STATS#${month}`, SK: dimension }),
  partition: (month: string) => `STATS#${month}`,
  fromItem(item: Record<string, unknown>): { dimension: string; values: Record<string, number> } {
    const { PK: _p, SK, entity: _e, ...values } = item;
    return { dimension: String(SK), values: Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'number')) as Record<string, number> };
  },
};

export const countedEvent = {
  key: (eventKey: string): ItemKey => ({ PK: `COUNTED#${eventKey}`, SK: 'COUNTED' }),
  toItem: (eventKey: string, month: string) => ({ PK: `COUNTED#${eventKey}`, SK: 'COUNTED', entity: 'CountedEvent', month }),
};
