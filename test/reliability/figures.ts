/** Small helpers to print the reliability figures as a short table. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function latency(samplesMs: readonly number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s.at(-1) ?? 0) };
}

export function printFigures(title: string, rows: Record<string, string | number>) {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  const lines = Object.entries(rows).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  console.log(`\n── ${title} ──\n${lines.join('\n')}\n`);
}

/** What became of the requests of one class of hostile input. */
export interface ClassCounts {
  tried: number;
  '4xx': number;
  '5xx': number;
  /** Answered neither 4xx nor 5xx: accepted, which a hostile request must never be. */
  other: number;
  /** Cases (in process) or items and events (over HTTP) that something was stored or published for. */
  stored: number;
}

/** Counts per class of hostile input, printed as one table. */
export class ClassFigures {
  readonly rows = new Map<string, ClassCounts>();

  private row(name: string): ClassCounts {
    let row = this.rows.get(name);
    if (!row) {
      row = { tried: 0, '4xx': 0, '5xx': 0, other: 0, stored: 0 };
      this.rows.set(name, row);
    }
    return row;
  }

  answered(name: string, status: number) {
    const row = this.row(name);
    row.tried += 1;
    if (status >= 400 && status < 500) row['4xx'] += 1;
    else if (status >= 500) row['5xx'] += 1;
    else row.other += 1;
  }

  stored(name: string, count: number) {
    this.row(name).stored += count;
  }

  print(title: string, note?: string) {
    const columns = ['tried', '4xx', '5xx', 'other', 'stored'] as const;
    const rows = [...this.rows].sort(([a], [b]) => a.localeCompare(b));
    const total = Object.fromEntries(columns.map((c) => [c, rows.reduce((s, [, r]) => s + r[c], 0)])) as unknown as ClassCounts;
    const width = Math.max(5, ...rows.map(([k]) => k.length));
    const line = (name: string, r: ClassCounts) => `  ${name.padEnd(width)}${columns.map((c) => String(r[c]).padStart(8)).join('')}`;
    const header = `  ${'class'.padEnd(width)}${columns.map((c) => c.padStart(8)).join('')}`;
    console.log(`\n── ${title} ──\n${header}\n${rows.map(([k, r]) => line(k, r)).join('\n')}\n${line('all', total)}${note ? `\n  ${note}` : ''}\n`);
  }
}
