import { describe, expect, it } from 'vitest';
import type { WARNING_RECIPIENTS } from '../../shared/domain/departments';
import { conflict, invalidInput, notAllowed, notFound, ruleBroken, tooLarge } from '../../shared/domain/errors';
import { PolicyChangeError } from '../../shared/domain/policy/policy-change';
import { errorAnswer } from '../../shared/http/api-error';
import { readJson } from '../../shared/http/api-call';
import { API_ROUTES, routeById, type ApiRouteId } from '../../shared/platform/api';
import { deathRecord } from '../fixtures/people';
import { rejection } from './rejection';
import { throughEdge } from './through-edge';

/**
 * The API's edge: a refusal's kind becomes its HTTP status and the body every route answers
 * with; a request's caller is checked against its route, then its JSON against the route's schema.
 */
describe('a refusal at the edge', () => {
  it('answers each kind with its status and the body departments already read', () => {
    const problems = [{ record: 2, recordId: 'WJ-SW-2026-104233', field: 'identityNumber', message: 'identity number has a wrong check character' }];
    expect(errorAnswer(invalidInput('InvalidRecords', '1 problem(s) in the batch; nothing was stored', problems))).toEqual({
      statusCode: 400,
      body: { error: 'InvalidRecords', message: '1 problem(s) in the batch; nothing was stored', problems },
    });
    // No problems, no `problems` key.
    expect(errorAnswer(notFound('WarningNotFound', 'no warning W1'))).toEqual({
      statusCode: 404,
      body: { error: 'WarningNotFound', message: 'no warning W1' },
    });
    expect(
      [notAllowed('WrongDepartment', 'm'), conflict('BatchIdReused', 'm'), tooLarge('RecordTooLarge', 'm'), ruleBroken('NoSuchAllowance', 'm')].map(
        (e) => errorAnswer(e).statusCode,
      ),
    ).toEqual([403, 409, 413, 422]);
    // The policy book's own refusal is a domain error too, answered as the API always did.
    expect(errorAnswer(new PolicyChangeError([{ field: 'parameters[0].value', message: 'cannot be negative' }]))).toEqual({
      statusCode: 400,
      body: {
        error: 'InvalidPolicyChange',
        message: 'parameters[0].value: cannot be negative',
        problems: [{ field: 'parameters[0].value', message: 'cannot be negative' }],
      },
    });
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
      'department health may not submit records for civil-affairs',
    ]);
    expect(await refused('submit-records', undefined, 'health')).toEqual([403, 'UnknownCaller', 'the caller is not a department principal of this platform']);
    expect(await refused('answer-warning', 'health', 'civil-affairs')).toEqual([403, 'WrongDepartment', 'department health may not answer for civil-affairs']);
    expect(await refused('acknowledge-warning', undefined, 'civil-affairs')).toEqual([
      403,
      'UnknownCaller',
      'the caller is not a department principal of this platform',
    ]);
    expect(await refused('read-audit-trail', 'civil-affairs')).toEqual([403, 'NotAllowed', 'civil-affairs may not call read-audit-trail']);
    expect(await refused('change-policy', undefined)).toEqual([403, 'NotAllowed', 'this caller may not call change-policy']);
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
      message: expect.stringMatching(/^the request body is not valid JSON: /),
    });
    expect(await rejection(() => readJson(null))).toMatchObject({ statusCode: 400, code: 'MalformedJson' });
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
    expect(r.message.startsWith(message)).toBe(true);
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
