import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onLocalPlatform } from '../e2e/departments';
import { accessibilityViolations, consoleBuilt, launchChromium, SCREENSHOTS, watchErrors } from './browser';

const { platform } = onLocalPlatform();
let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  await consoleBuilt();
  ({ browser, close } = await launchChromium());
});
afterAll(async () => close?.());

describe('the console in a real browser (Debian Chromium)', () => {
  it('signs in as civil affairs with the local identity, in Chinese, and switches to English', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(`${platform.url}/console/`);
    // Unsigned, the console sends the officer to the sign-in page, in Chinese with the plan's terms.
    await page.getByRole('heading', { name: '登录' }).waitFor();
    for (const term of ['低保', '特困', '低保边缘', '刚性支出困难', '三个清单', '一户一条救助链'])
      await expect(page.getByText(term).first().isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // By keyboard, as an officer without a mouse would: focus the select, open it, pick.
    await page.getByRole('combobox', { name: '部门身份' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '民政 (civil-affairs)' }).click();
    await page.getByRole('button', { name: '登录' }).click();

    // A signed call (GET /policy/parameters) succeeded: the header names the department and the officer.
    const signedIn = page.locator('[data-test="signed-in"]');
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain(`已登录：民政（${platform.credentials['civil-affairs'].sourceIdentity}）`);
    expect(page.url()).toBe(`${platform.url}/console/warnings`);
    // The menu holds what civil affairs may use, by the route table's callers.
    const menu = page.getByRole('navigation', { name: '功能菜单' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['预警处置', '救助链', '公示名单', '政策参数', '统计']);
    await menu.getByRole('link', { name: '救助链' }).click();
    await page.getByRole('heading', { name: '家庭救助链' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'signed-in-zh.png') });

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: "A household's assistance chain" }).waitFor();
    expect(await signedIn.textContent()).toContain('Signed in: Civil affairs');
    await page.screenshot({ path: join(SCREENSHOTS, 'signed-in-en.png') });

    expect(errors()).toEqual([]);
    await context.close();
  });
});
