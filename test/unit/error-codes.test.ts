import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { API_ROUTES, type ApiRouteId, type FunctionId } from '../../shared/platform/api';
import { ERROR_CODES, ROUTE_REFUSALS, refusalsOf, type ErrorCode } from '../../shared/platform/error-codes';
import { errorAnswer as errorBody } from '../../shared/platform/answers';
import { errorAnswer, STATUS_OF } from '../../shared/http/api-error';
import { conflict, invalidInput, notAllowed, notFound, ruleBroken, tooLarge } from '../../shared/domain/errors';
import { PolicyChangeError } from '../../shared/domain/policy/policy-change';

/**
 * The error codes as documented (shared/platform/error-codes.ts → the OpenAPI document and the
 * department pages) against the code that sends them: read from the source, so a code added,
 * renamed or moved to another route without its documentation fails here.
 */
const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const sourcesOf = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => read(join(folder, f)));

const KIND_STATUS: Record<string, number> = { invalidInput: 400, notAllowed: 403, notFound: 404, conflict: 409, tooLarge: 413, ruleBroken: 422 };
/** Every refusal a source throws: `conflict('BatchIdReused', …)` → [BatchIdReused, 409]. */
const thrown = (source: string) =>
  [...source.matchAll(/\b(invalidInput|notAllowed|notFound|conflict|tooLarge|ruleBroken)\(\s*'([A-Za-z]+)'/g)].map(
    ([, kind, code]) => [code!, KIND_STATUS[kind!]!] as const,
  );
/** Answers written out directly: `json(409, { error: 'IdempotencyKeyReused' …`. */
const written = (source: string) =>
  [...source.matchAll(/\(\s*(\d{3}),\s*(?:\{\s*error:|refusalBody\()\s*'([A-Za-z]+)'/g)].map(([, status, code]) => [code!, Number(status)] as const);

describe('the error codes documented are the ones sent', () => {
  it.each([...new Set(API_ROUTES.map((r) => r.function))].map((f) => [f]))('%s: the codes its handler and use case send, and no other', (fn: FunctionId) => {
    // The correction rules are the domain's (shared/domain/correction*.ts): feedback-intake sends its refusals.
    const sources = [
      ...sourcesOf(join('functions', fn)),
      ...(fn === 'feedback-intake'
        ? [read('shared/domain/correction.ts'), read('shared/domain/correction-decision.ts'), read('shared/domain/correction-undo.ts')]
        : []),
    ];
    const sent = new Map(sources.flatMap(thrown));
    const routes = API_ROUTES.filter((r) => r.function === fn);
    const documented = new Set(routes.flatMap((r) => ROUTE_REFUSALS[r.id as ApiRouteId]));
    // Powertools idempotency on the handler answers these two (shared/http/api-handler.ts).
    const idempotent = sources.some((s) => s.includes('makeHandlerIdempotent('));
    if (idempotent) for (const c of ['IdempotencyKeyReused', 'RequestInProgress']) sent.set(c, 409);
    // A what-if job that failed is answered with its failure's code (what-if-runner writes it).
    if (fn === 'policy-admin')
      for (const [, c] of read('functions/what-if-runner/use-case.ts').matchAll(/failJob\(\s*\w+,\s*'([A-Za-z]+)'/g)) sent.set(c!, 409);
    expect([...documented].sort()).toEqual([...sent.keys()].sort());
    for (const [c, status] of sent) expect(ERROR_CODES[c as ErrorCode]?.status, c).toBe(status);
  });

  it('documents every refusal of the edge, for every route, with its status', () => {
    const edge = new Map([
      ...thrown(read('shared/http/api-call.ts')),
      ...written(read('shared/http/api-handler.ts')),
      ...written(read('infra/local/http-front.ts').replace(/send\(res, /g, '(')),
    ]);
    for (const route of API_ROUTES) if (route.body !== 'none') edge.set(route.body.refusal.code, 400);
    edge.set(new PolicyChangeError([]).code, 400);
    expect([...edge.keys()].sort()).toEqual([
      'IdempotencyKeyReused',
      'InternalError',
      'InvalidBatch',
      'InvalidCareAssessment',
      'InvalidCharityConsent',
      'InvalidCharityDelivery',
      'InvalidCharityOffer',
      'InvalidCorrection',
      'InvalidDeliveryReport',
      'InvalidHeader',
      'InvalidOfficer',
      'InvalidOutcome',
      'InvalidPartner',
      'InvalidPolicyChange',
      'InvalidQuery',
      'InvalidServiceOrder',
      'InvalidSweepRequest',
      'MalformedJson',
      'MalformedPath',
      'NotAllowed',
      'PartnerNotRegistered',
      'RequestInProgress',
      'TooDeep',
      'UnknownCaller',
      'WrongDepartment',
    ]);
    for (const [c, status] of edge) expect(ERROR_CODES[c as ErrorCode]?.status, c).toBe(status);
    for (const route of API_ROUTES) {
      const codes = refusalsOf(route);
      expect(codes, route.id).toEqual(expect.arrayContaining(['InvalidHeader', 'NotAllowed', 'InternalError']));
      if (route.body !== 'none') expect(codes, route.id).toEqual(expect.arrayContaining(['MalformedJson', 'TooDeep', route.body.refusal.code]));
      if (route.ownDepartmentOnly) expect(codes, route.id).toEqual(expect.arrayContaining(['WrongDepartment', 'UnknownCaller']));
    }
  });

  it('documents no code that nothing sends', () => {
    const everything = [
      ...['functions', 'shared/http', 'shared/platform', 'shared/domain/policy'].flatMap((f) =>
        readdirSync(join(root, f), { recursive: true, encoding: 'utf8' })
          .filter((p) => p.endsWith('.ts') && !p.endsWith('error-codes.ts') && !p.endsWith('openapi.ts'))
          .map((p) => read(join(f, p))),
      ),
      read('infra/local/http-front.ts'),
      read('shared/domain/correction.ts'),
      read('shared/domain/correction-decision.ts'),
      read('shared/domain/correction-undo.ts'),
    ].join('\n');
    for (const c of Object.keys(ERROR_CODES)) expect(everything, c).toMatch(new RegExp(`'${c}'`));
  });

  it('documents the body every refusal is sent with (shared/http/api-error.ts)', () => {
    const strict = z.strictObject({
      ...errorBody.shape,
      messages: z.strictObject(errorBody.shape.messages.shape),
      problems: z
        .array(z.strictObject({ ...errorBody.shape.problems.unwrap().element.shape, messages: z.strictObject(errorBody.shape.messages.shape) }))
        .optional(),
    });
    const refusals = [
      invalidInput('InvalidRecords', 'm', [{ record: 0, recordId: 'WJ-SW-2026-104233', field: 'identityNumber', message: 'm' }]),
      notAllowed('WrongDepartment', 'm'),
      notFound('SubmissionNotFound', 'm'),
      conflict('BatchIdReused', 'm'),
      tooLarge('RecordTooLarge', 'm'),
      ruleBroken('StillPaid', 'm', [{ field: 'category', message: 'm' }]),
    ];
    for (const e of refusals) {
      const { statusCode, body } = errorAnswer(e);
      expect(strict.safeParse(body).success, e.code).toBe(true);
      expect(statusCode).toBe(STATUS_OF[e.kind]);
      expect(ERROR_CODES[e.code as ErrorCode].status).toBe(statusCode);
    }
  });
});
