import { describe, expect, it } from 'vitest';
import { type Page, readPages } from '../../console/src/components/paging';

/** A list route over `all`, `limit` a page, whose filter keeps only even numbers (so pages come back short). */
function evenNumbers(all: number[], limit: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (next: string | undefined): Promise<Page<number>> => {
    asked.push(next);
    const start = next ? Number(next) : 0;
    const slice = all.slice(start, start + limit);
    const end = start + slice.length;
    return { items: slice.filter((n) => n % 2 === 0), ...(end < all.length ? { next: String(end) } : {}) };
  };
  return { fetchPage, asked };
}

describe('reading a filtered list route page by page', () => {
  it('follows next past short and empty pages until it has as many items as wanted', async () => {
    // 1,3,5,7 first: the first two pages hold nothing, yet the list goes on.
    const { fetchPage, asked } = evenNumbers([1, 3, 5, 7, 2, 4, 6, 8, 10, 12], 2);
    const read = await readPages(fetchPage, undefined, 3, 10);
    expect(read).toEqual({ items: [2, 4, 6, 8], next: '8', calls: 4 });
    expect(asked).toEqual([undefined, '2', '4', '6']);
    // "Load more" goes on from where it stopped, to the end of the list.
    const more = await readPages(fetchPage, read!.next, 3, 10);
    expect(more).toEqual({ items: [10, 12], next: undefined, calls: 1 });
  });

  it('stops after the most calls allowed a load, keeping next for the next one', async () => {
    const { fetchPage } = evenNumbers([1, 3, 5, 7, 9, 11, 2], 1);
    const read = await readPages(fetchPage, undefined, 25, 3);
    expect(read).toEqual({ items: [], next: '3', calls: 3 });
  });

  it('drops what it read when the reader asked for something else meanwhile', async () => {
    const { fetchPage } = evenNumbers([2, 4, 6], 1);
    let wanted = true;
    const read = await readPages(
      async (next) => {
        const page = await fetchPage(next);
        wanted = false;
        return page;
      },
      undefined,
      25,
      5,
      () => wanted,
    );
    expect(read).toBeUndefined();
  });
});
