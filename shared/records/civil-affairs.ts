import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories';
import { departmentRecordId, districtCode, fen, householdId, identityNumber, inOrder, isoDate, personName, personRecord } from './fields';

/**
 * Civil affairs (民政): the rolls of recognised households, orphans and de-facto unsupported
 * children, the two disability subsidies, and grassroots visit reports.
 */

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
    area: z.enum(['urban', 'rural']).optional(),
    /** Household income per month from the economic-status investigation, all members together. */
    monthlyIncomeFen: fen.optional(),
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

/** Orphans and de-facto unsupported children (孤儿、事实无人抚养儿童) and their basic living allowance. */
export const childWelfareRegistration = personRecord('child-welfare-registration', {
  kind: z.enum(['orphan', 'de-facto-unsupported']),
  monthlyAllowanceFen: fen,
  since: isoDate,
  district: districtCode,
});

/** Living subsidy for needy disabled people (困难残疾人生活补贴) or care subsidy for severely disabled people (重度残疾人护理补贴). */
export const disabilitySubsidyGrant = personRecord('disability-subsidy-grant', {
  subsidy: z.enum(['living-subsidy', 'care-subsidy']),
  monthlyAmountFen: fen,
  startDate: isoDate,
  endDate: isoDate.optional(),
  district: districtCode,
}).superRefine(inOrder([['startDate', 'endDate']]));

/**
 * A grassroots visit (铁脚板摸排): a township or community worker records a change of situation
 * in a household. Identity number of the member concerned when the change is about one person.
 */
export const visitReport = z
  .object({
    type: z.literal('visit-report'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    visitedOn: isoDate,
    /** Staff number of the worker who visited (工号). */
    visitedBy: z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be the visiting worker’s staff number'),
    changes: z
      .array(
        z
          .object({
            kind: z.enum(['income-change', 'employment-change', 'illness', 'disability', 'death', 'moved-away', 'family-change', 'housing-damage', 'other']),
            identityNumber: identityNumber.optional(),
            description: z.string().trim().min(2).max(500),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    needs: z.array(z.enum(['living', 'medical', 'education', 'housing', 'employment', 'care', 'legal', 'other'])).max(8).default([]),
  })
  .strict();
