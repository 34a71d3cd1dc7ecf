import * as z from 'zod';
import { inLanguage, splitBilingual, type Language } from '../domain/bilingual';
import type { DomainError, FieldProblem, RefusalKind } from '../domain/errors';

/**
 * Errors are values at the edge: the one place a refusal's kind becomes an HTTP status, and the
 * refusal the JSON body every route answers with, naming the record and the field so a department
 * engineer can fix the batch without asking anyone.
 */
export const STATUS_OF: Readonly<Record<RefusalKind, 400 | 403 | 404 | 409 | 413 | 422>> = {
  InvalidInput: 400,
  NotAllowed: 403,
  NotFound: 404,
  Conflict: 409,
  TooLarge: 413,
  RuleBroken: 422,
};

/** A message in each language, by its Accept-Language tag. */
const messages = z
  .object({
    'zh-CN': z.string().meta({ description: '中文 / the message in Chinese' }),
    en: z.string().meta({ description: '英文 / the message in English' }),
  })
  .meta({ description: '每种语言的说明 / the message in each language, for a program that shows one' });

/**
 * The error body every route answers a refusal with. `error` and each problem's `field` are
 * stable for programs; `message` holds both languages, the one Accept-Language asks for first
 * (zh-CN unless `en…` is asked for), and `messages` each language on its own.
 */
export const errorBody = z
  .object({
    error: z.string().meta({ description: '稳定的错误代码，供程序判断 / stable code for programs, e.g. InvalidRecords, RecordTypeNotAllowed, BatchIdReused' }),
    message: z.string().meta({
      description: '中英双语说明，按 Accept-Language 排序（默认中文在前）/ both languages, the one Accept-Language asks for first (Chinese by default)',
    }),
    messages,
    problems: z
      .array(
        z.object({
          record: z.number().int().optional().meta({ description: '记录在批次中的序号（从 0 起）/ index of the record in the batch, from 0' }),
          recordId: z.string().optional().meta({ description: '部门自己的记录编号 / the department’s own id of that record' }),
          field: z.string().meta({ description: '字段路径，例如 members[1].identityNumber / path of the field, e.g. members[1].identityNumber' }),
          message: z.string().meta({ description: '中英双语说明，顺序同上 / both languages, in the same order' }),
          messages,
        }),
      )
      .optional()
      .meta({ description: '逐字段的问题 / the problems, field by field' }),
  })
  .meta({ description: '拒绝请求时的应答 / the answer to a refused request' });
export type ErrorBody = z.infer<typeof errorBody>;

const inEach = (message: string) => {
  const { zh, en } = splitBilingual(message);
  return { 'zh-CN': zh, en };
};

/** The body of a refusal in the caller's language: the same codes and fields whatever the language. */
export function refusalBody(code: string, message: string, problems: readonly FieldProblem[], language: Language): ErrorBody {
  return {
    error: code,
    message: inLanguage(message, language),
    messages: inEach(message),
    ...(problems.length ? { problems: problems.map((p) => ({ ...p, message: inLanguage(p.message, language), messages: inEach(p.message) })) } : {}),
  };
}

export function errorAnswer(error: DomainError, language: Language = 'zh-CN'): { statusCode: (typeof STATUS_OF)[RefusalKind]; body: ErrorBody } {
  return { statusCode: STATUS_OF[error.kind], body: refusalBody(error.code, error.message, error.problems, language) };
}
