/**
 * A refusal as a domain value: what kind of refusal it is, a stable code a department's system
 * can branch on, the message as people read it (Chinese / English where it has both), and the
 * fields at fault, naming the record. Use cases throw these; the API's edge alone turns a kind
 * into an HTTP status (shared/http/api-error.ts).
 */
export type RefusalKind =
  /** The input is malformed or breaks a field rule. */
  | 'InvalidInput'
  /** The caller may not do this (its route, its department, its record types, its warnings). */
  | 'NotAllowed'
  /** What the call is about does not exist (or no longer: past retention). */
  | 'NotFound'
  /** It collides with what is already there: an id used for something else, a version moved on, work in progress. */
  | 'Conflict'
  /** Too large to take. */
  | 'TooLarge'
  /** Well-formed, but contradicts what is on record (an allowance the household is not paid). */
  | 'RuleBroken';

export interface FieldProblem {
  /** Index of the record in the batch, when the problem is inside one. */
  record?: number;
  /** The department's own record id, when it could be read. */
  recordId?: string;
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (code: string, message: string, problems?: readonly FieldProblem[]) => new DomainError('InvalidInput', code, message, problems);
export const notAllowed = (code: string, message: string, problems?: readonly FieldProblem[]) => new DomainError('NotAllowed', code, message, problems);
export const notFound = (code: string, message: string) => new DomainError('NotFound', code, message);
export const conflict = (code: string, message: string) => new DomainError('Conflict', code, message);
export const tooLarge = (code: string, message: string, problems?: readonly FieldProblem[]) => new DomainError('TooLarge', code, message, problems);
export const ruleBroken = (code: string, message: string, problems?: readonly FieldProblem[]) => new DomainError('RuleBroken', code, message, problems);

/** Zod issue path → `members[2].identityNumber`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

/**
 * One problem per field: zod reports unknown keys once for their object, so each becomes its own
 * problem naming the key (`members[0].nickname`), and an empty path names the whole body.
 */
export function fieldProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
  whole: string,
): { field: string; message: string }[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'not a field of this record; remove it' }));
    }
    return [{ field: fieldPath(issue.path) || whole, message: issue.message }];
  });
}
