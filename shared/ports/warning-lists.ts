import type { StoredWarning } from '../domain/warning';
import type { InboxEntry } from '../table/entities/warning';

export type { InboxEntry };

/** A page of a list and, when more follows, the opaque token that asks for it. */
export interface ListPage<T> {
  items: T[];
  next?: string;
}

/**
 * 工作台列表 the lists the console pages through, each one indexed query (no Scan). `after` is
 * the `next` of the previous page; a token that is not one of this list's is refused
 * (InvalidPageToken), so a department cannot page into another's list.
 */
export interface WarningLists {
  /** A recipient's warnings in one state, newest first; `dueBefore` keeps only those due before it (overdue). */
  inbox(q: {
    recipient: string;
    state: 'open' | 'answered';
    dueBefore?: string;
    indicator?: string;
    district?: string;
    limit: number;
    after?: string;
  }): Promise<ListPage<InboxEntry>>;
  /** Open warnings past due in the districts given, district by district, earliest due first; optionally only those routed to one recipient. */
  overdue(q: { districts: readonly string[]; now: string; recipient?: string; limit: number; after?: string }): Promise<ListPage<StoredWarning>>;
}

/** A `next` token that is not one of the list's (forged, or from another list): the caller asks again from the first page. */
export class ForeignPageToken extends Error {
  constructor() {
    super('the page token is not one of this list’s');
    this.name = 'ForeignPageToken';
  }
}
