import { decisionCorrection } from '../../shared/domain/correction-decision';
import { PARTNER_ANSWER_SCHEMAS, PARTNER_REQUEST_SCHEMAS } from '../../shared/platform/openapi-partners';
import { outcomeCorrection } from '../../shared/domain/correction';
import { partnerRegistration } from '../../shared/domain/partners';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { careAssessmentRequest, deliveryReport, serviceOrderRequest } from '../../shared/domain/service-assistance';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument, OUTCOME_EXAMPLES } from '../../shared/platform/openapi';
import { API_ROUTES, sweepRequest, type ApiRouteId } from '../../shared/platform/api';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../../shared/records/catalogue';
import { RECORD_EXAMPLES } from '../../shared/records/examples';
import { plausibilityProblems } from '../../shared/records/plausibility';
import { submissionBatch } from '../../shared/records/batch';
import { personQuery } from '../../shared/records/person-query';
import { warningOutcome } from '../../shared/domain/outcome';
import { policyChangeRequest, whatIfRequest } from '../../shared/domain/policy/policy-change';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { isValidIdentityNumber } from '../../shared/domain/identity-number';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { auditDayAnswer } from '../../shared/domain/supervision/verify-day';
import { workItemV1 } from '../../events/work-item.v1';
import * as answers from '../../shared/platform/answers';
import { ANSWER_EXAMPLES } from '../../shared/platform/answer-examples';
import { ERROR_CODES, refusalsOf, type ErrorCode } from '../../shared/platform/error-codes';
import { fieldRows, IDENTITY_NUMBER_PATTERN, jsonSchemaOf } from '../../shared/platform/schema-docs';

type Doc = ReturnType<typeof openApiDocument>;
type Operation = {
  operationId: string;
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { $ref: string }; examples: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }> }>;
};
const operationOf = (doc: Doc, id: ApiRouteId) => {
  const route = API_ROUTES.find((r) => r.id === id)!;
  return (doc.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;
};
const schemaName = (ref: unknown) =>
  String((ref as { $ref: string }).$ref)
    .split('/')
    .at(-1)!;

/** Every schema object in the document, with where it is. */
function* schemasIn(node: unknown, at: string): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* schemasIn(n, `${at}[${i}]`);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if ('type' in o || '$ref' in o || 'oneOf' in o || 'anyOf' in o || 'allOf' in o) yield [at, o];
  for (const [k, v] of Object.entries(o)) if (k !== 'examples' && k !== 'example') yield* schemasIn(v, `${at}.${k}`);
}

/** The answer schemas and the zod schema each stands for. */
const ZOD_OF: Record<string, z.ZodType> = {
  SubmissionReceipt: answers.submissionReceipt,
  SubmissionStatus: answers.submissionStatus,
  AcknowledgementReceipt: answers.acknowledgementReceipt,
  DepartmentWarningList: answers.departmentWarningList,
  OverdueWarningList: answers.overdueWarningList,
  WarningDetail: answers.warningDetail,
  AnswerReceipt: answers.answerReceipt,
  CorrectionReceipt: answers.correctionReceipt,
  OutcomeCorrection: outcomeCorrection,
  DecisionCorrectionReceipt: answers.decisionCorrectionReceipt,
  DecisionCorrection: decisionCorrection,
  AssistanceChain: answers.assistanceChain,
  NeedsList: answers.needsList,
  HappinessList: answers.happinessList,
  PersonQueryAnswer: answers.personQueryAnswer,
  ProjectList: answers.projectList,
  MonthlyStatistics: answers.monthlyStatistics,
  DisclosureList: answers.disclosureList,
  AuditDay: auditDayAnswer,
  PolicyParameters: answers.policyParameters,
  PolicyChange: answers.policyChange,
  PolicyChanges: answers.policyChanges,
  WhatIfJob: answers.whatIfJob,
  HouseholdAssessment: answers.householdAssessment,
  RecognitionDecisions: answers.recognitionDecisions,
  SubmissionBatch: submissionBatch,
  WarningOutcome: warningOutcome,
  PersonQuery: personQuery,
  PolicyChangeRequest: policyChangeRequest,
  WhatIfRequest: whatIfRequest,
  SweepRun: answers.sweepRun,
  SweepRequest: sweepRequest,
  WaiverList: answers.waiverListAnswer,
  WaiverVerification: answers.waiverVerificationAnswer,
  WaiverCheck: answers.waiverVerification,
  OfficerRegistration: answers.officerRegistration,
  OfficerRegistered: answers.officerRegistered,
  OfficerList: answers.officerList,
  // 服务类社会救助.
  CareAssessmentReceipt: answers.careAssessmentReceipt,
  ServiceOrderReceipt: answers.serviceOrderReceipt,
  ServiceOrderList: answers.serviceOrderList,
  ProviderOrderList: answers.providerOrderList,
  DeliveryReceipt: answers.deliveryReceipt,
  CareAssessmentRequest: careAssessmentRequest,
  ServiceOrderRequest: serviceOrderRequest,
  DeliveryReport: deliveryReport,
  // 社会力量登记 (the partner routes).
  Partner: answers.partnerAnswer,
  PartnerList: answers.partnerList,
  PartnerRegistration: partnerRegistration,
  Error: answers.errorAnswer,
  GatewayError: answers.gatewayError,
  // 社会力量 and 慈善帮扶 (shared/platform/openapi-partners.ts).
  ...PARTNER_ANSWER_SCHEMAS,
  ...PARTNER_REQUEST_SCHEMAS,
};

describe('the OpenAPI document', () => {
  const doc = openApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document.
    expect((await new Validator().validate({ openapi: '3.1.0', paths: { '/x': { get: { responses: 'none' } } } })).valid).toBe(false);
  });

  it('passes Redocly’s recommended rules with no error and no warning, examples checked against their schemas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lim-openapi-'));
    try {
      // The document, and a copy with one wrong example to show the rules look at examples: one run for both.
      const [good, broken] = [join(dir, 'openapi.json'), join(dir, 'broken.json')];
      writeFileSync(good, JSON.stringify(doc));
      const wrong = structuredClone(doc) as unknown as { components: { schemas: Record<string, { examples: Record<string, unknown>[] }> } };
      wrong.components.schemas['death-record']!.examples[0]!.district = '999999';
      writeFileSync(broken, JSON.stringify(wrong));
      let out = '';
      try {
        out = execFileSync(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', good, broken, '--config', 'redocly.yaml', '--format=json'], {
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          stdio: ['ignore', 'pipe', 'ignore'],
        }).toString();
      } catch (error) {
        out = String((error as { stdout?: Buffer }).stdout ?? ''); // exits 1 for the broken copy
      }
      // One JSON report per file, one after the other.
      const reports = out
        .trim()
        .split(/(?<=\})\s*(?=\{\s*"totals")/)
        .map(
          (r) =>
            JSON.parse(r) as {
              totals: { errors: number; warnings: number };
              problems: { ruleId: string; message: string; location: { source: { ref: string } }[] }[];
            },
        );
      const problems = reports.flatMap((r) => r.problems);
      const of = (file: string) => problems.filter((p) => p.location[0]?.source.ref.endsWith(file)).map((p) => `${p.ruleId}: ${p.message}`);
      expect(reports).toHaveLength(2);
      expect(of('openapi.json')).toEqual([]);
      expect(of('broken.json').join('\n')).toContain('no-invalid-schema-examples');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('covers every route and every record type, and lists the local platform among its servers', () => {
    for (const route of API_ROUTES) expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.id).toBeDefined();
    for (const type of RECORD_TYPE_CODES) expect(doc.components.schemas[type], type).toBeDefined();
    expect(doc.servers.map((s) => s.url)).toContain('http://127.0.0.1:4510');
    expect(openApiDocument({ localUrl: 'http://127.0.0.1:39999' }).servers.map((s) => s.url)).toContain('http://127.0.0.1:39999');
  });

  it('writes every request and answer out: no bare object, every success a named schema of its own', () => {
    const bare = [...schemasIn(doc, '#')]
      .filter(([, s]) => s.type === 'object' && !s.properties && !s.additionalProperties && !s.patternProperties && !s.oneOf && !s.anyOf && !s.allOf)
      .map(([at]) => at);
    expect(bare).toEqual([]);
    for (const route of API_ROUTES) {
      const op = operationOf(doc, route.id as ApiRouteId);
      const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(successes.length, route.id).toBeGreaterThan(0);
      for (const [, r] of successes) expect(ZOD_OF[schemaName(r.content!['application/json']!.schema)], route.id).toBeDefined();
      if (route.body !== 'none') expect(ZOD_OF[schemaName(op.requestBody!.content['application/json']!.schema)], route.id).toBeDefined();
    }
  });

  it('has an example of every request body and answer, each accepted by the zod schema it stands for', () => {
    let checked = 0;
    for (const route of API_ROUTES) {
      const op = operationOf(doc, route.id as ApiRouteId);
      const contents = [
        ...(op.requestBody ? [op.requestBody.content['application/json']!] : []),
        ...Object.entries(op.responses)
          .filter(([s]) => s.startsWith('2'))
          .map(([, r]) => r.content!['application/json']!),
      ];
      for (const content of contents) {
        const schema = ZOD_OF[schemaName(content.schema)]!;
        expect(Object.keys(content.examples ?? {}).length, route.id).toBeGreaterThan(0);
        for (const [name, { value }] of Object.entries(content.examples ?? {})) {
          const parsed = schema.safeParse(value);
          expect(parsed.success ? [] : parsed.error.issues, `${route.id} example ${name}`).toEqual([]);
          checked += 1;
        }
      }
    }
    // Each department's batch: each record against its own type as intake checks it.
    for (const { value } of Object.values(operationOf(doc, 'submit-records').requestBody!.content['application/json']!.examples)) {
      for (const record of (value as { records: { type: keyof typeof RECORD_TYPES }[] }).records)
        expect(RECORD_TYPES[record.type].schema.safeParse(record).success, record.type).toBe(true);
    }
    const kinds = [...warningOutcome.options.map((o) => o.shape.outcome.value)].sort();
    expect(Object.keys(OUTCOME_EXAMPLES).sort()).toEqual(kinds);
    expect([...answers.answerReceipt.shape.outcome.options].sort()).toEqual(kinds);
    expect(workItemV1.safeParse((doc.components.schemas.WorkItem as { examples: unknown[] }).examples[0]).success).toBe(true);
    expect(checked).toBeGreaterThan(40);
  });

  it('has a realistic example of every record type: valid, plausible, with GB 11643 identity numbers and the city’s districts', () => {
    const book = new PolicyBook(CITY_PARAMETERS);
    for (const type of RECORD_TYPE_CODES) {
      const example = RECORD_EXAMPLES[type];
      const parsed = RECORD_TYPES[type].schema.safeParse(example);
      expect(parsed.success ? [] : parsed.error.issues, type).toEqual([]);
      expect(plausibilityProblems(parsed.data as Record<string, unknown>, book, '2026-12-01'), type).toEqual([]);
      const text = JSON.stringify(example);
      for (const id of text.match(/\b\d{17}[\dX]\b/g) ?? []) expect(isValidIdentityNumber(id), `${type} ${id}`).toBe(true);
      expect(DISTRICT_CODES, type).toContain((example.district ?? '430102') as (typeof DISTRICT_CODES)[number]);
    }
  });

  it('describes the GB 11643 rule on every identityNumber, with its pattern', () => {
    const found = [...schemasIn(doc.components, '#/components')].filter(([at]) => at.endsWith('.identityNumber'));
    // Every record type about people has at least one, and the person query adds more.
    const aboutPeople = RECORD_TYPE_CODES.filter((t) => JSON.stringify(RECORD_EXAMPLES[t]).includes('"identityNumber"'));
    expect(found.length).toBeGreaterThan(aboutPeople.length);
    for (const [at, s] of found) {
      expect(s.pattern, at).toBe(IDENTITY_NUMBER_PATTERN);
      expect(String(s.description), at).toContain('GB 11643');
      expect(String(s.description), at).toContain('ISO 7064 MOD 11-2');
    }
  });

  it('declares the query parameters the handlers read, and the path parameters with their patterns', () => {
    const names = (id: ApiRouteId, where: string) =>
      operationOf(doc, id)
        .parameters.filter((p) => p.in === where)
        .map((p) => p.name);
    expect(names('read-policy', 'query')).toEqual(['on', 'district']);
    expect(names('read-disclosure', 'query')).toEqual(['district']);
    expect(names('read-submission', 'path')).toEqual(['department', 'submissionId']);
    const submissionId = operationOf(doc, 'read-submission').parameters.find((p) => p.name === 'submissionId')!;
    expect(new RegExp(String(submissionId.schema.pattern)).test(ANSWER_EXAMPLES.submissionReceipt.submissionId)).toBe(true);
    expect(names('read-assistance-chain', 'header')).toContain('x-purpose');
  });

  it('lists, for each route, the error codes the code sends for it, each with an example', () => {
    for (const route of API_ROUTES) {
      const op = operationOf(doc, route.id as ApiRouteId);
      const documented = new Set<string>();
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => !s.startsWith('2'))) {
        for (const [name, { value }] of Object.entries(response.content!['application/json']!.examples ?? {})) {
          if (name === 'gateway') {
            expect(answers.gatewayError.safeParse(value).success).toBe(true);
            continue;
          }
          const body = answers.errorAnswer.parse(value);
          expect(String(ERROR_CODES[body.error as ErrorCode].status), `${route.id} ${name}`).toBe(status);
          documented.add(body.error);
        }
      }
      expect([...documented].sort(), route.id).toEqual([...refusalsOf(route)].sort());
    }
    expect(JSON.stringify(operationOf(doc, 'submit-records').responses['409'])).toContain('BatchIdReused');
  });
});

describe('the fields as the pages list them', () => {
  it('expands nested objects and lists of objects, and takes the Chinese label from title', () => {
    const schema = z.object({
      householdId: z.string().meta({ title: '户编号', 'x-label-en': 'Household number' }),
      allowance: z.object({ programme: z.string(), startDate: z.iso.date() }).optional(),
      members: z.array(z.object({ identityNumber: z.string().meta({ title: '身份证号' }) })).min(1),
    });
    const rows = fieldRows(jsonSchemaOf(schema, 'input'));
    expect(rows.map((r) => [r.path, r.label, r.required])).toEqual([
      ['householdId', '户编号 / Household number', 'yes'],
      ['allowance', undefined, 'no'],
      ['allowance.programme', undefined, { within: 'allowance' }],
      ['allowance.startDate', undefined, { within: 'allowance' }],
      ['members', undefined, 'yes'],
      ['members[].identityNumber', '身份证号', 'yes'],
    ]);
    expect(rows.find((r) => r.path === 'members[].identityNumber')!.type).toContain(IDENTITY_NUMBER_PATTERN);
  });
});
