import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { assessmentItem } from '../../shared/adapters/dynamodb/assessment-store';
import { Table } from '../../shared/adapters/dynamodb/table';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange, type WhatIfRequest } from '../../shared/domain/policy/policy-change';
import { whatIf } from '../../shared/domain/policy/what-if';
import { RECOGNITION_PARAMETERS } from '../../shared/domain/recognition/classify';
import { entryLeafHash } from '../../shared/domain/supervision/audit';
import { auditEntry } from '../../shared/table/entities/audit';
import { assessedHouseholds } from '../fixtures/assessments';
import type { AuditDay, DisclosureList, MonthlyStatistics, OverdueWarningList, PolicyParameters, WhatIfJob } from '../../console/src/answers';
import { onLocalPlatform } from '../e2e/departments';
import { deathRecord, rollEntry, yueluHousehold } from '../fixtures/people';
import { accessibilityViolations, consoleBuilt, launchChromium, SCREENSHOTS } from './browser';
import { signedInPage } from './sign-in-as';

/**
 * Supervision's pages in a real browser (Debian Chromium) on a local platform with some activity:
 * a dibao household on the roll (IND-10 to medical insurance, its allowance on January's
 * disclosure list), then the grandmother's death (IND-01 to civil affairs).
 */
const { platform, as } = onLocalPlatform({ auditSealLagSeconds: 0 });
// Assessed households for the what-if to measure (as recognition would have stored them).
const ASSESSED = assessedHouseholds(60, 70_000);
let browser: Browser;
let db: DynamoDBDocumentClient;
let close: () => Promise<void>;
const utcDay = () => new Date().toISOString().slice(0, 10);
const cityMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const cellTexts = (page: Page, table: string) =>
  page
    .locator(`[data-test="${table}"] .el-table__body tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

beforeAll(async () => {
  await consoleBuilt();
  ({ browser, close } = await launchChromium());
  // Civil affairs sets IND-01's deadline to 0 days, so the death's warning is overdue at once. First,
  // before any record: a change made after warning-evaluation has read the book was not seen by it here.
  const policy = (await as('civil-affairs').call<PolicyParameters>('GET', '/policy/parameters')).body;
  const deadline = policy.parameters.find((r) => r.name === 'warning.deadlineDays.IND-01' && r.district === '*')!;
  const change = await as('civil-affairs').call('POST', '/policy/changes', {
    expectedVersion: policy.version,
    reason: '督办演练：死亡预警当日办结 / drill: death warnings due the same day',
    // From before the death: the warning takes the values in force on the day its record speaks of.
    parameters: [{ ...deadline, value: 0, effectiveFrom: '2026-11-01' }],
  });
  expect(change.status).toBe(200);
  expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
  await platform.idle();
  expect((await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
  await platform.idle();
  // An audited read by civil affairs, sealed into a signed tree head before supervision looks.
  expect((await as('civil-affairs').chain(yueluHousehold.householdId)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 10));
  await platform.runSchedule('audit-seal');
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: platform.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  await new Table(db, `${platform.prefix}-households`).batchWrite(ASSESSED.map(assessmentItem));
}, 120_000);
afterAll(async () => close?.());

describe('supervision in the console', () => {
  it("verifies today's audit trail, with the console's own audited read in it", async () => {
    // The overdue page's read is audited (超期督办): open it first, then the day's trail.
    const { page, errors, close: done } = await signedInPage(browser, `${platform.url}/console/`, 'supervision', 'supervision/overdue');
    await page.getByRole('heading', { name: '超期督办' }).waitFor();
    const overdue = (await as('supervision').call<OverdueWarningList>('GET', '/supervision/warnings/overdue')).body;
    expect(overdue.items).toEqual([
      expect.objectContaining({
        indicator: expect.objectContaining({ id: 'IND-01' }),
        householdId: yueluHousehold.householdId,
        recipients: ['civil-affairs'],
        answeredBy: [],
      }),
    ]);
    await page.locator('[data-test="overdue-status"]', { hasText: '共 1 条超期预警' }).waitFor();
    expect(await cellTexts(page, 'overdue-by-department')).toEqual([['民政', '1']]);
    expect(await cellTexts(page, 'overdue-by-district')).toEqual([['岳麓区', '1']]);
    const [late] = await cellTexts(page, 'overdue-list');
    expect(late).toEqual([
      expect.stringMatching(/^IND-01 /),
      yueluHousehold.householdId,
      '岳麓区',
      '民政',
      overdue.items[0]!.dueBy,
      expect.stringMatching(/^\d+$/),
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-overdue.png'), fullPage: true });
    await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志（按日）' }).waitFor();

    const verdict = page.locator('[data-test="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('true');
    expect(await verdict.textContent()).toContain('已验证 ✓ 审计链完整');

    const day = utcDay();
    const api = await as('supervision').call<AuditDay>('GET', `/audit/${day}`);
    expect(api.body.verification.intact).toBe(true);
    // Civil affairs' chain read was sealed before; the console's overdue read waits for the next seal.
    expect(api.body.verification.sealed).toBeGreaterThan(0);
    const consoleRead = api.body.entries.find((e) => e.action === 'list-overdue-warnings' && e.department === 'supervision');
    expect(consoleRead).toBeDefined();
    expect(await verdict.textContent()).toContain(`已封存 ${api.body.verification.sealed} 条`);

    // The entries, oldest first; the page holds 20, so the console's read is on the last page.
    const pages = Math.ceil(api.body.entries.length / 20);
    if (pages > 1) await page.locator('.el-pagination .el-pager li', { hasText: String(pages) }).click();
    const rows = await cellTexts(page, 'audit-entries');
    const shown = rows.find((r) => r[0] === consoleRead!.at);
    expect(shown).toBeDefined();
    expect(shown!.join(' ')).toContain('supervision: overdue warnings');
    expect(shown![2]).toBe('数字监督');
    const chainRead = api.body.entries.find((e) => e.action === 'read-assistance-chain');
    expect(chainRead?.subjects).toEqual([yueluHousehold.householdId]);

    // Verify again: the day is read and checked afresh (the verify button waits for the answer).
    const again = page.waitForResponse((r) => r.url().endsWith(`/audit/${day}`) && r.status() === 200);
    await page.locator('[data-test="verify"]').click();
    await again;
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('true');
    // Nothing in clear on the page: the household's members appear neither by name nor by number.
    const text = (await page.textContent('main')) ?? '';
    for (const person of [yueluHousehold.grandmother, yueluHousehold.grandson]) {
      expect(text).not.toContain(person.identityNumber);
      expect(text).not.toContain(person.name);
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-audit-day.png'), fullPage: true });
    expect(errors()).toEqual([]);
    await done();
  });

  it("shows the month's statistics as charts with tables of the API's numbers, and a year's trend", async () => {
    const month = cityMonth();
    const { page, errors, close: done } = await signedInPage(browser, `${platform.url}/console/`, 'supervision', `statistics/${month}`);
    await page.getByRole('heading', { name: '统计分析' }).waitFor();
    const api = (await as('supervision').call<MonthlyStatistics>('GET', `/statistics/${month}`)).body;
    expect(api.byIndicator['IND-01']?.raised).toBe(1);
    expect(api.byIndicator['IND-10']?.raised).toBe(1);

    await page.locator('[data-test="table-by-indicator"] .el-table__body tr').first().waitFor();
    const indicatorRows = await cellTexts(page, 'table-by-indicator');
    expect(indicatorRows).toEqual(
      Object.entries(api.byIndicator)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, c]) => [expect.stringContaining(id), String(c.raised ?? 0), String(c.answered ?? 0)]),
    );
    expect(indicatorRows[0]![0]).toBe('IND-01 救助对象死亡');
    expect(await page.locator('[data-test="total-raised"]').textContent()).toBe(String(api.totals.raised));
    const departments = await cellTexts(page, 'table-by-department');
    expect(departments).toContainEqual(['民政', String(api.byDepartment['civil-affairs']!.raised), String(api.byDepartment['civil-affairs']!.answered ?? 0)]);
    expect(await cellTexts(page, 'table-by-district')).toEqual([['岳麓区', '430104', String(api.byDistrict['430104']!.raised)]]);

    // The chart beside the table draws the same numbers: ECharts' ARIA describes its series.
    const chart = page.locator('[data-test="chart-by-indicator"] [data-test="chart"]');
    const described = (await chart.getAttribute('aria-label')) ?? '';
    expect(described).toContain('IND-01');
    expect(described).toContain('IND-10');
    expect(await chart.locator('canvas').count()).toBe(1);
    // A fixed-height box: the chart does not push the table when data arrives.
    expect((await chart.boundingBox())?.height).toBe(280);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'statistics-month.png'), fullPage: true });

    // The year's trend: twelve calls, then this month's totals in its row.
    await page.getByRole('tab', { name: '年度趋势' }).click();
    await page.locator('[data-test="table-trend"] .el-table__body tr').nth(11).waitFor({ timeout: 30_000 });
    const trend = await cellTexts(page, 'table-trend');
    expect(trend.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`));
    expect(trend.find((r) => r[0] === month)!.slice(1, 3)).toEqual([String(api.totals.raised), String(api.totals.answered)]);

    // A tablet: the chart and its table stack, nothing wider than the screen.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('tab', { name: '月度统计' }).click();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Statistics' }).waitFor();
    expect((await cellTexts(page, 'table-by-indicator'))[0]![0]).toBe('IND-01 recipient died: end or adjust assistance');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'statistics-tablet-en.png'), fullPage: true });
    expect(errors()).toEqual([]);
    await done();
  });

  it("exports January's disclosure list to XLSX with Chinese headers and money in yuan", async () => {
    const { page, errors, close: done } = await signedInPage(browser, `${platform.url}/console/`, 'supervision', 'supervision/disclosure/2026-01');
    await page.getByRole('heading', { name: '公示名单（按月）' }).waitFor();
    const api = (await as('supervision').call<DisclosureList>('GET', '/disclosure/2026-01')).body;
    const line = api.lines.find((l) => l.district === '430104' && l.programme === 'dibao-allowance');
    expect(line).toMatchObject({ kind: 'allowance', members: 2, amountFen: yueluHousehold.monthlyAllowanceFen, periodStart: '2026-01-01' });

    await page.locator('[data-test="disclosure-lines"] .el-table__body tr').first().waitFor();
    const rows = await cellTexts(page, 'disclosure-lines');
    expect(rows).toHaveLength(api.lines.length);
    expect(rows).toContainEqual([
      '岳麓区',
      '按月发放',
      line!.maskedHeadIdentityNumber,
      '2',
      '最低生活保障对象',
      '最低生活保障金',
      '民政',
      '1500.00',
      '2026-01-01',
      '',
    ]);

    const download = page.waitForEvent('download');
    await page.locator('[data-test="export-xlsx"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('disclosure-2026-01.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('公示名单 2026-01');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '区县',
      '类别',
      '户主身份证号（脱敏）',
      '家庭人口',
      '救助类别',
      '救助项目',
      '实施部门',
      '金额（元）',
      '起始日期',
      '终止日期',
    ]);
    expect(sheet.rowCount).toBe(api.lines.length + 1);
    const found = sheet.getRows(2, api.lines.length)!.find((r) => r.getCell(3).value === line!.maskedHeadIdentityNumber)!;
    expect(found).toBeDefined();
    expect([found.getCell(1).value, found.getCell(2).value, found.getCell(4).value, found.getCell(6).value, found.getCell(7).value]).toEqual([
      '岳麓区',
      '按月发放',
      2,
      '最低生活保障金',
      '民政',
    ]);
    expect(found.getCell(8).value).toBe(1500);
    expect(found.getCell(8).numFmt).toBe('#,##0.00');
    // Masked: the head's full number is nowhere in the sheet.
    const cells = sheet.getRows(1, sheet.rowCount)!.flatMap((r) => (r.values as unknown[]).map(String));
    expect(cells.join(' ')).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-disclosure.png'), fullPage: true });
    expect(errors()).toEqual([]);
    await done();
  });

  it('shows the policy in force and a what-if run with the transitions it causes', async () => {
    const { page, errors, close: done } = await signedInPage(browser, `${platform.url}/console/`, 'supervision', 'supervision/policy');
    const api = (await as('supervision').call<PolicyParameters>('GET', '/policy/parameters')).body;
    await page.getByRole('heading', { name: `现行参数（版本 ${api.version}，${api.on}）` }).waitFor();
    await page.locator('[data-test="policy-parameters"] .el-table__body tr').first().waitFor();
    const rows = await cellTexts(page, 'policy-parameters');
    expect(rows).toHaveLength(api.parameters.length);
    const standard = api.parameters.find((r) => r.name === 'dibao.standardMonthlyFen' && r.district === '*')!;
    expect(rows).toContainEqual(expect.arrayContaining(['dibao.standardMonthlyFen', String(standard.value), '全市', standard.effectiveFrom]));

    // The change made before: version, department and reason in the history.
    const history = await cellTexts(page, 'policy-changes');
    expect(history).toHaveLength(1);
    expect(history[0]!.slice(1, 5)).toEqual(['1', expect.any(String), expect.stringMatching(/^民政 · /), expect.stringContaining('督办演练')]);
    await page.locator('[data-test="policy-changes"] .el-table__expand-icon').first().click();
    const expanded = page.locator('[data-test="policy-changes"] .el-table__expanded-cell');
    await expanded.waitFor();
    const diffs = await expanded
      .locator('.el-table__body tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(diffs).toContainEqual(['warning.deadlineDays.IND-01', '全市', '2026-11-01', '（无）', '0']);

    // Pick the city-wide dibao standard by keyboard-typed filter, propose 50 yuan more, run.
    await page.locator('[data-test="what-if-parameter"]').click();
    await page.keyboard.type('dibao.standardMonthlyFen');
    await page.getByRole('option', { name: `dibao.standardMonthlyFen（全市）= ${standard.value}` }).click();
    await page.locator('#what-if-value').fill(String(Number(standard.value) + 5_000));
    const posted = page.waitForResponse((r) => r.url().endsWith('/policy/what-if') && r.request().method() === 'POST');
    await page.locator('[data-test="what-if-run"]').click();
    const response = await posted;
    const asked = response.request().postDataJSON() as WhatIfRequest;
    expect(asked.parameters).toEqual([expect.objectContaining({ name: 'dibao.standardMonthlyFen', district: '*', value: Number(standard.value) + 5_000 })]);
    const first = (await response.json()) as WhatIfJob;
    expect(['done', 'queued', 'running']).toContain(first.status);
    await page.locator('[data-test="what-if-report"]').waitFor({ timeout: 60_000 });
    const report = (await as('supervision').call<WhatIfJob>('GET', first.location)).body;
    expect(report.status).toBe('done');
    if (report.status !== 'done') return;
    // The same measure the platform's domain gives for the request the console sent.
    const expected = whatIf(
      ASSESSED,
      new PolicyBook(CITY_PARAMETERS),
      new PolicyBook(applyPolicyChange(CITY_PARAMETERS, asked.parameters).next),
      asked.on!,
      ['dibao.standardMonthlyFen'],
      RECOGNITION_PARAMETERS,
    );
    expect(expected.categoryChanges).toBeGreaterThan(0);
    expect(report).toMatchObject({ households: ASSESSED.length, categoryChanges: expected.categoryChanges });
    expect(await page.locator('[data-test="what-if-changes"]').textContent()).toBe(String(report.categoryChanges));
    const transitions = await cellTexts(page, 'what-if-transitions');
    const moved = Object.values(report.byDistrict).flatMap((d) => Object.entries(d.transitions));
    expect(transitions.reduce((n, r) => n + Number(r[2]), 0)).toBe(moved.reduce((n, [, c]) => n + c, 0));
    // The changes first: their rows add up to the households that change category.
    const changed = transitions.filter((r) => r[0] !== r[1]);
    expect(changed.reduce((n, r) => n + Number(r[2]), 0)).toBe(expected.categoryChanges);
    expect(transitions.slice(0, changed.length)).toEqual(changed);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-policy.png'), fullPage: true });
    expect(errors()).toEqual([]);
    await done();
  });

  // Last: it rewrites the trail.
  it('shows a rewritten entry as a broken trail, naming the entry and its tree head', async () => {
    const day = utcDay();
    const before = (await as('supervision').call<AuditDay>('GET', `/audit/${day}`)).body;
    const victim = before.entries.find((e) => e.action === 'read-assistance-chain')!;
    const forged = { ...victim, subjects: ['430111-2025-009999'] };
    // Whoever can write the table: the entry and its leaf hash, rewritten in place.
    await db.send(
      new UpdateCommand({
        TableName: `${platform.prefix}-households`,
        Key: auditEntry.key(victim),
        UpdateExpression: 'SET subjects = :s, leafHash = :h',
        ExpressionAttributeValues: { ':s': forged.subjects, ':h': entryLeafHash(forged) },
      }),
    );
    const { page, errors, close: done } = await signedInPage(browser, `${platform.url}/console/`, 'supervision', `supervision/audit/${day}`);
    const verdict = page.locator('[data-test="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('false');
    const after = (await as('supervision').call<AuditDay>('GET', `/audit/${day}`)).body.verification;
    expect(after.brokenAt).toMatchObject({ entryId: victim.entryId, reason: expect.stringContaining('封存后被改写') });
    const text = ((await verdict.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('审计链已被破坏');
    expect(text).toContain(`首个问题：封存后被改写 · 树头 ${after.brokenAt!.head} · 条目 ${victim.entryId}`);
    expect(text).not.toContain('rewritten after');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision-audit-broken.png'), fullPage: true });
    expect(errors()).toEqual([]);
    await done();
  });
});
