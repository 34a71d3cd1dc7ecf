import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../../shared/platform/openapi';
import { API_ROUTES } from '../../shared/platform/api';
import { RECORD_TYPE_CODES } from '../../shared/records/catalogue';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document.
    expect((await new Validator().validate({ openapi: '3.1.0', paths: { '/x': { get: { responses: 'none' } } } })).valid).toBe(false);
  });

  it('covers every route and every record type', () => {
    const doc = openApiDocument();
    for (const route of API_ROUTES) expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.id).toBeDefined();
    for (const type of RECORD_TYPE_CODES) expect(doc.components.schemas[type], type).toBeDefined();
    expect(JSON.stringify(doc.components.schemas['death-record'])).toContain('identityNumber');
  });
});
