import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { schemaChanges } from './schema-changes';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
const changes = (before: z.ZodType, after: z.ZodType) => schemaChanges(json(before), json(after));

const member = z.object({ personRef: z.string(), relationship: z.enum(['head', 'spouse']) }).strict();
const v1 = z
  .object({
    householdId: z.string(),
    district: z.enum(['430102', '430104']),
    amountFen: z.number().int(),
    members: z.array(member),
    category: z.enum(['DIBAO', 'TEKUN']).nullable(),
    note: z.string().optional(),
  })
  .strict();

describe('schemaChanges', () => {
  it('finds nothing between a schema and itself', () => {
    expect(changes(v1, v1)).toEqual({ breaking: [], additions: [] });
  });

  it('refuses a new required field: events published before lack it', () => {
    expect(changes(v1, v1.extend({ programme: z.string() })).breaking).toEqual(['programme: new and required (events published before lack it)']);
  });

  it('refuses a field removed or renamed, at any depth', () => {
    const renamed = v1.omit({ amountFen: true }).extend({ monthlyAmountFen: z.number().int() });
    expect(changes(v1, renamed).breaking).toEqual([
      'amountFen: removed (events published with it are refused now; consumers of the version read it)',
      'monthlyAmountFen: new and required (events published before lack it)',
    ]);
    const nested = v1.extend({ members: z.array(member.omit({ relationship: true })) });
    expect(changes(v1, nested).breaking).toEqual([
      'members[].relationship: removed (events published with it are refused now; consumers of the version read it)',
    ]);
  });

  it('refuses a field made optional (consumers count on it) or required (old events lack it)', () => {
    expect(changes(v1, v1.extend({ householdId: z.string().optional() })).breaking).toEqual([
      'householdId: optional now (consumers of the version count on it)',
    ]);
    expect(changes(v1, v1.extend({ note: z.string() })).breaking).toEqual(['note: required now (events published without it are refused)']);
  });

  it('refuses narrowing: an enum value or a null dropped, a type or a pattern changed, strictness dropped', () => {
    expect(changes(v1, v1.extend({ district: z.enum(['430102']) })).breaking).toEqual(['district: no longer accepts ["430104"]']);
    expect(changes(v1, v1.extend({ category: z.enum(['DIBAO', 'TEKUN']) })).breaking).toEqual(['category: no longer accepts {"type":"null"}']);
    expect(changes(v1, v1.extend({ amountFen: z.string() })).breaking).toContain('amountFen: type changed from "integer" to "string"');
    expect(changes(v1, v1.extend({ householdId: z.string().regex(/^\d{6}-/) })).breaking).toEqual([
      'householdId: pattern changed from nothing to "^\\\\d{6}-"',
    ]);
    expect(changes(v1, v1.strip()).breaking).toEqual(['(the event): additionalProperties changed from false to nothing']);
  });

  it('lets a version gain an optional field or an enum value: every published event still parses', () => {
    const wider = v1.extend({
      district: z.enum(['430102', '430104', '430111']),
      policyVersion: z.number().int().optional(),
      category: z.enum(['DIBAO', 'TEKUN', 'DIBAO_EDGE']).nullable(),
    });
    expect(changes(v1, wider)).toEqual({
      breaking: [],
      additions: ['district: also accepts ["430111"]', 'category: also accepts ["DIBAO_EDGE"]', 'policyVersion: new optional field'],
    });
  });
});
