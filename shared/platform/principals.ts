import { isWarningRecipient, type WarningRecipient } from '../domain/departments';
import { isPartnerKind, type PartnerKind } from '../domain/partners';

/** Who may call a route: a department (or coordination, supervision), or a partner kind (社会力量). */
export type Caller = WarningRecipient | PartnerKind;

/**
 * Departments are IAM principals: each has one role, named `<prefix>-<department>`. API Gateway
 * (AWS_IAM authorization) hands the caller's ARN to the function; on the local platform the HTTP
 * front does the same after verifying the SigV4 signature.
 */
export function departmentRoleName(prefix: string, recipient: WarningRecipient): string {
  return `${prefix}-${recipient}`;
}

/** A partner kind's one role, `<prefix>-charity` or `<prefix>-service-provider`; the organisation is the session. */
export function partnerRoleName(prefix: string, kind: PartnerKind): string {
  return `${prefix}-${kind}`;
}

/** The role of any caller: a department's or a partner kind's (the same `<prefix>-<name>` form). */
export function callerRoleName(prefix: string, caller: Caller): string {
  return `${prefix}-${caller}`;
}

const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/([^/]+)$/;

/**
 * The person behind a department role session: its session name, which the role's trust policy
 * requires to equal the session's source identity (infra/stacks/stateless-stack.ts), so the caller
 * cannot choose it freely. API Gateway hands the function the session ARN, not the source
 * identity itself; the trust policy is what makes the one stand for the other.
 */
export function officerOfCaller(callerArn: string | null | undefined): string | undefined {
  return callerArn ? ASSUMED_ROLE.exec(callerArn)?.[2] : undefined;
}

/** `arn:<partition>:sts::<account>:assumed-role/<role>/<session>` → the department, if it is one. */
export function recipientOfCaller(callerArn: string | null | undefined, prefix: string): WarningRecipient | undefined {
  if (!callerArn) return undefined;
  const match = ASSUMED_ROLE.exec(callerArn);
  const roleName = match?.[1];
  if (!roleName?.startsWith(`${prefix}-`)) return undefined;
  const recipient = roleName.slice(prefix.length + 1);
  return isWarningRecipient(recipient) ? recipient : undefined;
}

/**
 * `arn:…:assumed-role/<prefix>-<kind>/<organisation>` → the partner kind and the organisation
 * (its unified social credit code, the session name the trust policy ties to the source identity).
 * Whether that organisation is registered and active is for the handler to check (the table).
 */
export function partnerOfCaller(callerArn: string | null | undefined, prefix: string): { kind: PartnerKind; organisation: string } | undefined {
  if (!callerArn) return undefined;
  const match = ASSUMED_ROLE.exec(callerArn);
  const roleName = match?.[1];
  if (!roleName?.startsWith(`${prefix}-`)) return undefined;
  const kind = roleName.slice(prefix.length + 1);
  return isPartnerKind(kind) ? { kind, organisation: match![2]! } : undefined;
}

/** The caller's department or partner kind, from its session ARN. */
export function callerOfArn(callerArn: string | null | undefined, prefix: string): Caller | undefined {
  return recipientOfCaller(callerArn, prefix) ?? partnerOfCaller(callerArn, prefix)?.kind;
}
