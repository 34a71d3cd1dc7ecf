import * as z from 'zod';
import { warningOutcome } from '../domain/outcome';
import { WARNING_RECIPIENTS } from '../domain/departments';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../records/catalogue';
import { workItemV1 } from '../../events/work-item.v1';
import { API_ROUTES, type ApiRoute } from './api';
import { policyChangeRequest, whatIfRequest } from '../domain/policy/policy-change';
import { auditDayAnswer } from '../domain/supervision/verify-day';

/**
 * The OpenAPI 3.1 document of the platform's API, generated from the same zod schemas that
 * validate requests, so the document cannot drift from what the handlers accept.
 * Served by the local platform at /openapi.json.
 */
const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'machine-readable code, e.g. InvalidRecords, RecordTypeNotAllowed, BatchIdReused' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          record: { type: 'integer', description: 'index of the record in the batch' },
          recordId: { type: 'string', description: 'the department’s own id of that record' },
          field: { type: 'string', description: 'path of the field, e.g. members[1].identityNumber' },
          message: { type: 'string' },
        },
      },
    },
  },
};

const receipt = {
  type: 'object',
  required: ['submissionId', 'batchId', 'department', 'accepted', 'acceptedAt', 'replayed'],
  properties: {
    submissionId: { type: 'string' },
    batchId: { type: 'string' },
    department: { type: 'string' },
    accepted: { type: 'integer' },
    acceptedAt: { type: 'string', format: 'date-time' },
    replayed: { type: 'boolean' },
  },
};

/** Answers described in full (the others are documented as objects). */
const RESPONSES: Record<string, { description: string; schema: Record<string, unknown> }> = {
  'submit-records': { description: 'done', schema: receipt },
  'read-audit-trail': { description: auditDayAnswer.description ?? 'done', schema: jsonSchema(auditDayAnswer) },
};

function requestBody(route: ApiRoute): Record<string, unknown> | undefined {
  if (route.id === 'submit-records') {
    return {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['batchId', 'records'],
            additionalProperties: false,
            properties: {
              batchId: {
                type: 'string',
                pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$',
                description: 'idempotency key: resend the same batch with the same id',
              },
              records: { type: 'array', minItems: 1, maxItems: 500, items: { oneOf: RECORD_TYPE_CODES.map((t) => ({ $ref: `#/components/schemas/${t}` })) } },
            },
          },
        },
      },
    };
  }
  if (route.id === 'answer-warning') return { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WarningOutcome' } } } };
  if (route.id === 'change-policy') return { required: true, content: { 'application/json': { schema: jsonSchema(policyChangeRequest) } } };
  if (route.id === 'what-if') return { required: true, content: { 'application/json': { schema: jsonSchema(whatIfRequest) } } };
  return undefined;
}

const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input: the body names the record and the field',
  401: 'no SigV4 signature',
  403: 'not this department’s route, record type or warning',
  404: 'no such warning, household or what-if job, or an audit day past its retention',
  409: 'the id was already used with another body, or the warning was already answered',
  422: 'valid but contradicts the household (e.g. an allowance it is not paid)',
};

export function openApiDocument(serverUrl = 'https://{apiId}.execute-api.{region}.amazonaws.com.cn/v1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const parameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: m[1] === 'department' ? { type: 'string', enum: route.callers } : { type: 'string' },
    }));
    const body = requestBody(route);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: `${route.id} (${route.function})`,
      description: `Callers: ${route.callers.join(', ')}${route.ownDepartmentOnly ? ' — each only for its own department' : ''}.`,
      parameters,
      ...(body ? { requestBody: body } : {}),
      security: [{ sigv4: [] }],
      responses: {
        [route.id === 'submit-records' ? '202' : '200']: {
          description: RESPONSES[route.id]?.description ?? 'done',
          content: { 'application/json': { schema: RESPONSES[route.id]?.schema ?? { type: 'object' } } },
        },
        // A what-if longer than the wait is a job: 202 with its id, progress and location (GET it there).
        ...(route.id === 'what-if'
          ? {
              '202': {
                description: 'still running: { jobId, status, progress, location }; GET the location for progress and the report',
                content: { 'application/json': { schema: { type: 'object', required: ['jobId', 'status', 'progress', 'location'] } } },
              },
            }
          : {}),
        ...errors(body ? [400, 401, 403, 404, 409, 422] : [400, 401, 403, 404]),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Low-income population dynamic-monitoring platform API (低收入人口动态监测信息平台)',
      version: '1',
      description:
        'Departments post their records, answer the warnings pushed to their SQS work queue, and read assistance chains. ' +
        'Every request is signed with AWS Signature Version 4 (service execute-api) by the department’s IAM role. ' +
        `Work queue messages follow the WorkItem schema. Recipients: ${WARNING_RECIPIENTS.join(', ')}.`,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4, service execute-api' },
      },
      schemas: <Record<string, unknown>>{
        Error: errorBody,
        WarningOutcome: jsonSchema(warningOutcome),
        WorkItem: jsonSchema(workItemV1),
        ...Object.fromEntries(
          RECORD_TYPE_CODES.map((t) => [
            t,
            { ...jsonSchema(RECORD_TYPES[t].schema), description: `${RECORD_TYPES[t].description} — sent by ${RECORD_TYPES[t].department}` },
          ]),
        ),
      },
    },
  };
}
