/** A counter increment: dimension (e.g. IND#IND-01) and the amounts to add. */
export interface CounterIncrement {
  dimension: string;
  add: Record<string, number>;
}

export interface StatisticsStore {
  /** Adds the increments to the month's counters once per event key; false if already counted. */
  count(eventKey: string, month: string, increments: readonly CounterIncrement[]): Promise<boolean>;
  month(month: string): Promise<{ dimension: string; values: Record<string, number> }[]>;
}
