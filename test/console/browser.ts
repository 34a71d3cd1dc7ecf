import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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

/**
 * The page checked with axe-core against WCAG 2.1 A and AA (labels on every control, names on
 * buttons and links, contrast, landmarks, lang): the serious and critical violations, each as
 * `rule: target` so a failure says where. Empty when the page is accessible by those rules.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}${n.any[0]?.message ? ` (${n.any[0].message})` : ''}`));
}
