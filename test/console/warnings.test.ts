import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { onLocalPlatform } from '../e2e/departments';
import { deathRecord, rollEntry, yueluHousehold } from '../fixtures/people';
import { accessibilityViolations, consoleBuilt, launchChromium, SCREENSHOTS } from './browser';
import { layoutShift, overflowsWidth, signedInPage } from './sign-in-as';

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
  await consoleBuilt();
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

/** Waits for every loading mask to go (its fade included), so a screenshot shows what arrived. */
const settled = (page: Page) => page.locator('.el-loading-mask').first().waitFor({ state: 'detached' });

const rowsOf = (page: Page) => page.locator('[data-test="warning-list"] .el-table__body tr');

describe('warnings in the console (Debian Chromium)', () => {
  it('shows civil affairs the IND-01 warning in its open list, with the district in Chinese and a link to the chain', async () => {
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'civil-affairs');
    await page.getByRole('heading', { name: '预警处置' }).waitFor();
    const row = rowsOf(page).filter({ hasText: 'IND-01' });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    // The list keeps its height while it loads: nothing jumps when the data arrives.
    await settled(page);
    expect(await layoutShift(page)).toBeLessThan(0.05);
    const text = await row.textContent();
    expect(text).toContain(yueluHousehold.householdId);
    expect(text).toContain('岳麓区');
    // The indicator's Chinese name from its definition, not the English title the warning stored.
    expect(text).toContain('救助对象死亡');
    expect(text).not.toContain('recipient died');
    // No identity number nor name on the page: the list gives household numbers only.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(body).not.toContain(yueluHousehold.grandmother.name);

    // Indicator goes to the API: IND-02 holds nothing for this household.
    await choose(page, '预警指标', 'IND-02');
    await page.getByText('没有符合条件的预警').waitFor();
    await choose(page, '预警指标', 'IND-01');
    await row.waitFor();

    // Deadline and age filter the page read so far, and say so: the warning is due in 10 days, raised today.
    await choose(page, '办理时限', '已超期');
    await page.getByText('没有符合条件的预警').waitFor();
    expect(await page.locator('[data-test="client-filter-note"]').textContent()).toContain('本页显示 0 / 已读取 1 条');
    await choose(page, '办理时限', '14 天内到期');
    await row.waitFor();
    await choose(page, '办理时限', '3 天内到期');
    await page.getByText('没有符合条件的预警').waitFor();
    await choose(page, '办理时限', '14 天内到期');
    await page.getByLabel('产生至今不少于（天）').fill('1');
    await page.getByLabel('产生至今不少于（天）').press('Tab');
    await page.getByText('没有符合条件的预警').waitFor();
    await page.getByLabel('产生至今不少于（天）').fill('0');
    await page.getByLabel('产生至今不少于（天）').press('Tab');
    await row.waitFor();

    const href = await row.getByRole('link', { name: '处置' }).getAttribute('href');
    warningId = href!.split('/').pop()!;
    expect(warningId).toMatch(/^W[0-9A-F]{8,}$/);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-open-zh.png') });

    await row.getByRole('link', { name: '救助链' }).click();
    await page.getByRole('heading', { name: '家庭救助链' }).waitFor();
    // The timeline names each entry's kind in Chinese: the roll entry, the death record, the warning and its push.
    const timeline = page.locator('[data-test="timeline"]');
    await timeline.waitFor();
    const kinds = await timeline.locator('.el-timeline-item strong').allTextContents();
    for (const kind of ['纳入名册', '部门数据', '产生预警', '推送预警']) expect(kinds).toContain(kind);
    // Automatic entries name the platform function that acted, in Chinese.
    expect(await timeline.textContent()).toContain('预警研判（平台）');
    // Unticking a group hides its entries.
    const pushes = page.locator('label.el-checkbox', { hasText: '推送与签收' });
    await pushes.click();
    expect(await timeline.locator('.el-timeline-item strong').allTextContents()).not.toContain('推送预警');
    await pushes.click();
    expect(await timeline.locator('.el-timeline-item strong').allTextContents()).toContain('推送预警');
    expect(await page.locator('[data-test="household"]').textContent()).toContain('低保');
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
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

  it('shows a refused answer next to the field the API names, in the chosen language', async () => {
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'civil-affairs', `warnings/${warningId}`);
    await page.locator('[data-test="warning-summary"]').waitFor();
    await choose(page, '处置结果', '退出并转认定（经本人同意）');
    await choose(page, '转入类别', '低保边缘');
    await page.getByLabel('生效日期').fill('2026-12-01');
    // Consent given after the transfer takes effect: the API refuses, naming consent.givenOn.
    await page.getByLabel('本人同意日期').fill('2026-12-05');
    await page.getByLabel('同意书编号').fill('TY-2026-0042');
    await page.getByLabel('处置说明').fill('household income above the standard, agrees to near-dibao');
    await page.getByLabel('经办人工号').fill('YL-MZ-0413');
    await page.locator('[data-test="submit-answer"]').click();

    const consentItem = page.locator('.el-form-item', { has: page.locator('#consentGivenOn') });
    const fieldError = consentItem.locator('.el-form-item__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('同意日期不得晚于生效日期');
    // Every problem the API named is on its field: the alert only says so.
    expect(await page.locator('[data-test="answer-error"]').textContent()).toContain('提交未成功有 1 处需要修改');
    // The other fields carry no error, and nothing was recorded.
    expect(
      await page
        .locator('.el-form-item', { has: page.locator('#handledBy') })
        .locator('.el-form-item__error')
        .count(),
    ).toBe(0);
    expect(await page.locator('[data-test="warning-status"]').textContent()).toBe('已推送');
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'warning-refused-answer-zh.png') });

    // In English the same refusal shows its English half.
    await page.getByText('English', { exact: true }).click();
    await page.locator('[data-test="submit-answer"]').click();
    await expect.poll(() => fieldError.textContent()).toContain('consent must be given on or before effectiveFrom');
    expect(errors().filter((e) => !e.includes('400'))).toEqual([]);
    await context.close();
  });

  it('takes the warning in hand, answers it, sees it leave the open list for the answered one, and the statistics count it', async () => {
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'civil-affairs');
    const menu = page.getByRole('navigation', { name: '功能菜单' });
    // The month's answered warnings before the answer, as the statistics page shows them.
    const answeredThisMonth = async () => {
      await menu.getByRole('link', { name: '统计' }).click();
      const total = page.locator('[data-test="total-answered"]');
      await expect.poll(() => total.textContent()).toMatch(/^\d+$/);
      const value = Number(await total.textContent());
      await menu.getByRole('link', { name: '预警处置' }).click();
      return value;
    };
    const answeredBefore = await answeredThisMonth();
    const row = rowsOf(page).filter({ hasText: 'IND-01' });
    await row.getByRole('link', { name: '处置' }).click();
    const summary = page.locator('[data-test="warning-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('v1');
    expect(await summary.textContent()).toContain('救助对象死亡');
    expect(await page.locator('[data-test="parameters"]').textContent()).toContain('warning.deadlineDays.IND-01');
    const evidence = (await page.locator('[data-test="evidence"]').textContent()) ?? '';
    expect(evidence).toContain('death-record');
    expect(evidence).toContain('2026-11-20');
    expect(evidence).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(await page.locator('[data-test="recipients"]').textContent()).toContain('尚未反馈');

    await page.locator('[data-test="acknowledge"]').click();
    await page.locator('[data-test="acknowledged"]').waitFor();
    expect(await page.locator('[data-test="warning-status"]').textContent()).toBe('已签收');

    await choose(page, '处置结果', '终止救助');
    await choose(page, '退出原因', '死亡');
    await page.getByLabel('终止日期').fill('2026-11-30');
    await page.getByLabel('处置说明').fill('household head died on 2026-11-20');
    await page.getByLabel('经办人工号').fill('YL-MZ-0413');
    await page.locator('[data-test="submit-answer"]').click();
    await page.locator('[data-test="answer-receipt"]').waitFor();
    expect(await page.locator('[data-test="answer-receipt"]').textContent()).toContain('已办结');
    expect(await page.locator('[data-test="warning-status"]').textContent()).toBe('已办结');
    expect(await page.locator('[data-test="my-answer"]').textContent()).toContain('终止救助');
    expect(await page.locator('[data-test="recipients"]').textContent()).toContain('YL-MZ-0413');
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'warning-answered-zh.png') });

    await page.getByRole('link', { name: '返回预警列表' }).click();
    await page.getByText('没有符合条件的预警').waitFor();
    expect(await rowsOf(page).filter({ hasText: 'IND-01' }).count()).toBe(0);
    await page.getByRole('tab', { name: '已反馈' }).click();
    const answered = rowsOf(page).filter({ hasText: 'IND-01' });
    await answered.waitFor();
    expect(await answered.getByRole('link', { name: '处置' }).getAttribute('href')).toBe(`/console/warnings/${warningId}`);

    // The statistics are kept from the answer's event: the month's answered count goes up by one.
    await expect.poll(answeredThisMonth, { timeout: 20_000, interval: 500 }).toBe(answeredBefore + 1);
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('shows education none of civil affairs’ warnings: an empty list, and not found for the warning’s address', async () => {
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'education');
    await page.getByRole('heading', { name: '预警处置' }).waitFor();
    await page.getByText('没有符合条件的预警').waitFor();
    expect(await rowsOf(page).count()).toBe(0);
    await page.getByRole('tab', { name: '已反馈' }).click();
    await page.getByText('没有符合条件的预警').waitFor();
    expect(await rowsOf(page).count()).toBe(0);
    await context.close();

    const other = await signedInPage(browser, `${platform.url}/console/`, 'education', `warnings/${warningId}`);
    const notFound = other.page.locator('[data-test="not-found"]');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('未找到该预警');
    expect(await other.page.locator('[data-test="warning-summary"]').count()).toBe(0);
    expect((await other.page.locator('body').textContent()) ?? '').not.toContain(yueluHousehold.householdId);
    await settled(other.page);
    expect(await accessibilityViolations(other.page)).toEqual([]);
    await other.page.screenshot({ path: join(SCREENSHOTS, 'warning-not-found-education-zh.png') });
    // The API's 404 shows in the console as a failed resource load; nothing else may.
    expect([...errors(), ...other.errors().filter((e) => !e.includes('404'))]).toEqual([]);
    await other.context.close();
  });

  it('links a warning to its household only for departments that may read households', async () => {
    // The roll entry found members without a premium subsidy: IND-10, routed to medical insurance.
    const { context, page, errors } = await signedInPage(browser, `${platform.url}/console/`, 'medical-insurance');
    const row = rowsOf(page).filter({ hasText: 'IND-10' });
    await row.waitFor();
    expect(await row.getByRole('link').allTextContents()).toEqual(['处置']);
    await row.getByRole('link', { name: '处置' }).click();
    const summary = page.locator('[data-test="warning-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(yueluHousehold.householdId);
    expect(await summary.getByRole('link').count()).toBe(0);
    // Medical insurance answers its own part: the form is there, civil affairs' warning is not its to see.
    await page.locator('[data-test="answer-form"]').waitFor();
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'warning-medical-insurance-zh.png') });
    // On a tablet held upright the page fits its width; the list too.
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await overflowsWidth(page)).toBe(false);
    await page.getByRole('link', { name: '返回预警列表' }).click();
    await row.waitFor();
    await settled(page);
    expect(await overflowsWidth(page)).toBe(false);
    // The way to the warning stays on screen (the actions column is fixed at the table's right).
    const link = await row.getByRole('link', { name: '处置' }).boundingBox();
    expect(link!.x + link!.width).toBeLessThanOrEqual(820);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-tablet-zh.png') });
    expect(errors()).toEqual([]);
    await context.close();
  });
});
