/** One page of a list route: its items and, when more follows, the opaque token for the next. */
export interface Page<T> {
  items: T[];
  next?: string | undefined;
}

/**
 * Reads pages from `from` on until `want` items have come, the list ends, or `maxCalls` pages were
 * read: the API filters after its index, so a page may hold fewer than its limit (even none) while
 * `next` is still present, and a short page is not the end. `stillWanted` stops early when the
 * reader asked for something else meanwhile (its answer is then `undefined`).
 */
export async function readPages<T>(
  fetchPage: (next: string | undefined) => Promise<Page<T>>,
  from: string | undefined,
  want: number,
  maxCalls: number,
  stillWanted: () => boolean = () => true,
): Promise<{ items: T[]; next: string | undefined; calls: number } | undefined> {
  const items: T[] = [];
  let next = from;
  let calls = 0;
  do {
    const page = await fetchPage(next);
    if (!stillWanted()) return undefined;
    items.push(...page.items);
    next = page.next;
    calls += 1;
  } while (next && items.length < want && calls < maxCalls);
  return { items, next, calls };
}
