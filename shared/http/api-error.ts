/**
 * Errors are values at the edge: each carries its HTTP status and a JSON body that names the
 * record and the field, so a department engineer can fix the batch without asking anyone.
 */
export interface FieldProblem {
  /** Index of the record in the batch, when the problem is inside one. */
  record?: number;
  /** The department's own record id, when it could be read. */
  recordId?: string;
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body() {
    return { error: this.code, message: this.message, ...(this.problems.length ? { problems: this.problems } : {}) };
  }
}

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
export function fieldProblems(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[], whole: string): { field: string; message: string }[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'not a field of this record; remove it' }));
    }
    return [{ field: fieldPath(issue.path) || whole, message: issue.message }];
  });
}
