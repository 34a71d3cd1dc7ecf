import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Where the browser tests save their screenshots (ignored by git). */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'console');

/**
 * Debian's Chromium driven by playwright-core (never `npx playwright install`), headless, with a
 * fresh profile (playwright's launch makes a temporary one and removes it on close); a page records every console error and uncaught exception, and `expectNoErrors`
 * fails the test on any.
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    close: () => browser.close(),
  };
}

export function watchErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  return () => errors;
}

/** The console built for this run: once, by the global setup (test/global-setup.ts), however many browser test files ask. */
export async function consoleBuilt(): Promise<void> {
  const response = await fetch(`${inject('dynamodbBroker')}/console`);
  if (!response.ok) throw new Error(`the console did not build: ${await response.text()}`);
}
