import { bilingual } from '../bilingual';
import { CATEGORIES, type Category } from '../categories';
import { DISTRICTS, type DistrictCode } from '../districts';
import type { PolicyParameter, PolicyValue } from '../policy/policy-book';
import type { Check, CheckCode } from './classify';

/**
 * 认定理由: a classified review's checks as people read them (中文 / English), each naming the
 * policy row its threshold came from: the parameter, the district whose own row it is (or the
 * whole city), the dates it is in force and the change that wrote it. Rows are the ones stored
 * with the decision, so a later policy change never rewrites an old decision's reasons.
 */

export const CATEGORY_EN: Record<Category, string> = {
  TEKUN: 'destitute person (tekun)',
  DIBAO: 'minimum living allowance (dibao)',
  DIBAO_EDGE: 'dibao edge family',
  RIGID_EXPENDITURE: 'family with rigid-expenditure hardship',
  RELAPSE_MONITORING: 'monitored against relapse into poverty',
  OTHER_HARDSHIP: 'other hardship',
};

/** The row a threshold came from, as an answer shows it. */
export interface PolicyRowCited {
  name: string;
  value: PolicyValue;
  unit?: string;
  /** The district whose own row it is, or '*' for the city-wide row. */
  district: DistrictCode | '*';
  /** Whether a district's own row supplied it (it wins over the city-wide row). */
  districtRow: boolean;
  effectiveFrom: string;
  effectiveTo: string;
  /** The policy change that wrote the row; 0 = shipped with the code. */
  changeVersion: number;
  source: string;
}

export function citeRow(row: PolicyParameter): PolicyRowCited {
  return {
    name: row.name,
    value: row.value,
    ...(row.unit !== undefined ? { unit: row.unit } : {}),
    district: row.district,
    districtRow: row.district !== '*',
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    changeVersion: row.changeVersion ?? 0,
    source: row.source,
  };
}

const districtName = (d: DistrictCode | '*') => {
  if (d === '*') return { zh: '全市', en: 'city-wide' };
  const [en, zh] = [DISTRICTS[d].replace(/ [^ ]+$/, ''), DISTRICTS[d].split(' ').at(-1)!];
  return { zh: `${zh}（${d}）`, en: `${en} (${d})` };
};

/** 依据: one row named in a sentence, in each language. */
export function rowCitation(row: PolicyRowCited): { zh: string; en: string } {
  const where = districtName(row.district);
  const version =
    row.changeVersion === 0 ? { zh: '随系统发布', en: 'as shipped' } : { zh: `第 ${row.changeVersion} 次调整`, en: `change ${row.changeVersion}` };
  return {
    // The Chinese half never holds " / " (bilingual.ts splits on the first one).
    zh: `${row.name} = ${row.value}（${where.zh}，${row.effectiveFrom} 至 ${row.effectiveTo}，${version.zh}，${row.source.replaceAll(' / ', '／')}）`,
    // The source document is named in Chinese only (its title is Chinese); the answer's policyRows carry it too.
    en: `${row.name} = ${row.value} (${where.en}, ${row.effectiveFrom} to ${row.effectiveTo}, ${version.en})`,
  };
}

const yes = (passed: boolean, zh: [string, string], en: [string, string]) => ({ zh: passed ? zh[0] : zh[1], en: passed ? en[0] : en[1] });

/** What the check found, without its sources. */
function finding(code: CheckCode | undefined, check: Check): { zh: string; en: string } {
  const { value: v, threshold: t, passed } = check;
  switch (code) {
    case 'tekun.members':
      return yes(
        passed,
        [`全部 ${t} 名成员均为老年人、未成年人或重度残疾人且无劳动能力、无收入`, `${t} 名成员中只有 ${v} 名为老年人、未成年人或重度残疾人且无劳动能力、无收入`],
        [
          `all ${t} members are elderly, minors or severely disabled, unable to work and without income`,
          `only ${v} of ${t} members are elderly, minors or severely disabled, unable to work and without income`,
        ],
      );
    case 'tekun.noSupporter':
      return yes(
        passed,
        ['无有赡养、抚养、扶养能力的法定义务人', '有具备赡养、抚养、扶养能力的法定义务人'],
        ['no legal supporter is able to support', 'a legal supporter is able to support'],
      );
    case 'dibao.income':
      return yes(
        passed,
        [`家庭人均月收入 ${v} 分低于低保标准 ${t} 分`, `家庭人均月收入 ${v} 分不低于低保标准 ${t} 分`],
        [
          `per-capita monthly income ${v} fen is below the dibao standard ${t} fen`,
          `per-capita monthly income ${v} fen is not below the dibao standard ${t} fen`,
        ],
      );
    case 'edge.income':
      return yes(
        passed,
        [`家庭人均月收入 ${v} 分低于低保边缘线 ${t} 分`, `家庭人均月收入 ${v} 分不低于低保边缘线 ${t} 分`],
        [`per-capita monthly income ${v} fen is below the edge line ${t} fen`, `per-capita monthly income ${v} fen is not below the edge line ${t} fen`],
      );
    case 'rigid.income':
      return yes(
        passed,
        [`家庭人均月收入 ${v} 分低于上年人均可支配收入 ${t} 分`, `家庭人均月收入 ${v} 分不低于上年人均可支配收入 ${t} 分`],
        [
          `per-capita monthly income ${v} fen is below last year’s per-capita disposable income ${t} fen`,
          `per-capita monthly income ${v} fen is not below last year’s per-capita disposable income ${t} fen`,
        ],
      );
    case 'rigid.spending':
      return yes(
        passed,
        [`刚性支出 ${v} 分超过同期家庭收入的规定比例 ${t} 分`, `刚性支出 ${v} 分未超过同期家庭收入的规定比例 ${t} 分`],
        [
          `necessary medical and education spending ${v} fen is above the share of income ${t} fen`,
          `necessary medical and education spending ${v} fen is not above the share of income ${t} fen`,
        ],
      );
    case 'assets.perCapita':
      return yes(
        passed,
        [`人均财产 ${v} 分未超过限额 ${t} 分`, `人均财产 ${v} 分超过限额 ${t} 分`],
        [`assets per person ${v} fen are within the limit ${t} fen`, `assets per person ${v} fen are above the limit ${t} fen`],
      );
    default:
      // A check stored before codes were kept: its English test and its figures.
      return {
        zh: `${passed ? '符合' : '不符合'}：${check.test}（${v}，标准 ${t}）`,
        en: `${passed ? 'met' : 'not met'}: ${check.test} (${v}, threshold ${t})`,
      };
  }
}

/** One check's reason, `中文 / English`, with the rows its threshold came from. */
export function checkReason(check: Check, rows: readonly PolicyRowCited[]): string {
  const found = finding(check.code, check);
  if (!rows.length) return bilingual(`${found.zh}。`, `${found.en}.`);
  const cited = rows.map(rowCitation);
  return bilingual(`${found.zh}；依据 ${cited.map((c) => c.zh).join('、')}。`, `${found.en}; set by ${cited.map((c) => c.en).join('; ')}.`);
}

/** The decision in a sentence, `中文 / English`. */
export function decisionSummary(category: Category | null, perCapitaMonthlyIncomeFen: number | undefined): string {
  const income =
    perCapitaMonthlyIncomeFen === undefined
      ? { zh: '', en: '' }
      : { zh: `（家庭人均月收入 ${perCapitaMonthlyIncomeFen} 分）`, en: ` (per-capita monthly income ${perCapitaMonthlyIncomeFen} fen)` };
  return category
    ? bilingual(`认定为${CATEGORIES[category]}${income.zh}`, `recognised as ${CATEGORY_EN[category]}${income.en}`)
    : bilingual(`不符合任何类别${income.zh}`, `qualifies for no category${income.en}`);
}
