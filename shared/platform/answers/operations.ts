import * as z from 'zod';
import { count, householdId, isoDate, isoDateTime, programme, warningId } from './fields';

/** 运维: what one run of the deadline sweeps did, sweep by sweep; ids only, never a name or an identity number. */
export const sweepRun = z
  .object({
    runId: z.string().meta({ description: '运行编号 the run: `overdue-escalation:` and the schedule event’s or the request’s id' }),
    trigger: z.enum(['schedule', 'on-demand']).meta({ description: '触发方式 the hourly schedule, or a call of POST /operations/sweeps' }),
    asOf: isoDateTime.meta({ description: '截至时刻 the moment the deadlines were measured against' }),
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    durationMs: count.meta({ description: '耗时（毫秒） how long the run took' }),
    sweeps: z
      .object({
        'overdue-warnings': z
          .object({
            overdue: count.meta({ description: 'open warnings found past due (escalated now or by an earlier run)' }),
            escalated: count.meta({ description: 'IND-15 warnings raised to supervision by this run' }),
            escalations: z.array(z.object({ warningId, escalationId: warningId.meta({ description: 'the IND-15 warning raised about it' }) })),
          })
          .optional()
          .meta({ description: '超期预警升级 overdue warnings escalated to supervision (IND-15)' }),
        'gradual-exits': z
          .object({
            ended: count,
            exits: z.array(z.object({ householdId, programme, lastPaidDay: isoDate })),
          })
          .optional()
          .meta({ description: '渐退期满 allowances ended after their gradual exit' }),
        'emergency-documents': z
          .object({
            flagged: count,
            caseIds: z.array(z.string()).meta({ description: '急难救助案件编号 the cases flagged to supervision (IND-18)' }),
          })
          .optional()
          .meta({ description: '急难救助补件超期 emergency cases whose documents are overdue' }),
        'officer-concentration': z
          .object({
            flagged: count.meta({ description: 'officers over the district’s share in the period (raised now or by an earlier run)' }),
            raised: count.meta({ description: 'IND-28 warnings raised to supervision by this run' }),
            officers: z.array(
              z.object({
                officerId: z.string(),
                district: z.string(),
                approvals: count,
                districtApprovals: count,
                deciders: count,
                ratio: z.number().meta({ description: 'share of the district’s approvals over the expected share (1 / deciders)' }),
                warningId,
              }),
            ),
          })
          .optional()
          .meta({ description: '认定集中度 officers who decided far more of a district’s approvals than its share (IND-28)' }),
        'service-deliveries': z
          .object({
            ordersChecked: count.meta({ description: 'service orders still watched' }),
            missedHours: z.array(warningId).meta({ description: 'IND-25 warnings raised to civil affairs by this run (hours short in a month)' }),
            lateReports: z.array(warningId).meta({ description: 'IND-26 warnings raised to civil affairs by this run (deliveries reported late)' }),
          })
          .optional()
          .meta({ description: '购买服务履约 service orders: hours short of the order, deliveries reported late' }),
      })
      .meta({ description: 'each sweep that ran; one not asked for is absent' }),
  })
  .meta({ title: '到期清理报告 Sweep report' });

export type SweepRun = z.output<typeof sweepRun>;
