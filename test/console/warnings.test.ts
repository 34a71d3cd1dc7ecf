import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../infra/local/console-files';
import { onLocalPlatform } from '../e2e/departments';
import { deathRecord, rollEntry, yueluHousehold } from '../fixtures/people';
import { launchChromium, SCREENSHOTS } from './browser';
import { signedInPage } from './sign-in-as';

/**
 * A case worker's day in the browser: a death reported by health raises IND-01 for civil affairs,
 * who finds it in the open list, reads the household's chain, takes the warning in hand, answers
 * it and sees it move to the answered list; education, signed in beside, sees none of it.
 */
const { platform, as } = onLocalPlatform();
let browser: Browser;
let close: () => Promise<void>;
let warningId = '';

beforeAll(async () => {
  await ensureConsoleBuilt();
  ({ browser, close } = await launchChromium());
  expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
  await platform.idle();
  expect((await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
  await platform.idle();
}, 120_000);
afterAll(async () => close?.());

/** Picks an option of an Element Plus select by keyboard: focus, Enter opens it. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option, exact: true }).click();
}

const rowsOf = (page: Page) => page.locator('[data-test="warning-list"] .el-table__body tr');

describe('warnings in the console (Debian Chromium)', () => {
  it('shows civil affairs the IND-01 warning in its open list, with the district in Chinese and a link to the chain', async () => {
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'civil-affairs');
    await page.getByRole('heading', { name: '预警处置' }).waitFor();
    const row = rowsOf(page).filter({ hasText: 'IND-01' });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain(yueluHousehold.householdId);
    expect(text).toContain('岳麓区');
    // No identity number nor name on the page: the list gives household numbers only.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(body).not.toContain(yueluHousehold.grandmother.name);

    // Indicator goes to the API: IND-02 holds nothing for this household.
    await choose(page, '预警指标', 'IND-02');
    await page.getByText('没有符合条件的预警').waitFor();
    await choose(page, '预警指标', 'IND-01');
    await row.waitFor();

    const href = await row.getByRole('link', { name: '处置' }).getAttribute('href');
    warningId = href!.split('/').pop()!;
    expect(warningId).toMatch(/^W[0-9A-F]{8,}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-open-zh.png') });

    await row.getByRole('link', { name: '救助链' }).click();
    await page.getByRole('heading', { name: '家庭救助链' }).waitFor();
    // The timeline names each entry's kind in Chinese: the roll entry, the death record, the warning and its push.
    const timeline = page.locator('[data-test="timeline"]');
    await timeline.waitFor();
    const kinds = await timeline.locator('.el-timeline-item strong').allTextContents();
    for (const kind of ['纳入名册', '部门数据', '产生预警', '推送预警']) expect(kinds).toContain(kind);
    expect(await page.locator('[data-test="household"]').textContent()).toContain('低保');
    await page.screenshot({ path: join(SCREENSHOTS, 'household-timeline-zh.png') });
    // 需求清单: the IND-01 warning waits for civil affairs.
    await page.getByRole('tab', { name: '需求清单' }).click();
    const need = page.locator('[data-test="needs"] .el-table__body tr').filter({ hasText: 'IND-01' });
    await need.waitFor();
    expect(await need.textContent()).toContain('民政');
    // 幸福清单: the dibao allowance in payment.
    await page.getByRole('tab', { name: '幸福清单' }).click();
    const allowance = page.locator('[data-test="allowances"] .el-table__body tr').first();
    await allowance.waitFor();
    expect(await allowance.textContent()).toMatch(/dibao-allowance.*发放中/);
    const chainBody = (await page.locator('body').textContent()) ?? '';
    expect(chainBody).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(errors()).toEqual([]);
    await context.close();
  });
});
