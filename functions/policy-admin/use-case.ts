import { cityDay } from '../../shared/domain/city-time';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DISTRICT_CODES, type DistrictCode } from '../../shared/domain/districts';
import type { WarningRecipient } from '../../shared/domain/departments';
import { PolicyBook, type PolicyParameter } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange, PolicyChangeError, policyChangeRequest, whatIfRequest } from '../../shared/domain/policy/policy-change';
import { whatIf } from '../../shared/domain/policy/what-if';
import { RECOGNITION_PARAMETERS } from '../../shared/domain/recognition/classify';
import { ApiError, fieldProblems } from '../../shared/http/api-error';
import { routeById } from '../../shared/platform/api';
import type { AssessmentStore } from '../../shared/ports/assessment-store';
import type { PolicyChangeEntry, PolicyStore } from '../../shared/ports/policy-store';
import { mergePolicyRows } from '../../shared/application/policy-book';

/**
 * Policy administration (参数管理): read the parameters in force, change them without a redeploy
 * (every change audited: who, when, why, old and new values), read the trail, and measure a
 * proposal on the current database before making it (what-if).
 */
export interface PolicyPorts {
  store: PolicyStore;
  /** The rows shipped with the code (city-parameters.ts), under the administrators' rows. */
  shipped: readonly PolicyParameter[];
  now: () => Date;
}

export interface Caller {
  department: WarningRecipient | undefined;
  /** The verified principal (role ARN with session name), as the audit trail names it. */
  principal: string;
}

function allowed(routeId: string, caller: Caller): void {
  const route = routeById(routeId);
  if (!caller.department || !route.callers.includes(caller.department)) throw new ApiError(403, 'NotAllowed', `${caller.department ?? 'this caller'} may not call ${routeId}`);
}

function parseBody<T>(schema: z.ZodType<T>, body: string | null): T {
  const parsed = schema.safeParse(JSON.parse(body ?? 'null'));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(body)');
    throw new ApiError(400, 'InvalidPolicyChange', `the request has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  }
  return parsed.data;
}

async function currentBook(ports: PolicyPorts): Promise<PolicyBook> {
  const { version, rows } = await ports.store.load();
  return new PolicyBook(mergePolicyRows(ports.shipped, rows), version);
}

function apply(book: PolicyBook, rows: Parameters<typeof applyPolicyChange>[1]) {
  try {
    return applyPolicyChange(book.rows(), rows);
  } catch (error) {
    if (error instanceof PolicyChangeError) throw new ApiError(400, 'InvalidPolicyChange', error.message, error.problems);
    throw error;
  }
}

const query = z.strictObject({ on: z.iso.date().optional(), district: z.enum(DISTRICT_CODES).optional() });

/** The parameters in force on a day (default today) for a district (default city-wide), and the version. */
export async function readParameters(params: Record<string, string | undefined> | null, caller: Caller, ports: PolicyPorts) {
  allowed('read-policy', caller);
  const parsed = query.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw new ApiError(400, 'InvalidQuery', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  const on = parsed.data.on ?? cityDay(ports.now());
  const book = await currentBook(ports);
  return { version: book.version, on, district: parsed.data.district ?? '*', parameters: book.inForce(on, parsed.data.district as DistrictCode | undefined) };
}

/** Applies a change against the version the administrator saw, with its audit entry, at once. */
export async function changeParameters(body: string | null, caller: Caller, ports: PolicyPorts): Promise<PolicyChangeEntry> {
  allowed('change-policy', caller);
  const request = parseBody(policyChangeRequest, body);
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const book = await currentBook(ports);
  if (request.expectedVersion === book.version - 1) {
    // The same administrator's same request sent again (its answer was lost): the change it made.
    const made = (await ports.store.changes()).find((c) => c.version === book.version);
    if (made && made.requestHash === requestHash && made.changedBy === caller.principal) return made;
  }
  if (request.expectedVersion !== book.version) {
    throw new ApiError(409, 'PolicyVersionMoved', `the policy is at version ${book.version}, not ${request.expectedVersion}; read it again and re-apply your change`);
  }
  const { diffs } = apply(book, request.parameters);
  const entry: PolicyChangeEntry = {
    version: book.version + 1,
    changedAt: ports.now().toISOString(),
    changedBy: caller.principal,
    department: caller.department!,
    reason: request.reason,
    diffs,
    requestHash,
  };
  if (!(await ports.store.commit(request.expectedVersion, entry))) {
    throw new ApiError(409, 'PolicyVersionMoved', 'another change was made at the same moment; read the policy again and re-apply your change');
  }
  return entry;
}

/** The trail of policy changes, oldest first. */
export async function readChanges(caller: Caller, ports: PolicyPorts) {
  allowed('read-policy-changes', caller);
  return { changes: await ports.store.changes() };
}

/** Re-classifies every assessed household under the proposal, on a day, and writes nothing. */
export async function runWhatIf(body: string | null, caller: Caller, ports: PolicyPorts & { assessments: AssessmentStore }) {
  allowed('what-if', caller);
  const request = parseBody(whatIfRequest, body);
  const current = await currentBook(ports);
  const { next } = apply(current, request.parameters);
  const proposed = new PolicyBook(next, current.version);
  const on = request.on ?? cityDay(ports.now());
  const assessed = await ports.assessments.all();
  const changed = [...new Set(request.parameters.map((p) => p.name))];
  return { basedOnVersion: current.version, ...whatIf(assessed, current, proposed, on, changed, RECOGNITION_PARAMETERS) };
}
