import { isWarningRecipient, type WarningRecipient } from '../domain/departments';

/**
 * Departments are IAM principals: each has one role, named `<prefix>-<department>`. API Gateway
 * (AWS_IAM authorization) hands the caller's ARN to the function; on the local platform the HTTP
 * front does the same after verifying the SigV4 signature.
 */
export function departmentRoleName(prefix: string, recipient: WarningRecipient): string {
  return `${prefix}-${recipient}`;
}

/** `arn:<partition>:sts::<account>:assumed-role/<role>/<session>` → the department, if it is one. */
export function recipientOfCaller(callerArn: string | null | undefined, prefix: string): WarningRecipient | undefined {
  if (!callerArn) return undefined;
  const match = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/.exec(callerArn);
  const roleName = match?.[1];
  if (!roleName?.startsWith(`${prefix}-`)) return undefined;
  const recipient = roleName.slice(prefix.length + 1);
  return isWarningRecipient(recipient) ? recipient : undefined;
}
