import { cityDay } from '../../shared/domain/city-time';
import type { AssistanceGrantedV1 } from '../../events/assistance-changed.v1';
import type { WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { WarningResolvedV1 } from '../../events/warning-resolved.v1';
import type { CounterIncrement, StatisticsStore } from '../../shared/ports/statistics';

export type CountedEvent =
  | { detailType: 'WarningRaised.v1'; detail: WarningRaisedV1 }
  | { detailType: 'WarningResolved.v1'; detail: WarningResolvedV1 }
  | { detailType: 'AssistanceGranted.v1'; detail: AssistanceGrantedV1 };

/**
 * 统计分析: counts each warning raised (by indicator, recipient department, district), each
 * answer (with its handling time) and each assistance granted (by programme and district) into
 * the month's counters. Each event counts once, whether delivered twice or replayed.
 */
export async function countEvent(e: CountedEvent, store: StatisticsStore): Promise<boolean> {
  if (e.detailType === 'WarningRaised.v1') {
    const w = e.detail;
    const overdue: Record<string, number> = w.indicator.id === 'IND-15' ? { overdue: 1 } : {};
    const inc: CounterIncrement[] = [
      { dimension: 'ALL', add: { raised: 1, ...overdue } },
      { dimension: `IND#${w.indicator.id}`, add: { raised: 1 } },
      { dimension: `DIST#${w.district}`, add: { raised: 1 } },
      ...w.recipients.map((r) => ({ dimension: `DEPT#${r}`, add: { raised: 1 } })),
    ];
    return store.count(`raised:${w.warningId}`, cityDay(w.raisedAt).slice(0, 7), inc);
  }
  if (e.detailType === 'WarningResolved.v1') {
    const r = e.detail;
    const handlingSeconds = Math.max(0, Math.round((Date.parse(r.resolvedAt) - Date.parse(r.raisedAt)) / 1000));
    const add = { answered: 1, handlingSeconds };
    return store.count(`answered:${r.warningId}:${r.department}`, cityDay(r.resolvedAt).slice(0, 7), [
      { dimension: 'ALL', add },
      { dimension: `IND#${r.indicatorId}`, add },
      { dimension: `DEPT#${r.department}`, add },
    ]);
  }
  const g = e.detail;
  return store.count(`granted:${g.warningId}:${g.department}:${g.programme}`, cityDay(g.decidedAt).slice(0, 7), [
    { dimension: 'ALL', add: { granted: 1, grantedFen: g.amountFen } },
    { dimension: `PROG#${g.programme}#DIST#${g.district}`, add: { granted: 1, grantedFen: g.amountFen } },
  ]);
}

/** The month's statistics as supervision reads them. */
export async function monthlyStatistics(month: string, store: StatisticsStore) {
  const rows = await store.month(month);
  const pick = (prefix: string) =>
    Object.fromEntries(rows.filter((r) => r.dimension.startsWith(prefix)).map((r) => [r.dimension.slice(prefix.length), r.values]));
  const all = rows.find((r) => r.dimension === 'ALL')?.values ?? {};
  const raised = all.raised ?? 0;
  const answered = all.answered ?? 0;
  return {
    month,
    totals: {
      raised,
      answered,
      overdue: all.overdue ?? 0,
      overdueRate: raised ? (all.overdue ?? 0) / raised : 0,
      averageHandlingHours: answered ? Math.round(((all.handlingSeconds ?? 0) / answered / 3600) * 10) / 10 : null,
      assistanceGranted: all.granted ?? 0,
      assistanceGrantedFen: all.grantedFen ?? 0,
    },
    byIndicator: pick('IND#'),
    byDepartment: pick('DEPT#'),
    byDistrict: pick('DIST#'),
    // 幸福清单 summary: assistance delivered by programme and district.
    happinessByProgrammeAndDistrict: pick('PROG#'),
  };
}
