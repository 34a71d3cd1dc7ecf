import type * as z from 'zod';
import type * as households from '../../shared/platform/answers/households';
import type * as policy from '../../shared/platform/answers/policy';
import type * as warnings from '../../shared/platform/answers/warnings';
import type * as audit from '../../shared/domain/supervision/verify-day';

/**
 * The API's answers as the console reads them: the types come from the same zod schemas the
 * platform answers with and OpenAPI documents (type-only: no schema code reaches the browser).
 * (console/tsconfig.json lists the node types only because those shared modules use them.)
 */
export type AssistanceChain = z.infer<typeof households.assistanceChain>;
export type NeedsList = z.infer<typeof households.needsList>;
export type HappinessList = z.infer<typeof households.happinessList>;
export type MonthlyStatistics = z.infer<typeof households.monthlyStatistics>;
export type DisclosureList = z.infer<typeof households.disclosureList>;
export type ProjectList = z.infer<typeof households.projectList>;
export type DepartmentWarningList = z.infer<typeof warnings.departmentWarningList>;
export type OverdueWarningList = z.infer<typeof warnings.overdueWarningList>;
export type AnswerReceipt = z.infer<typeof warnings.answerReceipt>;
export type AcknowledgementReceipt = z.infer<typeof warnings.acknowledgementReceipt>;
export type PolicyParameters = z.infer<typeof policy.policyParameters>;
export type PolicyChanges = z.infer<typeof policy.policyChanges>;
export type WhatIfJob = z.infer<typeof policy.whatIfJob>;
export type AuditDay = z.infer<typeof audit.auditDayAnswer>;
export type WarningDetail = z.infer<typeof warnings.warningDetail>;
