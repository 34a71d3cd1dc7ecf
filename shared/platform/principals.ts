import { isWarningRecipient, type WarningRecipient } from '../domain/departments';

/**
 * Departments are IAM principals: each has one role, named `<prefix>-<department>`. API Gateway
 * (AWS_IAM authorization) hands the caller's ARN to the function; on the local platform the HTTP
 * front does the same after verifying the SigV4 signature.
 */
export function departmentRoleName(prefix: string, recipient: WarningRecipient): string {
  return `${prefix}-${recipient}`;
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
