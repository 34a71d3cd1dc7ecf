import type { Browser, Page } from 'playwright-core';
import { watchErrors } from './browser';

/**
 * A fresh browser context signed in with a local department identity, by keyboard, then sent to
 * `next` by the sign-in page itself (credentials live in the page's memory, so a reload or a
 * `goto` would sign out again).
 */
export async function signedInAs(
  browser: Browser,
  url: string,
  department: string,
  label: string,
  next: string,
  viewport = { width: 1366, height: 768 },
): Promise<{ page: Page; errors: () => string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${url}/console/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByRole('combobox', { name: '部门身份' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: `${label} (${department})` }).click();
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-test="signed-in"]').waitFor();
  return { page, errors, close: () => context.close() };
}
