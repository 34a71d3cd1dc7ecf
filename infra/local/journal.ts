import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';

/**
 * An append-only file of JSON lines, each written and flushed to disk before `append` returns:
 * what the local SQS and bus promise a caller survives a crash of the process (kill -9) at any
 * moment after the answer. A torn last line (the crash came mid-write) is ignored on reading.
 */
export class Journal<T> {
  private fd: number | undefined;

  constructor(readonly file: string) {}

  /** The lines written so far, in order. */
  read(): T[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    const out: T[] = [];
    for (const line of lines) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        // Only the last line can be torn; anything after it was never acknowledged.
        break;
      }
    }
    return out;
  }

  /** Appends entries and flushes them to disk (fdatasync) when `durable`. */
  append(entries: readonly T[], durable = true): void {
    if (!entries.length) return;
    this.fd ??= openSync(this.file, 'a', 0o600);
    writeSync(this.fd, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    if (durable) fdatasyncSync(this.fd);
  }

  /** Replaces the file by these entries: written aside, flushed, then renamed over it. */
  rewrite(entries: readonly T[]): void {
    this.close();
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
    const fd = openSync(tmp, 'r+');
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
