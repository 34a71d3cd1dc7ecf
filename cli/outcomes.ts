import { warningOutcome } from '../shared/domain/outcome';
import { UsageError } from './bilingual';
import { columnsOf, treeOf, type Column } from './sheets/columns';
import { convertCell } from './sheets/rows';

/**
 * The answers a department may give to a warning (反馈处置结果), read from the same schema the
 * platform parses them with (shared/domain/outcome.ts, the kinds feedback-intake's outcome table
 * acts on): each kind with its fields, each field an option of `lim answer`
 * (`consent.givenOn` → `--consent-given-on`).
 */
export interface OutcomeOption {
  /** `--ended-on` */
  flag: string;
  /** commander's attribute: `endedOn` */
  attribute: string;
  column: Column;
}

export interface OutcomeKind {
  kind: string;
  options: OutcomeOption[];
}

const kebab = (segments: readonly (string | number)[]) => segments.map((s) => String(s).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('-');
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const OUTCOME_KINDS: OutcomeKind[] = treeOf(warningOutcome).map((tree) => {
  const columns = columnsOf(tree, () => 0);
  const kind = columns.find((c) => c.path === 'outcome')?.leaf.values?.[0];
  if (!kind) throw new Error('an outcome branch without its kind');
  return {
    kind,
    options: columns
      .filter((c) => c.path !== 'outcome')
      .map((column) => {
        const flag = kebab(column.segments);
        return { flag: `--${flag}`, attribute: camel(flag), column };
      }),
  };
});

/** Every option any kind takes, once, with the kinds that take it. */
export function outcomeOptions(): { flag: string; attribute: string; column: Column; kinds: string[] }[] {
  const byFlag = new Map<string, { flag: string; attribute: string; column: Column; kinds: string[] }>();
  for (const k of OUTCOME_KINDS) {
    for (const o of k.options) {
      const seen = byFlag.get(o.flag);
      if (seen) seen.kinds.push(k.kind);
      else byFlag.set(o.flag, { ...o, kinds: [k.kind] });
    }
  }
  return [...byFlag.values()];
}

/** `assistance-ended: --programme --ended-on [--exit-reason] --reason --handled-by`. */
export function kindSynopsis(kind: OutcomeKind): string {
  return `${kind.kind}: ${kind.options.map((o) => (o.column.required ? o.flag : `[${o.flag}]`)).join(' ')}`;
}

/**
 * The outcome the options describe, typed as the schema wants it (integers as numbers). An
 * option the kind does not take is a usage error, not something silently dropped.
 */
export function outcomeFrom(kindName: string, given: Record<string, unknown>): Record<string, unknown> {
  const kind = OUTCOME_KINDS.find((k) => k.kind === kindName);
  if (!kind)
    throw new UsageError(
      `没有这种结果：${kindName}；可用：${OUTCOME_KINDS.map((k) => k.kind).join(', ')} / no such outcome: ${kindName}; one of: ${OUTCOME_KINDS.map((k) => k.kind).join(', ')}`,
    );
  const stray = outcomeOptions().filter((o) => given[o.attribute] !== undefined && !kind.options.some((k) => k.flag === o.flag));
  if (stray.length) {
    const flags = stray.map((o) => o.flag).join(', ');
    throw new UsageError(
      `结果 ${kind.kind} 不用 ${flags}；它的选项：${kindSynopsis(kind)} / outcome ${kind.kind} takes no ${flags}; its options: ${kindSynopsis(kind)}`,
    );
  }
  const missing = kind.options.filter((o) => o.column.required && given[o.attribute] === undefined);
  if (missing.length) {
    const flags = missing.map((o) => o.flag).join(', ');
    throw new UsageError(`结果 ${kind.kind} 还须给出 ${flags} / outcome ${kind.kind} also needs ${flags}; ${kindSynopsis(kind)}`);
  }
  const outcome: Record<string, unknown> = { outcome: kind.kind };
  for (const o of kind.options) {
    const value = given[o.attribute];
    if (value === undefined) continue;
    const converted = convertCell(o.column, String(value));
    if (!converted.ok) throw new UsageError(`${o.flag}：${converted.message}`);
    let at = outcome;
    for (const s of o.column.segments.slice(0, -1)) {
      at[String(s)] ??= {};
      at = at[String(s)] as Record<string, unknown>;
    }
    at[String(o.column.segments.at(-1))] = converted.value;
  }
  return outcome;
}

/** The option that stands for a field path of the outcome (`consent.givenOn` → `--consent-given-on`). */
export function flagOf(field: string): string {
  return field === 'outcome' ? '--outcome' : `--${kebab(field.split('.'))}`;
}
