import * as z from 'zod';
import { IDENTITY_NUMBER_MESSAGES, identityNumberProblem } from '../domain/identity-number';
import { DISTRICT_CODES } from '../domain/districts';
import { FREE_TEXT_MESSAGES, freeTextProblem, normaliseText } from '../privacy/free-text';

/** Field shapes every department record reuses, so one rule gives one error message everywhere. */

export const identityNumber = z.string().superRefine((value, ctx) => {
  const problem = identityNumberProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `identity number ${IDENTITY_NUMBER_MESSAGES[problem]}` });
});

/**
 * A person's name: only used to check the department's own record; never stored in clear. Text
 * like any other that comes in: no hidden characters (the free-text policy's), and no digits,
 * which no name has and an identity number typed into the wrong column does.
 */
export const personName = z
  .string()
  .overwrite(normaliseText)
  .min(1, '姓名不能为空 / the name must not be empty')
  .max(50, '姓名最多 50 个字符 / the name must be at most 50 characters')
  .superRefine((name, ctx) => {
    if (name.length > 50) return; // already refused for its length: not scanned
    const problem = freeTextProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: FREE_TEXT_MESSAGES[problem] });
    else if (/\p{Nd}/u.test(name)) ctx.addIssue({ code: 'custom', message: '姓名不得包含数字 / a name has no digits' });
  });

export const districtCode = z.enum(DISTRICT_CODES, {
  error: () => `must be one of the city's district codes: ${DISTRICT_CODES.join(', ')}`,
});

/** Calendar date, ISO yyyy-mm-dd. */
export const isoDate = z.iso.date({ error: 'must be a date in the form yyyy-mm-dd' });

/** Money is counted in fen (integer cents of CNY). */
export const fen = z.number().int({ error: 'must be a whole number of fen' }).nonnegative();

/** The department's own identifier for the record, used to recognise resends. */
export const departmentRecordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_", ":" or "-"');

/** A household number (户编号) assigned by civil affairs when the household is first recognised. */
export const householdId = z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/, 'must be 6-40 upper-case letters, digits or "-"');

/** Calendar month, yyyy-mm. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month in the form yyyy-mm');

/** A record about one person: every department record has these fields first. */
export function personRecord<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), recordId: departmentRecordId, identityNumber, name: personName, ...shape }).strict();
}

/** Adds "must not be before" checks between date fields of a record, naming the later field. */
export function inOrder(pairs: readonly [earlier: string, later: string][]) {
  return (record: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const [earlier, later] of pairs) {
      const a = record[earlier];
      const b = record[later];
      if (typeof a === 'string' && typeof b === 'string' && b < a) {
        ctx.addIssue({ code: 'custom', path: [later], message: `must not be before ${earlier} (${a})` });
      }
    }
  };
}
