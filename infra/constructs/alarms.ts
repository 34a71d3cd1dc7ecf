import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { WarningRecipient } from '../../shared/domain/departments';
import { ALL_INDICATORS } from '../../shared/domain/indicators';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { WORK_QUEUE_SETTINGS } from '../../shared/platform/queues';

const DAY_SECONDS = 24 * 3600;

/** Every alarm looks at five-minute windows: a failure is worth a look within minutes, not hours. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * The shortest warning deadline (`warning.deadlineDays.IND-xx`) among the indicators that send
 * warnings to `recipient`, over every row of the shipped policy book (any period, any district),
 * so the threshold is the strictest the book sets; undefined when no indicator targets it.
 */
export function shortestDeadlineDays(recipient: WarningRecipient): number | undefined {
  const days = ALL_INDICATORS.filter((i) => (i.recipients as readonly string[]).includes(recipient)).flatMap((i) => {
    const rows = CITY_PARAMETERS.filter((p) => p.name === i.deadlineParameter).map((p) => p.value);
    if (!rows.length || rows.some((v) => typeof v !== 'number')) throw new Error(`${i.id}: ${i.deadlineParameter} has no numeric row in the policy book`);
    return rows as number[];
  });
  return days.length ? Math.min(...days) : undefined;
}

/**
 * Before a work queue silently drops a message at the end of its retention, the age alarm must
 * have had a day to fire: the cap is the retention minus this margin.
 */
export const QUEUE_AGE_MARGIN_SECONDS = DAY_SECONDS;

/**
 * ApproximateAgeOfOldestMessage threshold of a recipient's work queue, in seconds. A warning
 * nobody has received after the shortest deadline of its indicators is overdue whatever it says,
 * so that is the threshold; but a deadline longer than the queue keeps messages (14 days) would
 * never fire before the message is lost, so the threshold is capped at the retention minus
 * QUEUE_AGE_MARGIN_SECONDS. A queue no indicator targets yet gets the cap.
 */
export function workQueueAgeThresholdSeconds(recipient: WarningRecipient): number {
  const cap = WORK_QUEUE_SETTINGS.retentionSeconds - QUEUE_AGE_MARGIN_SECONDS;
  const days = shortestDeadlineDays(recipient);
  return days === undefined ? cap : Math.min(days * DAY_SECONDS, cap);
}

export interface PlatformAlarmProps {
  metric: cloudwatch.IMetric;
  /** Alarm when the metric is at least this (counts) or above it (ages, with `above`). */
  threshold: number;
  above?: boolean;
  description: string;
  alarmName?: string;
  /** Notified on ALARM and OK, when a topic exists. */
  topic?: sns.ITopic;
}

/**
 * One datapoint in breach raises the alarm. Missing data is not a breach: EventBridge and SQS
 * publish some of these metrics only when they are not zero.
 */
export function platformAlarm(scope: Construct, id: string, props: PlatformAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold,
    comparisonOperator: props.above ? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: props.description,
    ...(props.alarmName ? { alarmName: props.alarmName } : {}),
  });
  if (props.topic) {
    const action = new SnsAction(props.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  return alarm;
}
