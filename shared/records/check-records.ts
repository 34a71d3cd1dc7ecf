import { bilingual } from '../domain/bilingual';
import type { WarningRecipient } from '../domain/departments';
import { fieldPath, fieldProblems, type FieldProblem } from '../domain/errors';
import { FREE_TEXT_MESSAGES, identifierProblem } from '../privacy/free-text';
import { RECORD_TYPES, isRecordType, recordTypesOf } from './catalogue';

/** A batch's records sorted by what the checks found, each problem naming its record and field. */
export interface CheckedRecords {
  valid: Record<string, unknown>[];
  /** Not a record, an unknown type, fails its schema, implausible, a personal number in an identifier, an id twice. */
  invalid: FieldProblem[];
  /** A record type the department does not own. */
  forbidden: FieldProblem[];
}

/**
 * What submission-intake checks of every record before it stores anything, in one place for the
 * intake and the departments' client (client/records.ts): an object, a record type the
 * department owns, its schema, plausibility (policy-bound, so passed in), no personal number in
 * an identifier, and no record id twice.
 */
export function checkRecords(
  department: WarningRecipient,
  records: readonly unknown[],
  plausible: (record: Record<string, unknown>) => { field: string; message: string }[],
): CheckedRecords {
  const invalid: FieldProblem[] = [];
  const forbidden: FieldProblem[] = [];
  const valid: Record<string, unknown>[] = [];
  const seenIds = new Map<string, number>();

  records.forEach((raw, index) => {
    const recordId =
      raw && typeof raw === 'object' && typeof (raw as { recordId?: unknown }).recordId === 'string' ? (raw as { recordId: string }).recordId : undefined;
    const at = { record: index, ...(recordId ? { recordId } : {}) };
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      invalid.push({ ...at, field: '(record)', message: bilingual('须为 JSON 对象', 'must be a JSON object') });
      return;
    }
    const type = (raw as { type?: unknown }).type;
    if (!isRecordType(type)) {
      const allowed = recordTypesOf(department).join(', ') || 'none';
      invalid.push({
        ...at,
        field: 'type',
        message:
          type === undefined
            ? bilingual(`必填；${department} 可发送：${allowed}`, `is required; ${department} may send: ${allowed}`)
            : bilingual(
                `未知的记录类型 ${JSON.stringify(type)}；${department} 可发送：${allowed}`,
                `unknown record type ${JSON.stringify(type)}; ${department} may send: ${allowed}`,
              ),
      });
      return;
    }
    if (RECORD_TYPES[type].department !== department) {
      forbidden.push({
        ...at,
        field: 'type',
        message: bilingual(`部门 ${department} 不能发送记录类型 ${type}`, `department ${department} may not send record type ${type}`),
      });
      return;
    }
    const parsed = RECORD_TYPES[type].schema.safeParse(raw);
    if (!parsed.success) {
      for (const problem of fieldProblems(parsed.error.issues, '(record)')) invalid.push({ ...at, ...problem });
      return;
    }
    const implausible = [...plausible(parsed.data as Record<string, unknown>), ...personalDataInIdentifiers(parsed.data)];
    if (implausible.length) {
      for (const problem of implausible) invalid.push({ ...at, ...problem });
      return;
    }
    if (recordId !== undefined) {
      const first = seenIds.get(recordId);
      if (first !== undefined)
        invalid.push({ ...at, field: 'recordId', message: bilingual(`与本批次第 ${first} 条记录的编号重复`, `duplicates record ${first} in this batch`) });
      else seenIds.set(recordId, index);
    }
    valid.push(parsed.data as Record<string, unknown>);
  });

  return { valid, invalid, forbidden };
}

/**
 * A department's own identifiers (record ids, certificate and case numbers, codes) are kept and
 * published as they are: one holding a person's identity or mobile number is refused here, with
 * the field named, rather than stored (the free-text fields and names have stricter rules of
 * their own; `identityNumber` is the one place a number belongs, and is pseudonymized).
 */
export function personalDataInIdentifiers(record: unknown): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (k !== 'identityNumber' && k !== 'name') walk(v, [...path, k]);
    } else if (typeof value === 'string') {
      const problem = identifierProblem(value);
      if (problem) problems.push({ field: fieldPath(path), message: FREE_TEXT_MESSAGES[problem] });
    }
  };
  walk(record, []);
  return problems;
}
