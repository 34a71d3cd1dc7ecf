/** An event for the platform bus. `detail` is already validated against its contract in events/. */
export interface PlatformEvent {
  source: string;
  detailType: string;
  detail: object;
}

export interface EventPublisher {
  /** Publishes every event or throws: entries that failed after retries are never dropped silently. */
  publish(events: readonly PlatformEvent[]): Promise<void>;
}
