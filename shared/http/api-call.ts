import type { APIGatewayProxyEvent } from 'aws-lambda';
import { bilingual, isBilingual, splitBilingual } from '../domain/bilingual';
import { fieldProblems, invalidInput, notAllowed, type FieldProblem } from '../domain/errors';
import type { ApiRoute, BodyOf, CallerOf, DeclaredRoute, FunctionId } from '../platform/api';
import type { Caller } from '../platform/principals';
import { PARTNER_KIND_NAMES, type Partner, type PartnerKind } from '../domain/partners';
import { freeText } from '../privacy/free-text';

/**
 * What the edge makes of a request before a handler sees it: the route it was made on (resolved
 * once, from the route table), the caller checked against that route, and the body parsed and
 * checked against the route's schema. A handler dispatches on `routeId`, which also tells
 * TypeScript what the body is.
 */
export type ApiCall<F extends FunctionId = FunctionId> = CallOn<Extract<DeclaredRoute, { function: F }>>;
type CallOn<R> = R extends DeclaredRoute
  ? {
      routeId: R['id'];
      route: ApiRoute;
      caller: CallerOf<R>;
      body: BodyOf<R> /** The registered organisation, when the caller is a partner. */;
      partner?: Partner;
    }
  : never;

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
      [{ field: '(body)', message: bilingual(`最多 ${MAX_JSON_DEPTH} 层嵌套`, `at most ${MAX_JSON_DEPTH} levels of nesting`) }],
    );
  }
  try {
    return JSON.parse(text ?? '');
  } catch (error) {
    throw invalidInput('MalformedJson', malformedJson(text ?? '', (error as Error).message));
  }
}

/**
 * Where a body stops being JSON, in our words: the parser's own message is English only, and may
 * quote the body (an identity number in it would be echoed back). Only the position is taken.
 */
function malformedJson(text: string, parserMessage: string): string {
  if (!text.trim()) return bilingual('请求体为空，须为 JSON', 'the request body is empty; JSON is expected');
  const position = /at position (\d+)/.exec(parserMessage)?.[1];
  if (position !== undefined)
    return bilingual(
      `请求体不是有效的 JSON：第 ${Number(position) + 1} 个字符处有误`,
      `the request body is not valid JSON: error at character ${Number(position) + 1}`,
    );
  if (/end of JSON input/i.test(parserMessage)) return bilingual('请求体不是有效的 JSON：内容不完整', 'the request body is not valid JSON: it ends too early');
  return bilingual('请求体不是有效的 JSON', 'the request body is not valid JSON');
}

/**
 * The caller, if the route is for it: IAM has already said so (execute-api:Invoke on the route,
 * the department's own path), and this says it again in the function, naming what was refused.
 */
export function admitCaller(route: ApiRoute, caller: Caller | undefined, department: string | undefined): Caller {
  if (route.ownDepartmentOnly) {
    if (!caller) throw notAllowed('UnknownCaller', bilingual('调用者不是本平台的部门身份', 'the caller is not a department principal of this platform'));
    if (caller !== department)
      throw notAllowed(
        'WrongDepartment',
        bilingual(`部门 ${caller} 不能代部门 ${department} 办理（${route.id}）`, `department ${caller} may not ${route.ownDepartmentOnly.acts} ${department}`),
      );
  }
  if (!caller || !route.callers.includes(caller))
    throw notAllowed('NotAllowed', bilingual(`${caller ?? '该调用者'} 无权调用 ${route.id}`, `${caller ?? 'this caller'} may not call ${route.id}`));
  return caller;
}

/** A partner session whose organisation is not registered (or not active) as that kind: refused before anything is read. */
export function partnerNotRegistered(kind: PartnerKind, organisation: string) {
  const { zh, en } = splitBilingual(PARTNER_KIND_NAMES[kind]);
  return notAllowed(
    'PartnerNotRegistered',
    bilingual(`会话 ${organisation} 不是已登记且有效的${zh}`, `session ${organisation} is not a registered, active ${en}`),
  );
}

/** The body as the route's schema reads it, or the route's refusal naming each field at fault. */
export function admitBody(route: ApiRoute, json: unknown): unknown {
  if (route.body === 'none') return undefined;
  const parsed = route.body.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const { code, message, whole } = route.body.refusal;
  const problems = fieldProblems(parsed.error.issues, whole);
  throw invalidInput(code, refusalMessage(message, problems), problems);
}

/**
 * A route's refusal in both languages. A route that states its refusal in English only (the
 * route table, shared/platform/api.ts) gets a Chinese half that counts and names the problems;
 * a message written with the problems in it is given their English halves on its English side.
 */
function refusalMessage(message: string | ((problems: readonly FieldProblem[]) => string), problems: readonly FieldProblem[]): string {
  const stated = typeof message === 'string' ? message : message(problems.map((p) => ({ ...p, message: splitBilingual(p.message).en })));
  if (isBilingual(stated)) return stated;
  return bilingual(`请求有 ${problems.length} 处问题：${problems.map((p) => `${p.field}：${splitBilingual(p.message).zh}`).join('；')}`, stated);
}

/** The caller first, then the body: a caller the route is not for learns nothing about what it would have accepted. */
export function admit(route: ApiRoute, caller: Caller | undefined, department: string | undefined, json: unknown, partner?: Partner): ApiCall {
  const admitted = admitCaller(route, caller, department);
  return { routeId: route.id, route, caller: admitted, body: admitBody(route, json), ...(partner ? { partner } : {}) } as ApiCall;
}
