import { CASE_RECORD_TYPES, ROLL_RECORD_TYPES } from '../shared/records/record-types';
import { HOUSEHOLDS_ROLLED_V1 } from './households-rolled.v1';
import { RECORDS_ACCEPTED_V1 } from './records-accepted.v1';
import { WARNINGS_RAISED_V1 } from './warning-raised.v1';
import { WARNING_REFERRED_V1 } from './warning-referred.v1';
import { ASSISTANCE_ENDED_V1, ASSISTANCE_GRANTED_V1 } from './assistance-changed.v1';
import { WARNING_RESOLVED_V1 } from './warning-resolved.v1';
import { WHAT_IF_REQUESTED_V1 } from './what-if-requested.v1';

/**
 * The EventBridge rules on the platform bus, declared once: the CDK stateless stack creates
 * them, the local EventBridge stand-in dispatches by exactly these patterns.
 */
export type RuleTarget = 'register-update' | 'warning-evaluation' | 'department-routing' | 'statistics' | 'recognition' | 'what-if-runner';

/** Scheduled jobs, declared once: CDK makes schedule rules, the local platform a timer. */
export interface PlatformSchedule {
  name: string;
  description: string;
  /** An EventBridge rate expression. */
  rate: { minutes: number };
  target: 'overdue-escalation' | 'audit-seal';
}

export const PLATFORM_SCHEDULES: readonly PlatformSchedule[] = [
  {
    name: 'overdue-escalation-hourly',
    description: 'Escalate overdue warnings (IND-15), end gradual exits, flag emergency cases with overdue documents',
    rate: { minutes: 60 },
    target: 'overdue-escalation',
  },
  {
    name: 'audit-seal',
    description: 'Seal the audit trail up to AUDIT_SEAL_LAG_SECONDS ago with a signed tree head (数字监督)',
    rate: { minutes: 15 },
    target: 'audit-seal',
  },
];

export interface PlatformRule {
  name: string;
  description: string;
  eventPattern: Record<string, unknown>;
  target: RuleTarget;
}

export const PLATFORM_RULES: readonly PlatformRule[] = [
  {
    name: 'warning-events-to-statistics',
    description: 'Warnings raised and answered and assistance granted are counted for the statistics',
    eventPattern: {
      $or: [
        { source: [WARNINGS_RAISED_V1.source], 'detail-type': [WARNINGS_RAISED_V1.detailType] },
        { source: [WARNING_RESOLVED_V1.source], 'detail-type': [WARNING_RESOLVED_V1.detailType, ASSISTANCE_GRANTED_V1.detailType] },
      ],
    },
    target: 'statistics',
  },
  {
    name: 'investigations-to-recognition',
    description: 'Economic-status investigations get a classified review',
    eventPattern: {
      source: [RECORDS_ACCEPTED_V1.source],
      'detail-type': [RECORDS_ACCEPTED_V1.detailType],
      detail: { recordType: ['economic-investigation'] },
    },
    target: 'recognition',
  },
  {
    name: 'roll-entries-to-register',
    description: 'Civil-affairs roll entries update the low-income database',
    eventPattern: {
      source: [RECORDS_ACCEPTED_V1.source],
      'detail-type': [RECORDS_ACCEPTED_V1.detailType],
      detail: { recordType: [...ROLL_RECORD_TYPES] },
    },
    target: 'register-update',
  },
  {
    name: 'emergency-assistance-to-register',
    description: 'Emergency assistance paid first opens a case with its documents deadline; the documents close it',
    eventPattern: {
      source: [RECORDS_ACCEPTED_V1.source],
      'detail-type': [RECORDS_ACCEPTED_V1.detailType],
      detail: { recordType: [...CASE_RECORD_TYPES] },
    },
    target: 'register-update',
  },
  {
    name: 'records-to-warning-evaluation',
    description: 'Every department record but a roll entry is compared with the database by the indicators',
    eventPattern: {
      source: [RECORDS_ACCEPTED_V1.source],
      'detail-type': [RECORDS_ACCEPTED_V1.detailType],
      detail: { recordType: [{ 'anything-but': [...ROLL_RECORD_TYPES] }] },
    },
    target: 'warning-evaluation',
  },
  {
    name: 'rolled-households-to-warning-evaluation',
    description: 'A roll entry is compared by the indicators once register-update has written it (no race with a death reported meanwhile)',
    eventPattern: {
      source: [HOUSEHOLDS_ROLLED_V1.source],
      'detail-type': [HOUSEHOLDS_ROLLED_V1.detailType],
    },
    target: 'warning-evaluation',
  },
  {
    name: 'exits-to-warning-evaluation',
    description: 'A household leaving dibao or tekun for better finances is offered a transfer (indicator 16)',
    eventPattern: {
      source: [ASSISTANCE_ENDED_V1.source],
      'detail-type': [ASSISTANCE_ENDED_V1.detailType],
      detail: { exitReason: ['finances-improved'] },
    },
    target: 'warning-evaluation',
  },
  {
    name: 'warnings-to-department-routing',
    description: 'Raised and referred warnings are pushed to the queues of the departments concerned',
    eventPattern: {
      $or: [
        { source: [WARNINGS_RAISED_V1.source], 'detail-type': [WARNINGS_RAISED_V1.detailType] },
        { source: [WARNING_REFERRED_V1.source], 'detail-type': [WARNING_REFERRED_V1.detailType] },
      ],
    },
    target: 'department-routing',
  },
  {
    name: 'what-if-requests-to-runner',
    description: 'A what-if job is run, or continued from its checkpoint in a fresh invocation',
    eventPattern: { source: [WHAT_IF_REQUESTED_V1.source], 'detail-type': [WHAT_IF_REQUESTED_V1.detailType] },
    target: 'what-if-runner',
  },
];
