import { z } from 'zod';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { CATEGORY_CODES } from '../../shared/domain/categories';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { Household, HouseholdRegister } from '../../shared/ports/household-register';

/** The pseudonymized roll entry as it travels on the bus (names dropped, person references in). */
const rollEntryFacts = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  category: z.enum(CATEGORY_CODES),
  recognisedOn: z.string(),
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: z.number().int().optional(),
  allowance: z.object({ programme: z.string(), monthlyAmountFen: z.number().int(), startDate: z.string() }).optional(),
  members: z.array(z.object({ personRef: z.string(), maskedIdentityNumber: z.string(), relationship: z.string() })),
});

/** 低收入人口数据库: a civil-affairs roll entry puts the household (and each member) into the database. */
export async function putOnRoll(event: RecordAcceptedV1, register: HouseholdRegister): Promise<Household> {
  const facts = rollEntryFacts.parse(event.record);
  const household: Household = {
    householdId: facts.householdId,
    district: facts.district,
    category: facts.category,
    recognisedOn: facts.recognisedOn,
    ...(facts.area ? { area: facts.area } : {}),
    ...(facts.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: facts.monthlyIncomeFen } : {}),
    members: facts.members,
    allowances: facts.allowance ? [{ ...facts.allowance, status: 'active' }] : [],
    updatedAt: event.acceptedAt,
  };
  const paid = facts.allowance
    ? `, paid ${facts.allowance.programme} ${facts.allowance.monthlyAmountFen} fen a month from ${facts.allowance.startDate}`
    : '';
  await register.putOnRoll(household, {
    householdId: facts.householdId,
    at: event.acceptedAt,
    entryId: event.recordId,
    kind: 'roll-entry',
    actor: event.department,
    summary: `recognised as ${facts.category} on ${facts.recognisedOn} with ${facts.members.length} member(s)${paid}`,
    refs: { recordId: event.recordId, departmentRecordId: event.departmentRecordId },
  });
  return household;
}
