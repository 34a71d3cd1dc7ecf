import { readFileSync } from 'node:fs';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../shared/domain/departments';
import { PARTNER_KINDS, type PartnerKind } from '../shared/domain/partners';

/**
 * Who may become each department (context `departmentPrincipals`): named IAM principals, never
 * a whole account. A principal is a full ARN (`arn:aws-cn:iam::111122223333:role/health-officers`)
 * or, in the partition deployed to, `<account>:role/<name>` / `<account>:user/<name>`, or for the
 * deploying account just `role/<name>` / `user/<name>` (the same file then serves both
 * partitions). The value is a JSON object from department to principals, given inline or
 * as `file:<path>`.
 */
export type DepartmentPrincipals = Record<WarningRecipient, string[]> & Partial<Record<PartnerKind, string[]>>;

/**
 * Who may become a partner kind's role (`charity`, `service-provider`, optional keys of the same
 * object): the portal that federates the organisations, which sets each session's source
 * identity (and name) to the organisation's code. Unnamed, the civil-affairs principals: the
 * bureau registers the organisations and runs their sign-in.
 */
export function partnerPrincipalsOf(principals: DepartmentPrincipals, kind: PartnerKind): string[] {
  return principals[kind] ?? principals['civil-affairs'];
}

const FULL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;
const SHORT = /^(\d{12}:)?(role|user)\/[\w+=,.@/-]{1,512}$/;

export function departmentPrincipalsFrom(value: unknown): DepartmentPrincipals {
  const where = 'context departmentPrincipals';
  if (value === undefined || value === null || value === '') {
    throw new Error(
      `${where} is required: who may assume each department role (README, "Deploying"); e.g. -c departmentPrincipals=file:infra/department-principals.example.json`,
    );
  }
  let parsed: unknown = value;
  if (typeof value === 'string') {
    const text = value.startsWith('file:') ? readFileSync(value.slice('file:'.length), 'utf8') : value;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${where}: not JSON (an object from department to principal ARNs, or file:<path> of one)`);
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${where}: must map each department to its principals`);
  const given = parsed as Record<string, unknown>;
  const known: readonly string[] = [...WARNING_RECIPIENTS, ...PARTNER_KINDS];
  const unknown = Object.keys(given).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`${where}: ${unknown.join(', ')} is not a department of this platform`);
  const missing = WARNING_RECIPIENTS.filter((d) => !Array.isArray(given[d]) || (given[d] as unknown[]).length === 0);
  if (missing.length) throw new Error(`${where}: no principal for ${missing.join(', ')}; every department role needs at least one`);
  const partnerKinds = PARTNER_KINDS.filter((k) => given[k] !== undefined);
  return Object.fromEntries(
    [...WARNING_RECIPIENTS, ...partnerKinds].map((d) => {
      if (!Array.isArray(given[d]) || (given[d] as unknown[]).length === 0) throw new Error(`${where}.${d}: name at least one principal, or leave ${d} out`);
      const principals = given[d] as unknown[];
      for (const p of principals) {
        if (typeof p !== 'string' || !(FULL_ARN.test(p) || SHORT.test(p))) {
          throw new Error(
            `${where}.${d}: "${String(p)}" is not an IAM role or user (an ARN, [<account>:]role/<name> or [<account>:]user/<name>); a whole account is not accepted`,
          );
        }
      }
      return [d, [...new Set(principals as string[])]];
    }),
  ) as DepartmentPrincipals;
}
