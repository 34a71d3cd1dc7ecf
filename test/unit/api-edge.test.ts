import { describe, expect, it } from 'vitest';
import type { WARNING_RECIPIENTS } from '../../shared/domain/departments';
import { conflict, invalidInput, notAllowed, notFound, ruleBroken, tooLarge } from '../../shared/domain/errors';
import { PolicyChangeError } from '../../shared/domain/policy/policy-change';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { isBilingual, preferredLanguage, splitBilingual } from '../../shared/domain/bilingual';
import { resetConfig } from '../../shared/config';
import { errorAnswer } from '../../shared/http/api-error';
import { apiHandler, json } from '../../shared/http/api-handler';
import { readJson } from '../../shared/http/api-call';
import { API_ROUTES, routeById, type ApiRouteId } from '../../shared/platform/api';
import { deathRecord, withWrongCheckCharacter } from '../fixtures/people';
import { rejection } from './rejection';
import { throughEdge } from './through-edge';

/**
 * The API's edge: a refusal's kind becomes its HTTP status and the body every route answers
 * with; a request's caller is checked against its route, then its JSON against the route's schema.
 */
describe('a refusal at the edge', () => {
  it('answers each kind with its status and the body departments already read, with each language on its own beside it', () => {
    const problems = [
      { record: 2, recordId: 'WJ-SW-2026-104233', field: 'identityNumber', message: '公民身份号码校验码不符 / identity number has a wrong check character' },
    ];
    expect(errorAnswer(invalidInput('InvalidRecords', '批次中有 1 处问题，未保存任何记录 / 1 problem(s) in the batch; nothing was stored', problems))).toEqual({
      statusCode: 400,
      body: {
        error: 'InvalidRecords',
        message: '批次中有 1 处问题，未保存任何记录 / 1 problem(s) in the batch; nothing was stored',
        messages: { 'zh-CN': '批次中有 1 处问题，未保存任何记录', en: '1 problem(s) in the batch; nothing was stored' },
        problems: [{ ...problems[0], messages: { 'zh-CN': '公民身份号码校验码不符', en: 'identity number has a wrong check character' } }],
      },
    });
    // No problems, no `problems` key.
    expect(errorAnswer(notFound('WarningNotFound', '没有预警 W1 / no warning W1'))).toEqual({
      statusCode: 404,
      body: { error: 'WarningNotFound', message: '没有预警 W1 / no warning W1', messages: { 'zh-CN': '没有预警 W1', en: 'no warning W1' } },
    });
    expect(
      [notAllowed('WrongDepartment', 'm'), conflict('BatchIdReused', 'm'), tooLarge('RecordTooLarge', 'm'), ruleBroken('NoSuchAllowance', 'm')].map(
        (e) => errorAnswer(e).statusCode,
      ),
    ).toEqual([403, 409, 413, 422]);
    // The policy book's own refusal is a domain error too, its problems listed in each language.
    expect(
      errorAnswer(
        new PolicyChangeError([{ field: 'parameters[0].value', message: 'dibao.standardMonthlyFen 不能为负数 / dibao.standardMonthlyFen cannot be negative' }]),
      ),
    ).toEqual({
      statusCode: 400,
      body: {
        error: 'InvalidPolicyChange',
        message: 'parameters[0].value：dibao.standardMonthlyFen 不能为负数 / parameters[0].value: dibao.standardMonthlyFen cannot be negative',
        messages: {
          'zh-CN': 'parameters[0].value：dibao.standardMonthlyFen 不能为负数',
          en: 'parameters[0].value: dibao.standardMonthlyFen cannot be negative',
        },
        problems: [
          {
            field: 'parameters[0].value',
            message: 'dibao.standardMonthlyFen 不能为负数 / dibao.standardMonthlyFen cannot be negative',
            messages: { 'zh-CN': 'dibao.standardMonthlyFen 不能为负数', en: 'dibao.standardMonthlyFen cannot be negative' },
          },
        ],
      },
    });
  });

  it('puts English first for a caller who asks for it, and changes no code and no field', () => {
    const error = invalidInput('InvalidRecords', '批次中有 1 处问题，未保存任何记录 / 1 problem(s) in the batch; nothing was stored', [
      { record: 0, recordId: 'WJ-SW-2026-104233', field: 'dateOfDeath', message: '必填 / is required' },
    ]);
    const zh = errorAnswer(error, 'zh-CN').body;
    const en = errorAnswer(error, 'en').body;
    expect(en.message).toBe('1 problem(s) in the batch; nothing was stored / 批次中有 1 处问题，未保存任何记录');
    expect(en.problems?.[0]?.message).toBe('is required / 必填');
    expect({ ...en, message: zh.message, problems: en.problems?.map((p, i) => ({ ...p, message: zh.problems?.[i]?.message })) }).toEqual(zh);
    // A message that has one language only is answered as it is.
    expect(errorAnswer(notFound('Gone', 'no such thing'), 'en').body).toEqual({
      error: 'Gone',
      message: 'no such thing',
      messages: { 'zh-CN': 'no such thing', en: 'no such thing' },
    });
  });

  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-TW', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR, de;q=0.5', 'zh-CN'],
    ['en;q=0, zh;q=0.1', 'zh-CN'],
    ['*', 'zh-CN'],
  ] as const)('reads Accept-Language %j as %s first', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });

  it('answers a refused request in the order Accept-Language asks for, through the API handler', async () => {
    process.env.TABLE_NAME ??= 'lim-test-households';
    resetConfig();
    const handler = apiHandler('household-query', async () => json(200, {}));
    const health = 'arn:aws-cn:sts::123456789012:assumed-role/lim-health/li.na';
    const ask = (headers: Record<string, string>, body: unknown) =>
      handler(
        {
          httpMethod: 'POST',
          resource: '/persons/query',
          path: '/persons/query',
          headers,
          body: JSON.stringify(body),
          pathParameters: null,
          queryStringParameters: null,
          requestContext: { identity: { userArn: health }, requestId: 'r-1' },
        } as unknown as APIGatewayProxyEvent,
        { functionName: 'household-query', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context,
      );
    const query = { identityNumber: withWrongCheckCharacter(deathRecord().identityNumber), purpose: '核查' };
    const english = await ask({ 'Accept-Language': 'en-US,en;q=0.9' }, query);
    const chinese = await ask({}, query);
    expect([english.statusCode, english.headers?.['content-language'], chinese.statusCode, chinese.headers?.['content-language']]).toEqual([
      400,
      'en',
      400,
      'zh-CN',
    ]);
    const [en, zh] = [JSON.parse(english.body), JSON.parse(chinese.body)];
    expect(en.problems).toEqual([
      {
        field: 'identityNumber',
        message:
          'identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2) / 公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2）',
        messages: {
          'zh-CN': '公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2）',
          en: 'identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
        },
      },
      {
        field: 'purpose',
        message: 'must be at least 4 characters / 至少 4 个字符',
        messages: { 'zh-CN': '至少 4 个字符', en: 'must be at least 4 characters' },
      },
    ]);
    expect(zh.problems.map((p: { message: string }) => p.message)).toEqual([
      '公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2） / identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
      '至少 4 个字符 / must be at least 4 characters',
    ]);
    expect([en.error, en.messages, en.message]).toEqual([zh.error, zh.messages, `${zh.messages.en} / ${zh.messages['zh-CN']}`]);
    expect(zh.message).toMatch(/^请求有 2 处问题：identityNumber：公民身份号码第 18 位校验码不符.*；purpose：至少 4 个字符 \/ the query is invalid$/);
    // A caller the route is not for is refused in the language it asked for too.
    const other = await handler(
      {
        httpMethod: 'GET',
        resource: '/statistics/{month}',
        path: '/statistics/2026-11',
        headers: { 'accept-language': 'en' },
        body: null,
        pathParameters: { month: '2026-11' },
        requestContext: { identity: { userArn: health } },
      } as unknown as APIGatewayProxyEvent,
      { functionName: 'household-query', awsRequestId: 'r-2', getRemainingTimeInMillis: () => 10_000 } as unknown as Context,
    );
    expect([other.statusCode, JSON.parse(other.body)]).toEqual([
      403,
      {
        error: 'NotAllowed',
        message: 'health may not call read-statistics / health 无权调用 read-statistics',
        messages: { 'zh-CN': 'health 无权调用 read-statistics', en: 'health may not call read-statistics' },
      },
    ]);
  });
});

describe('the caller against the route', () => {
  it('admits every caller a route is for (its own department where the path names one)', () => {
    for (const route of API_ROUTES) {
      for (const caller of route.callers) {
        const call = (() => {
          try {
            return throughEdge(route.id as ApiRouteId, { caller, department: caller, body: '{}' });
          } catch (error) {
            // A body of {} may be refused, but only for what it is, never for who sent it.
            expect((error as { kind?: string }).kind, `${route.id} ${caller}`).toBe('InvalidInput');
            return undefined;
          }
        })();
        if (call) expect([call.routeId, call.caller]).toEqual([route.id, caller]);
      }
    }
  });

  it('refuses others with 403, in the words the handlers used', async () => {
    const refused = async (id: ApiRouteId, caller: (typeof WARNING_RECIPIENTS)[number] | undefined, department?: string) => {
      const r = await rejection(() => throughEdge(id, { caller, ...(department ? { department } : {}), body: '{}' }));
      return [r.statusCode, r.code, r.message];
    };
    expect(await refused('submit-records', 'health', 'civil-affairs')).toEqual([
      403,
      'WrongDepartment',
      '部门 health 不能代部门 civil-affairs 办理（submit-records） / department health may not submit records for civil-affairs',
    ]);
    expect(await refused('submit-records', undefined, 'health')).toEqual([
      403,
      'UnknownCaller',
      '调用者不是本平台的部门身份 / the caller is not a department principal of this platform',
    ]);
    expect(await refused('answer-warning', 'health', 'civil-affairs')).toEqual([
      403,
      'WrongDepartment',
      '部门 health 不能代部门 civil-affairs 办理（answer-warning） / department health may not answer for civil-affairs',
    ]);
    expect(await refused('acknowledge-warning', undefined, 'civil-affairs')).toEqual([
      403,
      'UnknownCaller',
      '调用者不是本平台的部门身份 / the caller is not a department principal of this platform',
    ]);
    expect(await refused('read-audit-trail', 'civil-affairs')).toEqual([
      403,
      'NotAllowed',
      'civil-affairs 无权调用 read-audit-trail / civil-affairs may not call read-audit-trail',
    ]);
    expect(await refused('change-policy', undefined)).toEqual([403, 'NotAllowed', '该调用者 无权调用 change-policy / this caller may not call change-policy']);
  });

  it('checks the caller before the body: a caller the route is not for learns nothing of what it accepts', async () => {
    expect((await rejection(() => throughEdge('change-policy', { caller: 'health', body: '{"expectedVersion": -1}' }))).code).toBe('NotAllowed');
    expect((await rejection(() => throughEdge('change-policy', { caller: 'civil-affairs', body: '{"expectedVersion": -1}' }))).code).toBe(
      'InvalidPolicyChange',
    );
  });
});

describe('the body against the route', () => {
  it('reads the JSON once, refusing text that is not JSON or is nested too deep', async () => {
    expect(await rejection(() => readJson('{"batchId": '))).toMatchObject({
      statusCode: 400,
      code: 'MalformedJson',
      message: '请求体不是有效的 JSON：内容不完整 / the request body is not valid JSON: it ends too early',
    });
    expect(await rejection(() => readJson('{"batchId": "health-2026-11-21-001",}'))).toMatchObject({
      message: '请求体不是有效的 JSON：第 37 个字符处有误 / the request body is not valid JSON: error at character 37',
    });
    // The parser's message would quote the body: never echoed.
    const quoted = await rejection(() => readJson(`430104194803120225 ${'x'.repeat(20)}`));
    expect([quoted.code, quoted.message.includes('430104')]).toEqual(['MalformedJson', false]);
    expect(await rejection(() => readJson(null))).toMatchObject({
      statusCode: 400,
      code: 'MalformedJson',
      message: '请求体为空，须为 JSON / the request body is empty; JSON is expected',
    });
    expect(readJson(`${'['.repeat(16)}${']'.repeat(16)}`)).toHaveLength(1);
    expect(await rejection(() => readJson(`${'['.repeat(17)}${']'.repeat(17)}`))).toMatchObject({
      statusCode: 400,
      code: 'TooDeep',
      problems: [{ field: '(body)' }],
    });
  });

  it.each([
    ['submit-records', 'health', { batchId: 'health-2026-11-21-001', records: [] }, 'InvalidBatch', 'the batch envelope is invalid', 'records'],
    ['submit-records', 'health', null, 'InvalidBatch', 'the batch envelope is invalid', '(body)'],
    ['answer-warning', 'civil-affairs', { outcome: 'no-action-needed', handledBy: 'YL-0413' }, 'InvalidOutcome', 'the outcome is invalid', 'reason'],
    ['answer-warning', 'civil-affairs', 7, 'InvalidOutcome', 'the outcome is invalid', 'outcome'],
    ['query-person', 'health', { identityNumber: deathRecord().identityNumber }, 'InvalidQuery', 'the query is invalid', 'purpose'],
    ['what-if', 'supervision', { parameters: [], extra: 1 }, 'InvalidPolicyChange', 'the request has 2 problem(s): parameters: ', 'extra'],
  ] as const)('%s: refuses %j with %s naming the field', async (id, caller, body, code, message, field) => {
    const r = await rejection(() => throughEdge(id, { caller, department: caller, body: JSON.stringify(body) }));
    expect([r.statusCode, r.code]).toEqual([400, code]);
    // Chinese first, counting and naming the problems; the route's own words in English.
    expect(r.message).toMatch(new RegExp(`^请求有 ${r.problems.length} 处问题：.+ / `));
    expect(splitBilingual(r.message).en.startsWith(message)).toBe(true);
    expect(r.problems.every((p) => isBilingual(p.message))).toBe(true);
    expect(r.problems.map((p) => p.field)).toContain(field);
  });

  it('hands the handler the body as its route’s schema reads it', () => {
    const call = throughEdge('query-person', {
      caller: 'health',
      body: JSON.stringify({ identityNumber: deathRecord().identityNumber, purpose: '核查医疗救助对象身份' }),
    });
    expect(call).toMatchObject({
      routeId: 'query-person',
      caller: 'health',
      body: { identityNumber: deathRecord().identityNumber, purpose: '核查医疗救助对象身份' },
    });
    // A route without a body reads none, whatever is sent.
    expect(throughEdge('read-project-list', { caller: 'health', body: 'not JSON' }).body).toBeUndefined();
    expect(routeById('read-project-list').body).toBe('none');
  });
});
