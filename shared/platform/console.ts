/**
 * How the console (工作台, console/dist) is served, declared once: the local HTTP front
 * (infra/local/console-files.ts) and the deployed API Gateway routes (infra/constructs/console-site.ts)
 * both read these facts. The console is public code: its files need no signature; every piece of
 * data it shows comes from the SigV4-signed API on the same origin.
 */
export const CONSOLE_SERVING = {
  /** The path segment under the API's root (`/console/` locally, `/<stage>/console/` deployed). */
  segment: 'console',
  /** The single-page app's one document: every path that is not a file falls back to it. */
  fallbackDocument: 'index.html',
  /** Vite's output folder for hashed assets (their names change with their content). */
  assetsFolder: 'assets',
  cacheControl: {
    /** Hashed assets never change under their name. */
    asset: 'public, max-age=31536000, immutable',
    /** index.html must be read afresh to find the newest assets. */
    document: 'no-cache',
  },
  /**
   * The only kinds of file the console is built into, by extension. All are text, so API Gateway
   * passes them through without binary media types (`*∕*` there would break the Lambda proxy
   * bodies of the JSON routes); a build that emits any other kind fails test/infra/console.test.ts.
   */
  contentTypes: {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
  } as Readonly<Record<string, string>>,
  /** Offered at sign-in on the local platform only; deployed it answers 404. */
  localIdentities: 'local-identities.json',
  /** Headers on every console file, local and deployed. */
  headers: { 'x-content-type-options': 'nosniff' },
} as const;

/**
 * The console's base path: `/console/` on the local platform (API at the origin's root), and
 * `/<stage>/console/` on API Gateway's own endpoint, whose paths all start with the stage.
 */
export function consoleBasePath(stage?: string): string {
  return stage ? `/${stage}/${CONSOLE_SERVING.segment}/` : `/${CONSOLE_SERVING.segment}/`;
}

/** The API's root for a console served at `base` (`/v1/console/` → `/v1/`): the console calls the API there. */
export function apiRootOfConsole(base: string): string {
  const suffix = `${CONSOLE_SERVING.segment}/`;
  if (!base.endsWith(`/${suffix}`)) throw new Error(`not a console base path: ${base}`);
  return base.slice(0, -suffix.length);
}

/** The Content-Type a console file is served with, or undefined for a kind the console never holds. */
export function consoleContentType(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : CONSOLE_SERVING.contentTypes[fileName.slice(dot).toLowerCase()];
}
