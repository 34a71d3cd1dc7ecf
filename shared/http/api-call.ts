import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { WarningRecipient } from '../domain/departments';
import { fieldProblems, invalidInput, notAllowed } from '../domain/errors';
import type { ApiRoute, BodyOf, DeclaredRoute, FunctionId } from '../platform/api';
import { freeText } from '../privacy/free-text';

/**
 * What the edge makes of a request before a handler sees it: the route it was made on (resolved
 * once, from the route table), the caller checked against that route, and the body parsed and
 * checked against the route's schema. A handler dispatches on `routeId`, which also tells
 * TypeScript what the body is.
 */
export type ApiCall<F extends FunctionId = FunctionId> = CallOn<Extract<DeclaredRoute, { function: F }>>;
type CallOn<R> = R extends DeclaredRoute ? { routeId: R['id']; route: ApiRoute; caller: WarningRecipient; body: BodyOf<R> } : never;

/** Deeper than any request the API defines (an investigation's incomes are 6 levels down). */
export const MAX_JSON_DEPTH = 16;

/** The deepest nesting of objects and arrays in a JSON text, read in one pass with no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** The x-purpose header, whatever its case: API Gateway (REST) hands headers on as the caller wrote them. */
export function statedPurposeOf(event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === 'x-purpose');
  return name === undefined ? undefined : (event.headers[name] ?? undefined);
}

/** The purpose a caller may state in a header is free text like any other (shared/privacy/free-text.ts). */
const statedPurposeHeader = freeText({ min: 1, max: 200 });

/** Refuses a stated purpose (x-purpose) that breaks the free-text policy, before anything is read or written. */
export function checkStatedPurpose(event: Pick<APIGatewayProxyEvent, 'headers'>): void {
  const stated = statedPurposeOf(event);
  if (stated === undefined) return;
  const checked = statedPurposeHeader.safeParse(stated);
  if (!checked.success) {
    throw invalidInput('InvalidHeader', '请求头 x-purpose 不符合自由文本规则 / the x-purpose header breaks the free-text policy', [
      { field: 'headers.x-purpose', message: checked.error.issues[0]!.message },
    ]);
  }
}

/** The body's JSON, read once; its depth is measured on the text, without recursion, before anything walks it. */
export function readJson(text: string | null): unknown {
  const depth = jsonDepth(text ?? '');
  if (depth > MAX_JSON_DEPTH) {
    throw invalidInput(
      'TooDeep',
      `请求体嵌套超过 ${MAX_JSON_DEPTH} 层 / the request body is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are allowed`,
      [{ field: '(body)', message: `at most ${MAX_JSON_DEPTH} levels of nesting` }],
    );
  }
  try {
    return JSON.parse(text ?? '');
  } catch (error) {
    throw invalidInput('MalformedJson', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The caller, if the route is for it: IAM has already said so (execute-api:Invoke on the route,
 * the department's own path), and this says it again in the function, naming what was refused.
 */
export function admitCaller(route: ApiRoute, caller: WarningRecipient | undefined, department: string | undefined): WarningRecipient {
  if (route.ownDepartmentOnly) {
    if (!caller) throw notAllowed('UnknownCaller', 'the caller is not a department principal of this platform');
    if (caller !== department) throw notAllowed('WrongDepartment', `department ${caller} may not ${route.ownDepartmentOnly.acts} ${department}`);
  }
  if (!caller || !route.callers.includes(caller)) throw notAllowed('NotAllowed', `${caller ?? 'this caller'} may not call ${route.id}`);
  return caller;
}

/** The body as the route's schema reads it, or the route's refusal naming each field at fault. */
export function admitBody(route: ApiRoute, json: unknown): unknown {
  if (route.body === 'none') return undefined;
  const parsed = route.body.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const { code, message, whole } = route.body.refusal;
  const problems = fieldProblems(parsed.error.issues, whole);
  throw invalidInput(code, typeof message === 'string' ? message : message(problems), problems);
}

/** The caller first, then the body: a caller the route is not for learns nothing about what it would have accepted. */
export function admit(route: ApiRoute, caller: WarningRecipient | undefined, department: string | undefined, json: unknown): ApiCall {
  const admitted = admitCaller(route, caller, department);
  return { routeId: route.id, route, caller: admitted, body: admitBody(route, json) } as ApiCall;
}
