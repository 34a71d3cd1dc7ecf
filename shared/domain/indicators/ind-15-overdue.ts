import type { Warning, WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { ABOUT_HANDLING } from './support';

type WarningState = Pick<Warning, 'warningId' | 'householdId' | 'district' | 'indicator' | 'recipients' | 'status' | 'raisedAt' | 'dueBy'> & {
  outcomes?: Record<string, unknown>;
};

/** Indicator 15: a warning not handled within its deadline → supervision (数字监督), from the hourly sweep. */
export const overdueWarning = defineIndicator({
  id: 'IND-15',
  version: 1,
  title: 'warning not handled within its deadline',
  titleZh: '预警超期未处理',
  recipients: ['supervision'],
  deadlineDays: 5,
  evaluate(w: WarningState, now: string): WarningDraft | undefined {
    if (w.status === 'resolved' || ABOUT_HANDLING.has(w.indicator.id) || w.dueBy >= now) return undefined;
    const waiting = w.recipients.filter((r) => !w.outcomes?.[r]);
    const days = Math.floor((Date.parse(now) - Date.parse(w.dueBy)) / 86_400_000);
    return {
      householdId: w.householdId,
      district: w.district,
      subjects: [],
      dedupeKey: w.warningId,
      action: `ask ${waiting.join(', ')} to handle warning ${w.warningId} and account for the delay`,
      explanation: `Warning ${w.warningId} (${w.indicator.id} ${w.indicator.title}) was due by ${w.dueBy}${days > 0 ? `, ${days} day(s) ago` : ''}; still waiting for ${waiting.join(', ')}.`,
      evidence: [
        {
          recordId: w.warningId,
          recordType: 'warning',
          department: waiting.join(','),
          facts: { indicator: w.indicator.id, raisedAt: w.raisedAt, dueBy: w.dueBy, waitingFor: waiting.join(',') },
        },
      ],
    };
  },
});
