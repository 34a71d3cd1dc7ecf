import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories';
import { departmentRecordId, districtCode, fen, householdId, identityNumber, isoDate, personName } from './fields';

/**
 * Civil affairs' roll of recognised households (低保、特困、边缘、刚性支出 名册):
 * one entry per household, with its members and the allowance it is paid.
 * It is what puts a household into the low-income database.
 */
export const lowIncomeRollEntry = z
  .object({
    type: z.literal('low-income-roll-entry'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    category: z.enum(CATEGORY_CODES),
    recognisedOn: isoDate,
    allowance: z
      .object({
        programme: z.enum(['dibao-allowance', 'tekun-support']),
        monthlyAmountFen: fen,
        startDate: isoDate,
      })
      .strict()
      .optional(),
    members: z
      .array(
        z
          .object({
            identityNumber,
            name: personName,
            relationship: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']),
          })
          .strict(),
      )
      .min(1)
      .max(30),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    entry.members.forEach((member, index) => {
      if (seen.has(member.identityNumber)) {
        ctx.addIssue({ code: 'custom', path: ['members', index, 'identityNumber'], message: 'member listed twice' });
      }
      seen.add(member.identityNumber);
    });
    const needsAllowance = entry.category === 'DIBAO' || entry.category === 'TEKUN';
    if (needsAllowance && !entry.allowance) {
      ctx.addIssue({ code: 'custom', path: ['allowance'], message: `a ${entry.category} household must state its allowance` });
    }
  });
export type LowIncomeRollEntry = z.infer<typeof lowIncomeRollEntry>;
