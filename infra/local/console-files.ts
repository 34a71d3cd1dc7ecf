import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_SERVING, consoleBasePath, consoleContentType } from '../../shared/platform/console';

/** Where `npm run build:console` writes the console. */
export const CONSOLE_SOURCE = fileURLToPath(new URL('../../console/', import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_SOURCE, 'dist');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/**
 * Builds the console when console/dist is missing or older than its sources: on `npm start` and
 * in the browser tests, not in a prestart/pretest script, so a run that does not serve the
 * console does not pay for it and a served console is never stale (a build takes ~4 s).
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const index = join(CONSOLE_DIST, 'index.html');
  // The route table is built into the console too (its menu's callers: console/vite.config.ts).
  const sources = [
    ...['src', 'index.html', 'vite.config.ts'].map((n) => join(CONSOLE_SOURCE, n)),
    join(CONSOLE_SOURCE, '..', 'shared', 'platform', 'api.ts'),
    join(CONSOLE_SOURCE, '..', 'shared', 'platform', 'console.ts'),
  ];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  const { build } = await import('vite');
  // The runner loader reads the config's extensionless imports of shared/ as the rest of the repo writes them.
  await build({ configFile: join(CONSOLE_SOURCE, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
}

/**
 * Serves the console's files under /console/ (a path without a file falls back to index.html,
 * the single-page app's routes). Returns false for paths that are not the console's.
 */
export function serveConsole(root: string, pathname: string, res: ServerResponse): boolean {
  const basePath = consoleBasePath(); // the same facts as the deployed routes: shared/platform/console.ts
  const bare = basePath.slice(0, -1);
  if (pathname !== bare && !pathname.startsWith(basePath)) return false;
  if (pathname === bare) {
    res.writeHead(301, { location: basePath });
    res.end();
    return true;
  }
  const base = resolve(root);
  let file = resolve(base, `.${decodeURIComponent(pathname.slice(bare.length))}`);
  if (file !== base && !file.startsWith(base + sep)) return notFound(res);
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(pathname)) return notFound(res);
    file = join(base, CONSOLE_SERVING.fallbackDocument);
    if (!existsSync(file)) return notFound(res, '控制台尚未构建，请运行 npm run build:console / the console is not built: npm run build:console');
  }
  const hashed = file.startsWith(join(base, CONSOLE_SERVING.assetsFolder) + sep);
  res.writeHead(200, {
    'content-type': consoleContentType(file) ?? 'application/octet-stream',
    'cache-control': hashed ? CONSOLE_SERVING.cacheControl.asset : CONSOLE_SERVING.cacheControl.document,
    ...CONSOLE_SERVING.headers,
  });
  res.end(readFileSync(file));
  return true;
}

function notFound(res: ServerResponse, message = 'not found'): true {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
  return true;
}

/** Only a caller on this machine may read the local identities (the front listens on 127.0.0.1 too). */
export function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
