import * as z from 'zod';
import type { ChainEntry } from '../../domain/assistance-chain';
import { CATEGORY_CODES, type Category } from '../../domain/categories';
import { DISTRICT_CODES } from '../../domain/districts';
import type { AllowanceRewrite } from '../../domain/correction';
import type { Allowance, Household, HouseholdChange } from '../../domain/household';
import type { OpenWarning } from '../../domain/warning';
import { parseItem, stringSet, toStringSet, type WriteAction } from '../entity';
import type { ItemKey } from '../keys';

/**
 * 户 a household's partition `HH#<householdId>`: its profile (with its members), one item per
 * allowance, its open warnings, and its assistance chain. The household's own items start with
 * '#', which sorts before 'CHAIN#'.
 */
export const householdPartition = (householdId: string) => `HH#${householdId}`;
export const CHAIN_PREFIX = 'CHAIN#';

const rollMember = z.object({ personRef: z.string(), maskedIdentityNumber: z.string(), relationship: z.string(), birthMonth: z.string().optional() });

// 户 profile: who the household is, its members and the programmes it has ever been paid.
const profileKey = (householdId: string): ItemKey => ({ PK: householdPartition(householdId), SK: '#PROFILE' });
/**
 * 名册 the roll by district, then category (GSI1, own `ROLL#` partitions): a waiver list reads a
 * district's households of some categories without a Scan. The category is in the sort key, not
 * the partition, so a recategorisation (which knows no district) moves it with one SET.
 */
export const rollIndex = {
  partition: (district: string) => `ROLL#${district}`,
  sortKey: (category: string, householdId: string) => `${category}#${householdId}`,
  categoryPrefix: (category: string) => `${category}#`,
};
const profileSchema = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  category: z.enum(CATEGORY_CODES),
  recognisedOn: z.string(),
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: z.number().int().optional(),
  members: z.array(rollMember),
  /** Every programme with an allowance item, paid or ended (their keys, for one BatchGetItem). */
  programmes: z.array(z.string()).default([]),
  activeProgrammes: stringSet,
  updatedAt: z.string(),
});
export const householdProfile = {
  key: profileKey,
  schema: profileSchema,
  /** `alsoHeld`: programmes whose allowance items stay from earlier entries (a restatement does not delete them). */
  toItem(h: Household, alsoHeld: readonly string[] = []) {
    const active = h.allowances.filter((a) => a.status === 'active').map((a) => a.programme);
    return {
      ...profileKey(h.householdId),
      GSI1PK: rollIndex.partition(h.district),
      GSI1SK: rollIndex.sortKey(h.category, h.householdId),
      entity: 'Household',
      householdId: h.householdId,
      district: h.district,
      category: h.category,
      recognisedOn: h.recognisedOn,
      ...(h.area ? { area: h.area } : {}),
      ...(h.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: h.monthlyIncomeFen } : {}),
      members: h.members,
      programmes: [...new Set([...h.allowances.map((a) => a.programme), ...alsoHeld])].sort(),
      activeProgrammes: toStringSet(active),
      updatedAt: h.updatedAt,
    };
  },
  fromItem(item: Record<string, unknown>) {
    return parseItem('Household', profileSchema, item);
  },
  /** 退出转认定 the household recognised in another category from a day. */
  recategorise: (householdId: string, category: Category, since: string): WriteAction => ({
    Update: {
      Key: profileKey(householdId),
      UpdateExpression: 'SET category = :c, recognisedOn = :since, GSI1SK = :roll',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':c': category, ':since': since, ':roll': rollIndex.sortKey(category, householdId) },
    },
  }),
};
export type HouseholdProfile = ReturnType<typeof householdProfile.fromItem>;

// 待遇 an allowance: paid or ended; in its grace period it is also listed on GSI2 (EXIT#<district>).
const allowanceKey = (householdId: string, programme: string): ItemKey => ({ PK: householdPartition(householdId), SK: `#ALLOWANCE#${programme}` });
const allowanceSchema = z.object({
  programme: z.string(),
  monthlyAmountFen: z.number().int(),
  startDate: z.string(),
  status: z.enum(['active', 'ended']),
  endedOn: z.string().optional(),
  gradualExitUntil: z.string().optional(),
});
/** 渐退 allowances in their grace period, by district and end date (GSI2, own partitions). */
const gradualExitIndex = (district: string, until: string, householdId: string, programme: string) => ({
  GSI2PK: `EXIT#${district}`,
  GSI2SK: `${until}#${householdId}#${programme}`,
});
/** 发放名册 every allowance by district and programme, paid or ended (GSI1): who a month's payment file should hold. */
const payrollIndex = (district: string, programme: string, householdId: string) => ({ GSI1PK: `PAYROLL#${district}#${programme}`, GSI1SK: householdId });
export const allowance = {
  key: allowanceKey,
  gradualExitIndex,
  gradualExitsOf: (district: string) => `EXIT#${district}`,
  payrollOf: (district: string, programme: string) => payrollIndex(district, programme, '').GSI1PK,
  toItem(householdId: string, district: string, a: Allowance) {
    return {
      ...allowanceKey(householdId, a.programme),
      entity: 'Allowance',
      ...a,
      ...payrollIndex(district, a.programme, householdId),
      ...(a.gradualExitUntil && a.status === 'active' ? gradualExitIndex(district, a.gradualExitUntil, householdId, a.programme) : {}),
    };
  },
  fromItem(item: Record<string, unknown>): Allowance {
    return parseItem('Allowance', allowanceSchema, item);
  },
  householdOf: (item: Record<string, unknown>) => String(item.PK).slice('HH#'.length),
  /** Ends an active allowance: it leaves the gradual-exit index, if it was in it, and the profile's active programmes. */
  end: (householdId: string, programme: string, endedOn: string): WriteAction[] => [
    {
      Update: {
        Key: allowanceKey(householdId, programme),
        UpdateExpression: 'SET #s = :ended, endedOn = :on REMOVE GSI2PK, GSI2SK',
        ConditionExpression: '#s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':ended': 'ended', ':on': endedOn, ':active': 'active' },
      },
    },
    { Update: { Key: profileKey(householdId), UpdateExpression: 'DELETE activeProgrammes :p', ExpressionAttributeValues: { ':p': new Set([programme]) } } },
  ],
  /** A new monthly amount from a day, while the allowance is active. */
  adjust: (householdId: string, programme: string, monthlyAmountFen: number, effectiveFrom: string): WriteAction => ({
    Update: {
      Key: allowanceKey(householdId, programme),
      UpdateExpression: 'SET monthlyAmountFen = :amount, adjustedFrom = :on',
      ConditionExpression: '#s = :active',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':amount': monthlyAmountFen, ':on': effectiveFrom, ':active': 'active' },
    },
  }),
};

/**
 * 纠错 an allowance rewritten by a correction, on condition it is still as the correction found it;
 * the profile's active programmes follow its status.
 */
export function allowanceRewrite(householdId: string, r: AllowanceRewrite, district: string): WriteAction[] {
  const set = ['#s = :to', 'monthlyAmountFen = :amount'];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':to': r.to.status,
    ':amount': r.to.monthlyAmountFen,
    ':was': r.from.status,
    ':wasAmount': r.from.monthlyAmountFen,
  };
  if (r.to.endedOn) {
    set.push('endedOn = :on');
    values[':on'] = r.to.endedOn;
  } else remove.push('endedOn');
  if (r.to.adjustedFrom) {
    set.push('adjustedFrom = :from');
    values[':from'] = r.to.adjustedFrom;
  } else remove.push('adjustedFrom');
  // Paid again while in its grace period (渐退): back in the gradual-exit index, so the sweep still ends it.
  if (r.to.status === 'active' && r.to.gradualExitUntil) {
    const index = gradualExitIndex(district, r.to.gradualExitUntil, householdId, r.programme);
    set.push('GSI2PK = :exitPk', 'GSI2SK = :exitSk');
    values[':exitPk'] = index.GSI2PK;
    values[':exitSk'] = index.GSI2SK;
  } else if (r.to.status === 'ended') remove.push('GSI2PK', 'GSI2SK');
  const actions: WriteAction[] = [
    {
      Update: {
        Key: allowanceKey(householdId, r.programme),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: '#s = :was AND monthlyAmountFen = :wasAmount',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      },
    },
  ];
  if (r.from.status !== r.to.status) {
    actions.push({
      Update: {
        Key: profileKey(householdId),
        UpdateExpression: `${r.to.status === 'active' ? 'ADD' : 'DELETE'} activeProgrammes :p`,
        ExpressionAttributeValues: { ':p': new Set([r.programme]) },
      },
    });
  }
  return actions;
}

/** The writes of what an answer to a warning changes in its household (access patterns 10 and 24). */
export function householdChange(householdId: string, change: HouseholdChange): WriteAction[] {
  if (change.kind === 'allowance-ended') return allowance.end(householdId, change.programme, change.endedOn);
  if (change.kind === 'allowance-adjusted') return [allowance.adjust(householdId, change.programme, change.monthlyAmountFen, change.effectiveFrom)];
  return [householdProfile.recategorise(householdId, change.category, change.since)];
}

// 人 person → household: one item per person so a department batch is matched with BatchGetItem.
const membershipKey = (personRef: string): ItemKey => ({ PK: `PERSON#${personRef}`, SK: 'MEMBERSHIP' });
const membershipSchema = z.object({ personRef: z.string(), householdId: z.string(), deceasedOn: z.string().optional() });
export const membership = {
  key: membershipKey,
  toItem(personRef: string, householdId: string) {
    return { ...membershipKey(personRef), entity: 'Membership', personRef, householdId };
  },
  fromItem(item: Record<string, unknown>) {
    return parseItem('Membership', membershipSchema, item);
  },
};

// 一户一条救助链 a chain entry, in time order within the household's partition.
const chainKey = (householdId: string, at: string, entryId: string): ItemKey => ({
  PK: householdPartition(householdId),
  SK: `${CHAIN_PREFIX}${at}#${entryId}`,
});
const chainSchema = z.object({
  householdId: z.string(),
  at: z.string(),
  entryId: z.string(),
  kind: z.string(),
  actor: z.string(),
  summary: z.string(),
  refs: z.record(z.string(), z.string()),
});
export const chainEntry = {
  key: chainKey,
  toItem(e: ChainEntry) {
    return { ...chainKey(e.householdId, e.at, e.entryId), entity: 'ChainEntry', ...e };
  },
  fromItem(item: Record<string, unknown>): ChainEntry {
    return parseItem('ChainEntry', chainSchema, item) as ChainEntry;
  },
};

const openWarning = z.object({
  warningId: z.string(),
  district: z.string(),
  recipients: z.array(z.string()),
  raisedAt: z.string(),
  dueBy: z.string(),
  raisedBy: z.string(),
});

const openKey = (householdId: string): ItemKey => ({ PK: householdPartition(householdId), SK: '#OPEN' });
/** The attribute an indicator's open warning is kept under. */
const openAttribute = (indicatorId: string) => `open:${indicatorId}`;

/**
 * 预警 the household's open warnings, one attribute per indicator id. Raising a warning adds its
 * attribute on condition that the indicator has none open (so two warnings of one indicator can
 * never both open), resolving it removes it; one item per household, so a group of records looks
 * up the open warnings of all its households with one BatchGetItem.
 */
export const openWarnings = {
  key: openKey,
  attribute: openAttribute,
  value: (w: Omit<OpenWarning, 'indicatorId'>) => ({
    warningId: w.warningId,
    district: w.district,
    recipients: [...w.recipients],
    raisedAt: w.raisedAt,
    dueBy: w.dueBy,
    raisedBy: w.raisedBy,
  }),
  fromItem(item: Record<string, unknown>): OpenWarning[] {
    if (item.entity !== 'OpenWarnings') throw new Error(`item ${String(item.PK)}/${String(item.SK)} is not an OpenWarnings`);
    return Object.entries(item)
      .filter(([name]) => name.startsWith('open:'))
      .map(([name, value]) => ({ ...(openWarning.parse(value) as Omit<OpenWarning, 'indicatorId'>), indicatorId: name.slice('open:'.length) }))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.warningId.localeCompare(b.warningId));
  },
  householdOf: (item: Record<string, unknown>) => String(item.PK).slice('HH#'.length),
  /** A resolved warning leaves its household's open warnings, if it is the one held for its indicator. */
  close: (householdId: string, indicatorId: string, warningId: string): WriteAction => ({
    Update: {
      Key: openKey(householdId),
      UpdateExpression: 'REMOVE #a',
      ConditionExpression: '#a.warningId = :id',
      ExpressionAttributeNames: { '#a': openAttribute(indicatorId) },
      ExpressionAttributeValues: { ':id': warningId },
    },
  }),
};
