/**
 * What this process writes to stdout and stderr from now until `stop`, line by line, and not
 * shown. Worker threads' output (the local runtime's functions) is piped through the same streams;
 * Powertools' logger writes WARN and ERROR lines to stderr, the others to stdout.
 */
export function captureOutput(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const restore: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    let pending = '';
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const parts = (pending + (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))).split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.length));
      rest.find((r): r is () => void => typeof r === 'function')?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
      if (pending) lines.push(pending);
    });
  }
  return {
    lines,
    stop: () => {
      for (const r of restore.splice(0)) r();
    },
  };
}
