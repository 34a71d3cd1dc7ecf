import { bilingual } from '../../shared/domain/bilingual';
import { DISTRICT_CODES, type DistrictCode } from '../../shared/domain/districts';
import { invalidInput } from '../../shared/domain/errors';
import { MissingPolicyParameterError, type PolicyBook } from '../../shared/domain/policy/policy-book';
import { entitledCategories, isWaiver, type Waiver, WAIVER_CODES, waiverHouseholdOf, waiverList } from '../../shared/domain/waivers';
import type { KeyRingSource } from '../../shared/ports/person-key';
import type { WaiverRoll } from '../../shared/ports/waiver-roll';
import { ForeignPageToken } from '../../shared/ports/warning-lists';
import { isWaiverCode, normaliseWaiverCode, waiverCode } from '../../shared/privacy/waiver-code';

export interface WaiverPorts {
  roll: WaiverRoll;
  policy: () => Promise<PolicyBook>;
  /** The purpose key: the codes are HMACs under it, with their own label. */
  purposeKey: KeyRingSource;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkWaiverAndMonth(waiver: string, month: string): Waiver {
  if (!isWaiver(waiver))
    throw invalidInput('UnknownWaiver', bilingual(`没有减免项目 ${waiver}`, `no waiver ${waiver}`), [
      { field: 'waiver', message: bilingual(`须为 ${WAIVER_CODES.join('、')} 之一`, `must be one of ${WAIVER_CODES.join(', ')}`) },
    ]);
  if (!MONTH.test(month))
    throw invalidInput('InvalidMonth', bilingual('月份须为 yyyy-mm', 'month must be yyyy-mm'), [
      { field: 'month', message: bilingual('不是有效月份', 'not a month') },
    ]);
  return waiver;
}

function checkDistrict(district: string | undefined): DistrictCode {
  if (district === undefined || !(DISTRICT_CODES as readonly string[]).includes(district))
    throw invalidInput('InvalidDistrict', bilingual('须指明本市区县', 'a district of the city is required'), [
      { field: 'district', message: bilingual('不是本市区县代码', 'not a district code of the city') },
    ]);
  return district as DistrictCode;
}

/** One page of a district's households as list lines (the people's facts read once for the page). */
async function linesOf(waiver: Waiver, month: string, district: DistrictCode, limit: number, after: string | undefined, policy: PolicyBook, roll: WaiverRoll) {
  const categories = inForce(() => entitledCategories(waiver, month, district, policy), waiver, month);
  if (categories.length === 0) return { lines: [], next: undefined };
  const page = await roll.households(district, categories, limit, after);
  const known = await roll.people(page.items.flatMap((h) => h.members.map((m) => m.personRef)));
  const households = page.items.map((h) => waiverHouseholdOf(h, known));
  return { lines: inForce(() => waiverList(waiver, month, households, policy), waiver, month), next: page.next };
}

/** A month before the policy book has the waiver's rows (before the plan) has no list: 400, not a failure. */
function inForce<T>(read: () => T, waiver: Waiver, month: string): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof MissingPolicyParameterError)) throw e;
    throw invalidInput('InvalidMonth', bilingual(`${month} 没有生效的${waiver}减免政策`, `no ${waiver} waiver policy is in force in ${month}`), [
      { field: 'month', message: bilingual('该月没有生效的减免政策', 'no waiver policy in force that month') },
    ]);
  }
}

/**
 * 减免名单 a waiver's list for a month and district, as the provider receives it: each line the
 * masked identity number, the category and the verification code; never a person reference.
 */
export async function readWaiverList(
  waiver: string,
  month: string,
  query: { district?: string; limit?: string; next?: string } | null | undefined,
  ports: WaiverPorts,
) {
  const w = checkWaiverAndMonth(waiver, month);
  const district = checkDistrict(query?.district);
  const limit = query?.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidInput('InvalidQuery', bilingual('limit 须为 1–100', 'limit must be 1-100'), [
      { field: 'limit', message: bilingual('须为 1–100', 'must be 1-100') },
    ]);
  const [policy, ring] = await Promise.all([ports.policy(), ports.purposeKey.ring()]);
  const { lines, next } = await linesOf(w, month, district, limit, query?.next, policy, ports.roll).catch((e: unknown) => {
    if (!(e instanceof ForeignPageToken)) throw e;
    throw invalidInput(
      'InvalidPageToken',
      bilingual('翻页令牌无效，请从第一页重新开始', 'the page token is not one of this list’s; start again from the first page'),
      [{ field: 'next', message: bilingual('不是本列表的翻页令牌', 'not a page token of this list') }],
    );
  });
  return {
    waiver: w,
    month,
    district,
    lines: lines.map(({ personRef, ...line }) => ({ ...line, code: waiverCode(w, month, personRef, ring) })),
    ...(next ? { next } : {}),
  };
}

/**
 * 核验 a provider reads back a line: the masked identity number and the code. Entitled only if a
 * person with that masked number is on the month's list and the code is theirs. The masked
 * number does not say where the person lives now, so every district's list is read.
 */
export async function verifyWaiverCode(waiver: string, month: string, body: { maskedIdentityNumber: string; code: string }, ports: WaiverPorts) {
  const w = checkWaiverAndMonth(waiver, month);
  if (!normaliseWaiverCode(body.code)) return { waiver: w, month, entitled: false };
  const [policy, ring] = await Promise.all([ports.policy(), ports.purposeKey.ring()]);
  for (const district of DISTRICT_CODES) {
    let after: string | undefined;
    do {
      const { lines, next } = await linesOf(w, month, district, 100, after, policy, ports.roll);
      if (lines.some((l) => l.maskedIdentityNumber === body.maskedIdentityNumber && isWaiverCode(body.code, w, month, l.personRef, ring)))
        return { waiver: w, month, entitled: true };
      after = next;
    } while (after);
  }
  return { waiver: w, month, entitled: false };
}
