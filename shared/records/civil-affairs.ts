import * as z from 'zod';
import { freeText } from '../privacy/free-text';
import { CATEGORY_CODES, isAllowanceCategory } from '../domain/categories';
import { ALLOWANCE_PROGRAMMES } from '../domain/programmes';
import { birthDateOf } from '../domain/identity-number';
import { bilingual, label } from '../domain/bilingual';
import { departmentRecordId, districtCode, fen, householdId, identityNumber, inOrder, isoDate, personName, personRecord, recordType } from './fields';

/**
 * Civil affairs (民政): the rolls of recognised households, orphans and de-facto unsupported
 * children, the two disability subsidies, and grassroots visit reports.
 */

const MEMBER_TWICE = bilingual('该成员重复列出', 'member listed twice');

/** A member of a household as civil affairs records it: who, and how related to the head. */
const householdMember = z.object({
  identityNumber,
  name: personName,
  relationship: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']).meta(label('与户主关系', 'Relationship to the head')),
});

/**
 * Civil affairs' roll of recognised households (低保、特困、边缘、刚性支出 名册):
 * one entry per household, with its members and the allowance it is paid.
 * It is what puts a household into the low-income database.
 */
export const lowIncomeRollEntry = z
  .object({
    type: recordType('low-income-roll-entry'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    category: z.enum(CATEGORY_CODES).meta(label('认定类别', 'Category recognised')),
    recognisedOn: isoDate.meta(label('认定日期', 'Date recognised')),
    area: z.enum(['urban', 'rural']).meta(label('城乡属性', 'Urban or rural')).optional(),
    /** Household income per month from the economic-status investigation, all members together. */
    monthlyIncomeFen: fen.meta(label('家庭月收入（分）', 'Household monthly income (fen)')).optional(),
    allowance: z
      .object({
        programme: z.enum(ALLOWANCE_PROGRAMMES).meta(label('救助项目', 'Programme')),
        monthlyAmountFen: fen.meta(label('月救助金额（分）', 'Monthly amount (fen)')),
        startDate: isoDate.meta(label('救助起始日期', 'Start date')),
      })
      .strict()
      .meta(label('救助待遇', 'Allowance'))
      .optional(),
    members: z.array(householdMember.strict()).min(1).max(30).meta(label('家庭成员', 'Household members')),
    /** Relocation: the household's number on the roll of the district it moved from; that roll's allowance ends as this one starts. */
    movedFrom: householdId.meta(label('迁出地户编号', 'Household number before the move')).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.movedFrom === entry.householdId)
      ctx.addIssue({
        code: 'custom',
        path: ['movedFrom'],
        message: bilingual('须为迁出地区县的户编号，不能与本户编号相同', 'must be the household number in the district it moved from, not this one'),
      });
    const seen = new Set<string>();
    entry.members.forEach((member, index) => {
      if (seen.has(member.identityNumber)) {
        ctx.addIssue({ code: 'custom', path: ['members', index, 'identityNumber'], message: MEMBER_TWICE });
      }
      seen.add(member.identityNumber);
    });
    if (isAllowanceCategory(entry.category) && !entry.allowance) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowance'],
        message: bilingual(`${entry.category} 类家庭须填写救助待遇`, `a ${entry.category} household must state its allowance`),
      });
    }
  });

/** Orphans and de-facto unsupported children (孤儿、事实无人抚养儿童) and their basic living allowance. */
export const childWelfareRegistration = personRecord('child-welfare-registration', {
  kind: z.enum(['orphan', 'de-facto-unsupported']).meta(label('儿童类别', 'Kind of child')),
  monthlyAllowanceFen: fen.meta(label('月基本生活费（分）', 'Monthly allowance (fen)')),
  since: isoDate.meta(label('保障起始日期', 'Since')),
  district: districtCode,
});

/** Living subsidy for needy disabled people (困难残疾人生活补贴) or care subsidy for severely disabled people (重度残疾人护理补贴). */
export const disabilitySubsidyGrant = personRecord('disability-subsidy-grant', {
  subsidy: z.enum(['living-subsidy', 'care-subsidy']).meta(label('补贴类别', 'Subsidy')),
  monthlyAmountFen: fen.meta(label('月补贴金额（分）', 'Monthly amount (fen)')),
  startDate: isoDate.meta(label('发放起始日期', 'Start date')),
  endDate: isoDate.meta(label('发放终止日期', 'End date')).optional(),
  district: districtCode,
}).superRefine(inOrder([['startDate', 'endDate']]));

/**
 * A grassroots visit (铁脚板摸排): a township or community worker records a change of situation
 * in a household. Identity number of the member concerned when the change is about one person.
 */
export const visitReport = z
  .object({
    type: recordType('visit-report'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    visitedOn: isoDate.meta(label('走访日期', 'Date visited')),
    /** Staff number of the worker who visited (工号). */
    visitedBy: z
      .string()
      .regex(/^[A-Za-z0-9._-]{2,40}$/, bilingual('须为走访人员的工号', 'must be the visiting worker’s staff number'))
      .meta(label('走访人员工号', 'Visiting worker’s staff number')),
    changes: z
      .array(
        z
          .object({
            kind: z
              .enum(['income-change', 'employment-change', 'illness', 'disability', 'death', 'moved-away', 'family-change', 'housing-damage', 'other'])
              .meta(label('变化类别', 'Kind of change')),
            identityNumber: identityNumber.meta(label('涉及成员的公民身份号码', 'Identity number of the member concerned')).optional(),
            description: freeText({ min: 2, max: 500 }).meta(label('变化情况描述', 'Description')),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .meta(label('家庭状况变化', 'Changes of situation')),
    needs: z
      .array(z.enum(['living', 'medical', 'education', 'housing', 'employment', 'care', 'legal', 'other']))
      .max(8)
      .meta(label('救助需求', 'Needs'))
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
    type: recordType('economic-investigation'),
    recordId: departmentRecordId,
    householdId,
    district: districtCode,
    investigatedOn: isoDate.meta(label('调查日期', 'Date investigated')),
    period: z
      .object({ from: isoDate.meta(label('调查期起始日', 'Period from')), to: isoDate.meta(label('调查期截止日', 'Period to')) })
      .strict()
      .meta(label('调查期间', 'Period investigated')),
    members: z
      .array(
        householdMember
          .extend({
            capacityToWork: z.enum(['full', 'partial', 'none']).meta(label('劳动能力', 'Capacity to work')),
            disabilityGrade: z.number().int().min(1).max(4).meta(label('残疾等级', 'Disability grade')).optional(),
            incomes: z
              .array(
                z
                  .object({
                    source: z.enum(['wage', 'business', 'pension', 'agriculture', 'transfer', 'property', 'other']).meta(label('收入来源', 'Source of income')),
                    monthlyFen: fen.meta(label('月收入（分）', 'Monthly income (fen)')),
                  })
                  .strict(),
              )
              .max(10)
              .meta(label('收入', 'Incomes')),
          })
          .strict(),
      )
      .min(1)
      .max(30)
      .meta(label('家庭成员', 'Household members')),
    assets: z
      .array(
        z
          .object({
            kind: z.enum(['deposit', 'securities', 'vehicle', 'house', 'business', 'other']).meta(label('财产类别', 'Kind of asset')),
            valueFen: fen.meta(label('财产价值（分）', 'Value (fen)')),
          })
          .strict(),
      )
      .max(50)
      .meta(label('家庭财产', 'Assets')),
    necessarySpending: z
      .array(
        z
          .object({
            kind: z.enum(['medical', 'education']).meta(label('支出类别', 'Kind of spending')),
            amountFen: fen.meta(label('支出金额（分）', 'Amount (fen)')),
            on: isoDate.meta(label('支出日期', 'Date spent')),
          })
          .strict(),
      )
      .max(200)
      .meta(label('刚性支出', 'Necessary spending')),
    legalSupporters: z
      .array(z.object({ ableToSupport: z.boolean().meta(label('是否有赡养能力', 'Able to support')) }).strict())
      .max(20)
      .meta(label('法定赡养（抚养、扶养）义务人', 'Legal supporters')),
  })
  .strict()
  .superRefine((inv, ctx) => {
    if (inv.period.to < inv.period.from)
      ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: bilingual('不得早于调查期起始日 period.from', 'must not be before period.from') });
    if (inv.investigatedOn < inv.period.to)
      ctx.addIssue({
        code: 'custom',
        path: ['investigatedOn'],
        message: bilingual('不得早于调查期截止日', 'must not be before the end of the period investigated'),
      });
    const seen = new Set<string>();
    inv.members.forEach((m, i) => {
      if (seen.has(m.identityNumber)) ctx.addIssue({ code: 'custom', path: ['members', i, 'identityNumber'], message: MEMBER_TWICE });
      seen.add(m.identityNumber);
    });
    inv.necessarySpending.forEach((s, i) => {
      if (s.on < inv.period.from || s.on > inv.period.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['necessarySpending', i, 'on'],
          message: bilingual(
            `须在调查期间内（${inv.period.from} 至 ${inv.period.to}）`,
            `must be within the period investigated (${inv.period.from} to ${inv.period.to})`,
          ),
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
  caseId: z
    .string()
    .regex(
      /^[A-Z0-9][A-Z0-9-]{5,39}$/,
      bilingual('须为救助案件编号：6–40 个大写字母、数字或 -', 'must be the case number: 6-40 upper-case letters, digits or "-"'),
    )
    .meta(label('救助案件编号', 'Case number')),
  stage: z.enum(['advance-paid', 'documents-confirmed', 'documents-refused']).meta(label('办理阶段', 'Stage')),
  /** Where the emergency happened (not the household registration). */
  district: districtCode.meta(label('急难发生地区县', 'District where it happened')),
  emergency: z.enum(['accident', 'fire', 'sudden-illness', 'disaster', 'other']).meta(label('急难类别', 'Kind of emergency')),
  occurredOn: isoDate.meta(label('急难发生日期', 'Date it happened')),
  amountFen: fen.meta(label('救助金额（分）', 'Amount (fen)')),
  /** The day paid (advance) or the day the documents were checked. */
  on: isoDate.meta(label('办理日期', 'Date handled')),
  handledBy: z
    .string()
    .regex(/^[A-Za-z0-9._-]{2,40}$/, bilingual('须为经办人工号', 'must be the handling officer’s staff number'))
    .meta(label('经办人工号', 'Handling officer’s staff number')),
}).superRefine(inOrder([['occurredOn', 'on']]));
