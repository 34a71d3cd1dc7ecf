import * as z from 'zod';
import { WARNING_RECIPIENTS } from '../../domain/departments';
import { DISTRICT_CODES } from '../../domain/districts';
import type { RecordedCorrection } from '../../domain/correction';
import type { RecordedOutcome } from '../../domain/outcome';
import { evidenceKey, statusWithPushes, type StoredWarning, type Warning, type WarningPush } from '../../domain/warning';
import { parseItem, stringSet, type WriteAction } from '../entity';
import type { ItemKey } from '../keys';
import { householdPartition } from './household';

/**
 * 预警 a warning's partition `WARNING#<warningId>`: the warning itself, and one item for each
 * recipient whose queue it reached. Both are listed under the household on GSI1, so one query
 * gives a household's warnings with their pushes.
 */
export const warningPartition = (warningId: string) => `WARNING#${warningId}`;

const evidence = z.object({
  recordId: z.string(),
  recordType: z.string(),
  department: z.string(),
  subject: z.string().optional(),
  facts: z.record(z.string(), z.unknown()),
});
const policyValue = z.union([z.number(), z.string(), z.boolean()]);
const warningKey = (warningId: string): ItemKey => ({ PK: warningPartition(warningId), SK: 'WARNING' });
const warningSchema = z.object({
  warningId: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  subjects: z.array(z.string()),
  action: z.string(),
  explanation: z.string(),
  evidence: z.array(evidence),
  indicator: z.object({ id: z.string(), version: z.number(), title: z.string(), parameters: z.record(z.string(), policyValue) }),
  recipients: z.array(z.enum(WARNING_RECIPIENTS)),
  status: z.enum(['raised', 'pushed', 'acknowledged', 'resolved']),
  raisedAt: z.string(),
  dueBy: z.string(),
  raisedBy: z.string().optional(),
  outcomes: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  acknowledgedBy: stringSet,
  outcomesPublished: stringSet,
});

/** Open warnings by due date, one partition per district (GSI2; removed when the warning is resolved). */
const openByDueDate = (district: string, dueBy: string, warningId: string) => ({ GSI2PK: `OPEN#${district}`, GSI2SK: `${dueBy}#${warningId}` });
const byHousehold = (householdId: string, raisedAt: string, suffix = '') => ({
  GSI1PK: householdPartition(householdId),
  GSI1SK: `WARNING#${raisedAt}${suffix}`,
});

export const warning = {
  key: warningKey,
  openByDueDate,
  openWarningsOf: (district: string) => `OPEN#${district}`,
  /** The new warning as raised: no outcome yet, on the open-warnings index. */
  toItem: (w: Warning, raisedBy: string) => ({
    ...warningKey(w.warningId),
    ...byHousehold(w.householdId, w.raisedAt),
    ...openByDueDate(w.district, w.dueBy, w.warningId),
    entity: 'Warning',
    ...w,
    raisedBy,
    outcomes: {},
    evidenceIds: new Set(w.evidence.map(evidenceKey)),
  }),
  /**
   * 反馈 a recipient's outcome, on condition that it has given none yet. A resolved warning keeps
   * its status (resolvedStatus) against a late acknowledgement and leaves the open-warnings index.
   */
  answer: (warningId: string, outcome: RecordedOutcome, status: 'acknowledged' | 'resolved'): WriteAction => ({
    Update: {
      Key: warningKey(warningId),
      UpdateExpression:
        status === 'resolved' ? 'SET #s = :status, resolvedStatus = :status, outcomes.#d = :o REMOVE GSI2PK, GSI2SK' : 'SET #s = :status, outcomes.#d = :o',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(outcomes.#d)',
      ExpressionAttributeNames: { '#s': 'status', '#d': outcome.department },
      ExpressionAttributeValues: { ':status': status, ':o': outcome },
    },
  }),
  /** The warning with the recipients it reached (its push items, read with it). */
  fromItem(item: Record<string, unknown>, pushes: readonly WarningPush[] = []): StoredWarning {
    const w = parseItem('Warning', warningSchema, item);
    const pushedTo = [...new Set(pushes.map((p) => p.recipient))].sort();
    return { ...w, status: statusWithPushes(w.status, pushedTo), pushedTo, outcomes: w.outcomes as Record<string, RecordedOutcome> } as StoredWarning;
  },
};

/**
 * 待办 a recipient's place in its work list (GSI3): one item per recipient, written with the
 * warning (or when a recipient is added), moved from `open` to `answered` when that recipient
 * answers. It carries what the list filters on, so a page needs no second read.
 */
export type InboxState = 'open' | 'answered';
export const inboxPartition = (recipient: string, state: InboxState) => `INBOX#${recipient}#${state}`;
const inboxKey = (warningId: string, recipient: string): ItemKey => ({ PK: warningPartition(warningId), SK: `INBOX#${recipient}` });
const inboxSchema = z.object({
  warningId: z.string(),
  householdId: z.string(),
  recipient: z.enum(WARNING_RECIPIENTS),
  district: z.enum(DISTRICT_CODES),
  indicatorId: z.string(),
  indicatorTitle: z.string(),
  raisedAt: z.string(),
  dueBy: z.string(),
  state: z.enum(['open', 'answered']),
  answeredAt: z.string().optional(),
});
export type InboxEntry = z.infer<typeof inboxSchema>;

export const warningInbox = {
  key: inboxKey,
  toItem: (
    w: Pick<Warning, 'warningId' | 'householdId' | 'district' | 'indicator' | 'raisedAt' | 'dueBy'>,
    recipient: string,
    state: InboxState,
    answeredAt?: string,
  ) => ({
    ...inboxKey(w.warningId, recipient),
    // Newest first within a recipient's state; the warning id keeps two of one instant apart.
    GSI3PK: inboxPartition(recipient, state),
    GSI3SK: `${w.raisedAt}#${w.warningId}`,
    entity: 'WarningInbox',
    warningId: w.warningId,
    householdId: w.householdId,
    recipient,
    district: w.district,
    indicatorId: w.indicator.id,
    indicatorTitle: w.indicator.title,
    raisedAt: w.raisedAt,
    dueBy: w.dueBy,
    state,
    ...(answeredAt ? { answeredAt } : {}),
  }),
  fromItem: (item: Record<string, unknown>): InboxEntry => parseItem('WarningInbox', inboxSchema, item),
};

const pushKey = (warningId: string, recipient: string): ItemKey => ({ PK: warningPartition(warningId), SK: `PUSHED#${recipient}` });
const pushSchema = z.object({
  warningId: z.string(),
  householdId: z.string(),
  raisedAt: z.string(),
  recipient: z.enum(WARNING_RECIPIENTS),
  pushedAt: z.string(),
});

// 转办推送 a warning reached a recipient's work queue (written once per recipient, never changed).
export const warningPush = {
  key: pushKey,
  toItem: (p: WarningPush) => ({
    ...pushKey(p.warningId, p.recipient),
    ...byHousehold(p.householdId, p.raisedAt, `#PUSHED#${p.recipient}`),
    entity: 'WarningPush',
    ...p,
  }),
  fromItem: (item: Record<string, unknown>): WarningPush => parseItem('WarningPush', pushSchema, item),
};

/** A partition's or GSI1 query's items as warnings with their pushes. */
export function warningsFrom(items: readonly Record<string, unknown>[]): StoredWarning[] {
  const pushes = new Map<string, WarningPush[]>();
  for (const i of items) {
    if (i.entity !== 'WarningPush') continue;
    const p = warningPush.fromItem(i);
    pushes.set(p.warningId, [...(pushes.get(p.warningId) ?? []), p]);
  }
  return items.filter((i) => i.entity === 'Warning').map((i) => warning.fromItem(i, pushes.get(String(i.warningId)) ?? []));
}

/**
 * 预警发布 the warnings a group (of records, or a sweep) raised were all published. Kept past the
 * bus archive's 365 days, so a replay of the group publishes nothing again; until it exists, a
 * rerun of the group publishes what it raised (its earlier attempt may have failed before).
 */
export const RAISED_GROUP_RETENTION_SECONDS = 400 * 86_400;
const groupKey = (raisedBy: string): ItemKey => ({ PK: `RAISED#${raisedBy}`, SK: 'PUBLISHED' });
export const raisedGroup = {
  key: groupKey,
  toItem: (raisedBy: string, at: string) => ({
    ...groupKey(raisedBy),
    entity: 'RaisedGroup',
    raisedBy,
    publishedAt: at,
    expiresAt: Math.floor(Date.parse(at) / 1000) + RAISED_GROUP_RETENTION_SECONDS,
  }),
};

/**
 * 纠错 a correction of one recipient's answer, in the warning's partition beside the answer it
 * corrects (which stays as it was): `CORRECTION#<department>#<sequence>`, written once
 * (condition: not there yet), so two corrections racing for the same place cannot both land.
 */
const correctionKey = (warningId: string, department: string, sequence: number): ItemKey => ({
  PK: warningPartition(warningId),
  SK: `CORRECTION#${department}#${String(sequence).padStart(4, '0')}`,
});
const correctionSchema = z.object({
  warningId: z.string(),
  department: z.string(),
  sequence: z.number().int().positive(),
  correctionId: z.string(),
  corrects: z.string(),
  correctedAt: z.string(),
  bodyHash: z.string(),
  cause: z.string(),
  reason: z.string(),
  correctedBy: z.string(),
  outcome: z.record(z.string(), z.unknown()),
  undid: z.record(z.string(), z.unknown()).optional(),
  publishedAt: z.string().optional(),
});
export const warningCorrection = {
  key: correctionKey,
  prefix: 'CORRECTION#',
  toItem: (c: RecordedCorrection) => ({ ...correctionKey(c.warningId, c.department, c.sequence), entity: 'WarningCorrection', ...c }),
  put: (c: RecordedCorrection): WriteAction => ({
    Put: { Item: warningCorrection.toItem(c), ConditionExpression: 'attribute_not_exists(PK)' },
  }),
  /** CorrectionRecorded.v1 is on the bus. */
  markPublished: (c: RecordedCorrection, at: string): WriteAction => ({
    Update: { Key: correctionKey(c.warningId, c.department, c.sequence), UpdateExpression: 'SET publishedAt = :at', ExpressionAttributeValues: { ':at': at } },
  }),
  fromItem: (item: Record<string, unknown>) => parseItem('WarningCorrection', correctionSchema, item) as unknown as RecordedCorrection,
};
