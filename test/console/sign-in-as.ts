import type { Browser, Locator, Page } from 'playwright-core';
import { watchErrors } from './browser';

const LAYOUT_SHIFT_PROBE = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__layoutShift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

/** The layout shift the page has had since it loaded (0 when nothing moved once drawn). */
export async function layoutShift(page: Page): Promise<number> {
  return Number(await page.evaluate('window.__layoutShift'));
}

/** Whether the page is wider than its window (a horizontal scroll bar): tables scroll inside themselves instead. */
export async function overflowsWidth(page: Page): Promise<boolean> {
  return Boolean(await page.evaluate('document.documentElement.scrollWidth > window.innerWidth'));
}

/**
 * A fresh browser context (its own memory, so its own session) signed in as a local department
 * identity, by keyboard like sign-in.test.ts, then on the console page `path` (default the start
 * page): the console sends an unsigned visitor to the sign-in and, once signed in, on to the page
 * asked for (a `goto` after signing in would sign out: credentials live in the page's memory).
 * `errors()` lists every console error and page error.
 */
export async function signedInPage(browser: Browser, consoleUrl: string, department: string, path = '', viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  // Cumulative layout shift as Chromium measures it (shifts right after input excluded, as CLS does).
  await context.addInitScript(LAYOUT_SHIFT_PROBE);
  const page: Page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${consoleUrl}${path}`);
  const submit = page.getByRole('button', { name: '登录' });
  // The local identities are listed as `<Chinese name> (<department code>)`. On a loaded machine a
  // click can land while the dropdown is still opening and choose nothing: choose again until the
  // sign-in button is enabled (it is only once a department is chosen).
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('combobox', { name: '部门身份' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: new RegExp(`\\(${department}\\)$`) }).click();
    const chosen = await enabledWithin(submit, 5_000);
    if (chosen || attempt === 3) break;
    await page.keyboard.press('Escape');
  }
  await submit.click();
  await page.locator('[data-test="signed-in"]').waitFor();
  return { context, page, errors, close: () => context.close() };
}

/** Whether the control becomes enabled within `ms` (playwright-core has no waiting assertion of its own). */
async function enabledWithin(control: Locator, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await control.isEnabled()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
