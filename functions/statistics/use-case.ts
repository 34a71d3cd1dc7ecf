import { cityDay } from '../../shared/domain/city-time';
import type { AssistanceGrantedV1 } from '../../events/assistance-changed.v1';
import type { WarningsRaisedV1 } from '../../events/warning-raised.v1';
import type { WarningResolvedV1 } from '../../events/warning-resolved.v1';
import { overdueWarning } from '../../shared/domain/indicators/ind-15-overdue';
import type { CountedEvent, StatisticsStore } from '../../shared/ports/statistics';

/** An event the statistics count: a group of raised warnings, an answer, or assistance granted. */
export type StatisticsEvent =
  | { detailType: 'WarningsRaised.v1'; detail: WarningsRaisedV1 }
  | { detailType: 'WarningResolved.v1'; detail: WarningResolvedV1 }
  | { detailType: 'AssistanceGranted.v1'; detail: AssistanceGrantedV1 };

/** Each warning raised, answer given or assistance granted, as the increments it adds to its month. */
function countedEventsOf(e: StatisticsEvent): CountedEvent[] {
  if (e.detailType === 'WarningsRaised.v1') {
    return e.detail.warnings.map((w) => ({
      eventKey: `raised:${w.warningId}`,
      month: cityDay(w.raisedAt).slice(0, 7),
      increments: [
        { dimension: 'ALL', add: { raised: 1, ...(w.indicator.id === overdueWarning.id ? { overdue: 1 } : {}) } },
        { dimension: `IND#${w.indicator.id}`, add: { raised: 1 } },
        { dimension: `DIST#${w.district}`, add: { raised: 1 } },
        ...w.recipients.map((r) => ({ dimension: `DEPT#${r}`, add: { raised: 1 } })),
      ],
    }));
  }
  if (e.detailType === 'WarningResolved.v1') {
    const r = e.detail;
    const handlingSeconds = Math.max(0, Math.round((Date.parse(r.resolvedAt) - Date.parse(r.raisedAt)) / 1000));
    const add = { answered: 1, handlingSeconds };
    return [
      {
        eventKey: `answered:${r.warningId}:${r.department}`,
        month: cityDay(r.resolvedAt).slice(0, 7),
        increments: [
          { dimension: 'ALL', add },
          { dimension: `IND#${r.indicatorId}`, add },
          { dimension: `DEPT#${r.department}`, add },
        ],
      },
    ];
  }
  const g = e.detail;
  return [
    {
      eventKey: `granted:${g.warningId}:${g.department}:${g.programme}`,
      month: cityDay(g.decidedAt).slice(0, 7),
      increments: [
        { dimension: 'ALL', add: { granted: 1, grantedFen: g.amountFen } },
        { dimension: `PROG#${g.programme}#DIST#${g.district}`, add: { granted: 1, grantedFen: g.amountFen } },
      ],
    },
  ];
}

/**
 * 统计分析: counts each warning raised (by indicator, recipient department, district), each
 * answer (with its handling time) and each assistance granted (by programme and district) into
 * the month's counters, a whole group of warnings in one write. Each counts once, whether
 * delivered twice or replayed. Returns how many were counted now.
 */
export async function countEvent(e: StatisticsEvent, store: StatisticsStore): Promise<{ counted: number; alreadyCounted: number }> {
  const events = countedEventsOf(e);
  const counted = (await store.count(events)).length;
  return { counted, alreadyCounted: events.length - counted };
}
