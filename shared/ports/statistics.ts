/** A counter increment: dimension (e.g. IND#IND-01) and the amounts to add. */
export interface CounterIncrement {
  dimension: string;
  add: Record<string, number>;
}

/** One event's contribution to a month's counters, counted once by its key. */
export interface CountedEvent {
  eventKey: string;
  month: string;
  increments: readonly CounterIncrement[];
}

export interface StatisticsStore {
  /**
   * Adds each event's increments to its month's counters, once per event key (a replay or a
   * second delivery adds nothing), summing a group into as few writes as the limits allow.
   * Returns the keys counted now.
   */
  count(events: readonly CountedEvent[]): Promise<string[]>;
  month(month: string): Promise<{ dimension: string; values: Record<string, number> }[]>;
}
