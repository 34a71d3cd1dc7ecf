import * as z from 'zod';
import { freeText } from '../privacy/free-text';
import { CATEGORY_CODES, isAllowanceCategory } from '../domain/categories';
import { ALLOWANCE_PROGRAMMES } from '../domain/programmes';
import { birthDateOf } from '../domain/identity-number';
import { departmentRecordId, districtCode, fen, householdId, identityNumber, inOrder, isoDate, personName, personRecord } from './fields';

/**
 * Civil affairs (民政): the rolls of recognised households, orphans and de-facto unsupported
 * children, the two disability subsidies, and grassroots visit reports.
 */

/** A member of a household as civil affairs records it: who, and how related to the head. */
const householdMember = z.object({
  identityNumber,
  name: personName,
  relationship: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']),
});

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
        programme: z.enum(ALLOWANCE_PROGRAMMES),
        monthlyAmountFen: fen,
        startDate: isoDate,
      })
      .strict()
      .optional(),
    members: z.array(householdMember.strict()).min(1).max(30),
    /** Relocation: the household's number on the roll of the district it moved from; that roll's allowance ends as this one starts. */
    movedFrom: householdId.optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.movedFrom === entry.householdId)
      ctx.addIssue({ code: 'custom', path: ['movedFrom'], message: 'must be the household number in the district it moved from, not this one' });
    const seen = new Set<string>();
    entry.members.forEach((member, index) => {
      if (seen.has(member.identityNumber)) {
        ctx.addIssue({ code: 'custom', path: ['members', index, 'identityNumber'], message: 'member listed twice' });
      }
      seen.add(member.identityNumber);
    });
    if (isAllowanceCategory(entry.category) && !entry.allowance) {
      ctx.addIssue({ code: 'custom', path: ['allowance'], message: `a ${entry.category} household must state its allowance` });
    }
  });

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
            description: freeText({ min: 2, max: 500 }),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    needs: z
      .array(z.enum(['living', 'medical', 'education', 'housing', 'employment', 'care', 'legal', 'other']))
      .max(8)
      .default([]),
  })
  .strict();

/**
 * A household economic-status investigation (家庭经济状况调查), the input of one application,
 * classified review. Ages are computed at intake from the identity numbers (which are then
 * replaced by person references), as of the investigation date.
 */
export const economicInvestigation = z
  .object({
    type: z.literal('economic-investigation'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    investigatedOn: isoDate,
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    members: z
      .array(
        householdMember
          .extend({
            capacityToWork: z.enum(['full', 'partial', 'none']),
            disabilityGrade: z.number().int().min(1).max(4).optional(),
            incomes: z
              .array(z.object({ source: z.enum(['wage', 'business', 'pension', 'agriculture', 'transfer', 'property', 'other']), monthlyFen: fen }).strict())
              .max(10),
          })
          .strict(),
      )
      .min(1)
      .max(30),
    assets: z.array(z.object({ kind: z.enum(['deposit', 'securities', 'vehicle', 'house', 'business', 'other']), valueFen: fen }).strict()).max(50),
    necessarySpending: z.array(z.object({ kind: z.enum(['medical', 'education']), amountFen: fen, on: isoDate }).strict()).max(200),
    legalSupporters: z.array(z.object({ ableToSupport: z.boolean() }).strict()).max(20),
  })
  .strict()
  .superRefine((inv, ctx) => {
    if (inv.period.to < inv.period.from) ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'must not be before period.from' });
    if (inv.investigatedOn < inv.period.to)
      ctx.addIssue({ code: 'custom', path: ['investigatedOn'], message: 'must not be before the end of the period investigated' });
    const seen = new Set<string>();
    inv.members.forEach((m, i) => {
      if (seen.has(m.identityNumber)) ctx.addIssue({ code: 'custom', path: ['members', i, 'identityNumber'], message: 'member listed twice' });
      seen.add(m.identityNumber);
    });
    inv.necessarySpending.forEach((s, i) => {
      if (s.on < inv.period.from || s.on > inv.period.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['necessarySpending', i, 'on'],
          message: `must be within the period investigated (${inv.period.from} to ${inv.period.to})`,
        });
      }
    });
  })
  .transform((inv) => ({ ...inv, members: inv.members.map((m) => ({ ...m, age: ageOn(birthDateOf(m.identityNumber), inv.investigatedOn) })) }));

function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Emergency assistance (急难救助) where the emergency happened, whatever the person's household
 * registration: a small amount is paid first, the documents follow by a deadline, and then the
 * case is confirmed (or the documents are refused). One record per stage, same caseId.
 */
export const emergencyAssistance = personRecord('emergency-assistance', {
  caseId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/, 'must be the case number: 6-40 upper-case letters, digits or "-"'),
  stage: z.enum(['advance-paid', 'documents-confirmed', 'documents-refused']),
  /** Where the emergency happened (not the household registration). */
  district: districtCode,
  emergency: z.enum(['accident', 'fire', 'sudden-illness', 'disaster', 'other']),
  occurredOn: isoDate,
  amountFen: fen,
  /** The day paid (advance) or the day the documents were checked. */
  on: isoDate,
  handledBy: z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be the handling officer’s staff number'),
}).superRefine(inOrder([['occurredOn', 'on']]));
