import { describe, expect, it } from 'vitest';
import { freeText, freeTextProblem, normaliseText } from '../../shared/privacy/free-text';
import { identityNumber } from '../fixtures/people';

const id = identityNumber('430104', '1991-01-01', 501); // 18 characters, valid check character
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const reason = freeText({ min: 2, max: 500 });
const problemOf = (text: string) => freeTextProblem(normaliseText(text));

describe('the free-text policy (自由文本规则)', () => {
  it.each([
    ['with a name and letters around it', `身份证号ID${id} 王小明`],
    ['in groups of four with spaces', `号码 ${id.replace(/(.{4})/g, '$1 ')}`],
    ['with hyphens', `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`],
    ['in full-width digits', `证件${fullWidth(id)}`],
    ['with dots', id.replace(/(.{6})(.{8})/, '$1.$2.')],
    ['without its check character', `申请人 ${id.slice(0, 17)}`],
    ['the old 15-digit form', '老证号 430104910101501'],
    ['with a lower-case x', 'ID43010419910101502x'],
    // Found by the hostile generator (test/reliability): each was accepted before.
    ['with en dashes', `ID ${id.slice(0, 6)}\u2013${id.slice(6, 14)}\u2013${id.slice(14)}`],
    ['with minus signs', `${id.slice(0, 6)}\u2212${id.slice(6, 14)}\u2212${id.slice(14)}`],
    ['with two spaces between groups', id.replace(/(.{4})/g, '$1  ')],
    ['with spaced hyphens', `${id.slice(0, 6)} - ${id.slice(6, 14)} - ${id.slice(14)}`],
    ['in groups of three with commas', id.replace(/(\d{3})(?=.)/g, '$1,')],
    ['cut by line breaks', `${id.slice(0, 6)}\n${id.slice(6, 14)}\n${id.slice(14)}`],
    ['cut by a tab', `${id.slice(0, 6)}\t${id.slice(6)}`],
    ['in brackets and Chinese punctuation', `证号（${id.slice(0, 6)}）、${id.slice(6, 14)}。${id.slice(14)}`],
    ['in Arabic-Indic digits', `ID${id.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)))}`],
    ['in Devanagari digits', id.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)))],
    ['in Chinese numerals', `身份证${id.replace(/\d/g, (d) => '〇一二三四五六七八九'[Number(d)]!)}`],
  ])('refuses an identity number %s', (_, text) => {
    expect(problemOf(text)).toBe('identity-number');
  });

  it('refuses mobile and bank-card numbers, and any long run of digits', () => {
    expect(problemOf('联系电话 138 0013 8000')).toBe('mobile-number');
    expect(problemOf('+86 13800138000')).toBe('mobile-number');
    expect(problemOf('工资卡 6222 0212 3456 7890 123')).toBe('bank-card');
    expect(problemOf('账户 123456789012')).toBe('long-number');
    expect(problemOf('手机 138\u20130013\u20138000')).toBe('mobile-number');
    expect(problemOf('手机 138，0013，8000')).toBe('mobile-number');
    expect(problemOf('老证号 430104，910101，501')).toBe('identity-number');
    expect(problemOf(`${id.slice(0, 4)}    ${id.slice(4, 8)}    ${id.slice(8)}`)).toBe('identity-number');
  });

  it('lets through amounts, dates and short numbers a case worker writes', () => {
    for (const text of [
      '月收入 320000 分，2026-11-30 入户核查',
      '2026-11-30 2026-12-01 两次走访',
      '2026-11-30\n2026-12-01\n两次走访',
      '门牌 12 号 3 单元 501 室',
      'Family of 4; rent 1,200 yuan a month',
      '家庭 3 人，月收入分别为 1200、800、600 元，2026-11-30 入户',
      '支出 1200, 800, 600, 450, 300 元',
      '第一二三组走访，三人在家',
      '2026年11月30日 13:00 走访',
      // Raised by the review: lists of amounts, date ranges, unpadded dates, school years.
      '1,234.56、2,345.67、3,456.78、4,567.89、5,678.90、6,789.01 元',
      '2024.01.01-2024.12.31 期间',
      '2024/01/01 - 2024/12/31',
      '2024.3.5-2024.3.8 住院',
      '2021-2022 2022-2023 学年',
      '2019/2020/2021 年度',
      '2024-03-05 14.30 入户',
    ]) {
      expect(problemOf(text), text).toBeUndefined();
    }
  });

  it('refuses characters that hide or reorder text, and lone surrogates', () => {
    expect(problemOf('已核实\u202E实核未')).toBe('bidi-control');
    expect(problemOf('a\u2066b\u2069')).toBe('bidi-control');
    expect(problemOf('已\u200B核实')).toBe('zero-width');
    expect(problemOf('已核实\u0000')).toBe('control-character');
    expect(problemOf('已核实\u001b[31m')).toBe('control-character');
    expect(problemOf('\ud800已核实')).toBe('lone-surrogate');
    expect(problemOf('第一行\n第二行\t缩进')).toBeUndefined();
  });

  it('stores the normalised text, and caps its length after normalising', () => {
    expect(reason.parse('  ＡＢＣ已核实  ')).toBe('ABC已核实');
    const refused = reason.safeParse(`户主${fullWidth(id)}`);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('不得包含身份证号码 / must not contain an identity number');
    expect(reason.safeParse('长'.repeat(501)).error?.issues[0]?.message).toMatch(/最多 500 个字符 \/ must be at most 500 characters/);
    expect(reason.safeParse('长'.repeat(500)).success).toBe(true);
  });
});

describe('a name, which is text that comes in too', () => {
  it('refuses hidden characters and digits, and keeps a real name', async () => {
    const { personName } = await import('../../shared/records/fields');
    expect(personName.parse(' 王小明 ')).toBe('王小明');
    expect(personName.parse('阿卜杜拉·买买提')).toBe('阿卜杜拉·买买提');
    for (const name of ['王\u202E明', '王\u0000明', '王\u200B明', '\ud800王', id, '王小明2']) {
      expect(personName.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });
});

describe('identifiers a department chooses (record ids, certificate and case numbers, codes)', () => {
  it('refuse an identity or mobile number inside them, and keep the ids departments really use', async () => {
    const { identifierProblem } = await import('../../shared/privacy/free-text');
    for (const text of [
      `H${id}`,
      `SFZ${id}`,
      `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`,
      `JN-${id.slice(0, 6)}-${id.slice(6)}`,
      '13800138000',
      'TEL-13800138000',
    ]) {
      expect(identifierProblem(text), text).toBeDefined();
    }
    for (const text of [
      'WJ-SW-2026-104233',
      '430104-2025-000317',
      'H430104260088',
      'JN-430105-2026-00502',
      '91430100MA4L1234X5',
      'MZ-2025-000317',
      'S0123456789ABCDEF',
    ]) {
      expect(identifierProblem(text), text).toBeUndefined();
    }
  });
});
