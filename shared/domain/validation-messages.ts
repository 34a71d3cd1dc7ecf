import * as z from 'zod';
import { bilingual } from './bilingual';

/**
 * Zod's own messages ("Invalid input: expected number, received string") are for programmers,
 * in English. Every issue a schema raises without a message of its own gets one here, in Chinese
 * and English. Installed once, globally (zod's config), when this module is first imported: the
 * field shapes (shared/records/fields.ts), the free-text rule, the batch envelope, the outcome and
 * the policy change import it, so every Lambda bundle and the command line that parse a record or
 * a request carry it (the end-to-end tests read its messages from the bundled functions).
 * A message the schema states itself (`.regex(re, '…')`, `{ error }`) still wins.
 */

/** Type names as people read them: [中文, English]. */
const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文本', 'text'],
  number: ['数字', 'a number'],
  int: ['整数', 'a whole number'],
  bigint: ['整数', 'a whole number'],
  boolean: ['布尔值（true 或 false）', 'true or false'],
  object: ['对象', 'an object'],
  array: ['数组', 'a list'],
  null: ['空值 null', 'null'],
  undefined: ['空', 'nothing'],
  date: ['日期', 'a date'],
  nan: ['非数值 NaN', 'not a number (NaN)'],
  symbol: ['符号', 'a symbol'],
  function: ['函数', 'a function'],
};
const typeName = (type: string): [string, string] => TYPE_NAMES[type] ?? [type, type];

/** What an input is, in the terms of TYPE_NAMES (never the value itself: it may be an identity number). */
function typeOfInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number') return Number.isNaN(input) ? 'nan' : 'number';
  return typeof input;
}

/** Named formats: [中文, English]. */
const FORMATS: Record<string, [string, string]> = {
  date: ['须为 yyyy-mm-dd 格式的日期', 'must be a date in the form yyyy-mm-dd'],
  datetime: ['须为 ISO 8601 日期时间，例如 2026-11-21T08:00:00Z', 'must be an ISO 8601 date-time such as 2026-11-21T08:00:00Z'],
  time: ['须为 hh:mm:ss 格式的时间', 'must be a time in the form hh:mm:ss'],
  duration: ['须为 ISO 8601 时长', 'must be an ISO 8601 duration'],
  email: ['须为电子邮件地址', 'must be an email address'],
  url: ['须为网址', 'must be a URL'],
  uuid: ['须为 UUID', 'must be a UUID'],
  ipv4: ['须为 IPv4 地址', 'must be an IPv4 address'],
  ipv6: ['须为 IPv6 地址', 'must be an IPv6 address'],
  base64: ['须为 base64 编码', 'must be base64-encoded'],
  regex: ['格式不正确', 'is not in the expected form'],
};

const show = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'bigint' ? `${v}` : (JSON.stringify(v) ?? String(v)));
const NUMERIC = new Set(['number', 'int', 'bigint']);

function sizeMessage(kind: 'small' | 'big', issue: { origin?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: boolean; exact?: boolean }): string {
  const origin = String(issue.origin ?? '');
  const limit = kind === 'small' ? issue.minimum : issue.maximum;
  const n = typeof limit === 'number' || typeof limit === 'bigint' ? limit : Number(limit);
  const small = kind === 'small';
  if (origin === 'string' || origin === 'array' || origin === 'set' || origin === 'file') {
    const [zhUnit, enUnit] = origin === 'string' ? ['个字符', 'characters'] : origin === 'file' ? ['字节', 'bytes'] : ['项', 'items'];
    // A count limit that is exclusive is the next whole count.
    const count = issue.inclusive === false ? Number(n) + (small ? 1 : -1) : Number(n);
    if (issue.exact) return bilingual(`须为 ${count} ${zhUnit}`, `must be exactly ${count} ${enUnit}`);
    if (small && count === 1)
      return origin === 'string' ? bilingual('不能为空', 'must not be empty') : bilingual('至少须有 1 项', 'must hold at least one item');
    if (small)
      return bilingual(`至少 ${count} ${zhUnit}`, origin === 'string' ? `must be at least ${count} ${enUnit}` : `must hold at least ${count} ${enUnit}`);
    return bilingual(`最多 ${count} ${zhUnit}`, origin === 'string' ? `must be at most ${count} ${enUnit}` : `must hold at most ${count} ${enUnit}`);
  }
  if (NUMERIC.has(origin)) {
    if (small && issue.inclusive !== false && Number(n) === 0) return bilingual('不能为负数', 'must not be negative');
    if (small) return issue.inclusive === false ? bilingual(`须大于 ${n}`, `must be greater than ${n}`) : bilingual(`不得小于 ${n}`, `must be at least ${n}`);
    return issue.inclusive === false ? bilingual(`须小于 ${n}`, `must be less than ${n}`) : bilingual(`不得大于 ${n}`, `must be at most ${n}`);
  }
  if (origin === 'date') {
    const d = limit instanceof Date ? limit.toISOString().slice(0, 10) : String(limit);
    return small ? bilingual(`不得早于 ${d}`, `must not be before ${d}`) : bilingual(`不得晚于 ${d}`, `must not be after ${d}`);
  }
  return small ? bilingual('过小', 'is too small') : bilingual('过大', 'is too large');
}

/** The message for one issue that its schema left without one. */
export function issueMessage(raw: z.core.$ZodRawIssue): string {
  const issue = raw as z.core.$ZodRawIssue & Record<string, unknown>;
  // JSON has no undefined: a field that is not there.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union'))
    return bilingual('必填', 'is required');
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String(issue.expected);
      const received = typeOfInput(issue.input);
      const [zhExpected, enExpected] = typeName(expected);
      if ((expected === 'int' || expected === 'bigint') && received === 'number') return bilingual('须为整数', 'must be a whole number');
      const [zhReceived, enReceived] = typeName(received);
      return bilingual(`须为${zhExpected}，不能是${zhReceived}`, `must be ${enExpected}, not ${enReceived}`);
    }
    case 'too_small':
      return sizeMessage('small', issue);
    case 'too_big':
      return sizeMessage('big', issue);
    case 'invalid_format': {
      const format = String(issue.format);
      if (format === 'starts_with') return bilingual(`须以“${show(issue.prefix)}”开头`, `must start with "${show(issue.prefix)}"`);
      if (format === 'ends_with') return bilingual(`须以“${show(issue.suffix)}”结尾`, `must end with "${show(issue.suffix)}"`);
      if (format === 'includes') return bilingual(`须包含“${show(issue.includes)}”`, `must include "${show(issue.includes)}"`);
      const [zh, en] = FORMATS[format] ?? [`须为有效的 ${format}`, `must be a valid ${format}`];
      return bilingual(zh, en);
    }
    case 'not_multiple_of':
      return bilingual(`须为 ${show(issue.divisor)} 的倍数`, `must be a multiple of ${show(issue.divisor)}`);
    case 'invalid_value': {
      const values = (issue.values as readonly unknown[]).map(show);
      if (values.length === 1) return bilingual(`须为 ${values[0]}`, `must be ${values[0]}`);
      return bilingual(`须为以下之一：${values.join('、')}`, `must be one of: ${values.join(', ')}`);
    }
    case 'unrecognized_keys': {
      const keys = (issue.keys as readonly string[]).join(', ');
      return bilingual(`不是可接受的字段，请删除：${keys}`, `not an accepted field; remove: ${keys}`);
    }
    case 'invalid_key':
      return bilingual('含有无效的键', 'has an invalid key');
    case 'invalid_element':
      return bilingual('含有无效的值', 'holds an invalid value');
    case 'invalid_union': {
      const options = issue.options as readonly unknown[] | undefined;
      if (options?.length) return bilingual(`须为以下之一：${options.map(show).join('、')}`, `must be one of: ${options.map(show).join(', ')}`);
      if (issue.inclusive === false) return bilingual('同时符合多种形式，无法确定', 'matches more than one form');
      const errors =
        (issue.errors as readonly (readonly { code: string; expected?: string; values?: readonly unknown[]; path: readonly unknown[] }[])[] | undefined) ?? [];
      const only = errors.map((e) => (e.length === 1 && e[0]!.path.length === 0 ? e[0]! : undefined));
      // A union of values ('*' or a district code): every value it takes.
      if (only.length && only.every((e) => e?.code === 'invalid_value')) {
        const values = only.flatMap((e) => (e!.values ?? []).map(show));
        return bilingual(`须为以下之一：${values.join('、')}`, `must be one of: ${values.join(', ')}`);
      }
      // A union of plain types (a number, text or true/false): say which types it takes.
      const types = only.map((e) => (e?.code === 'invalid_type' ? e.expected : undefined));
      if (types.length && types.every((t): t is string => t !== undefined)) {
        const names = types.map(typeName);
        const enList = names.map(([, en]) => en);
        return bilingual(
          `须为${names.map(([zh]) => zh).join('、')}之一`,
          `must be ${enList.slice(0, -1).join(', ')}${enList.length > 1 ? ' or ' : ''}${enList.at(-1)}`,
        );
      }
      return bilingual('不符合任何一种允许的形式', 'matches none of the allowed forms');
    }
    case 'custom':
      return bilingual('不符合要求', 'is not valid');
    default:
      return bilingual('输入无效', 'is not valid');
  }
}

z.config({ customError: issueMessage });

/**
 * A schema's own message for a value that is there but wrong; a missing one is told "必填 / is
 * required" like any other (`z.iso.date({ error: unlessMissing('…') })`).
 */
export const unlessMissing =
  (message: string) =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? undefined : message;
