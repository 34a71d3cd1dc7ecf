import { InvocationTimeoutError } from './lambda-runtime';
import { departmentSessionArn, LOCAL_ACCOUNT } from './arn';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { invokablePaths, matchRoute, type FunctionId } from '../../shared/platform/api';
import { callerRoleName, type Caller } from '../../shared/platform/principals';
import { verifySigV4, type LocalCredential } from './sigv4';
import { fromLoopback, serveConsole } from './console-files';
import { CONSOLE_SERVING, consoleBasePath } from '../../shared/platform/console';

export interface HttpFrontOptions {
  region: string;
  principalPrefix: string;
  /** Departments' keys, and the partner sessions' the platform issued (looked up at each request). */
  credentials: ReadonlyMap<string, LocalCredential & { principal: Caller }>;
  invoke: (fn: FunctionId, event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  /** Extra unauthenticated GET documents, e.g. /openapi.json. */
  documents?: Readonly<Record<string, () => unknown>>;
  /**
   * The console (console/dist) under /console/, and, on the local platform only, the local
   * department identities it offers at sign-in (served to callers on 127.0.0.1 only).
   */
  console?: { root: string; localIdentities?: () => unknown };
}

/** The local department identities the console offers at sign-in (local platform only). */
const LOCAL_IDENTITIES = `${consoleBasePath()}${CONSOLE_SERVING.localIdentities}`;

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A local stand-in for the REST API with AWS_IAM authorization: verifies the SigV4 signature
 * against the departments' local credentials, applies the same execute-api permissions the CDK
 * stack gives each department role (from shared/platform/api.ts), then turns the request into
 * an API Gateway proxy event for the same handler code.
 */
export class HttpFront {
  private server: Server | undefined;
  url = '';

  constructor(private readonly options: HttpFrontOptions) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('local HTTP front failed', error);
        if (!res.headersSent) send(res, 500, { message: 'Internal server error' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';

    const document = method === 'GET' ? this.options.documents?.[url.pathname] : undefined;
    if (document) return send(res, 200, document());

    const consoleFiles = this.options.console;
    if (consoleFiles && method === 'GET') {
      if (url.pathname === LOCAL_IDENTITIES) {
        if (!consoleFiles.localIdentities || !fromLoopback(req)) return send(res, 404, { message: 'not found' });
        return send(res, 200, consoleFiles.localIdentities(), { 'cache-control': 'no-store' });
      }
      if (serveConsole(consoleFiles.root, url.pathname, res)) return;
    }

    const body = await readBody(req);
    if (body === undefined) return send(res, 413, { message: 'Request Too Long' });

    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];

    const verdict = await verifySigV4(
      { method, path: url.pathname, query, headers: req.headers, body },
      (accessKeyId) => this.options.credentials.get(accessKeyId),
      { region: this.options.region, service: 'execute-api' },
    );
    if (!verdict.ok) return send(res, verdict.status, { message: verdict.message }, { 'x-amzn-errortype': verdict.code });
    const credential = this.options.credentials.get(verdict.credential.accessKeyId)!;
    const caller = credential.principal;
    const roleName = callerRoleName(this.options.principalPrefix, caller);
    // The session name is the source identity, as the role's trust policy requires (a partner's: its organisation code).
    const session = credential.sourceIdentity ?? 'local-session';
    const callerArn = departmentSessionArn(this.options.region, roleName, credential.sourceIdentity);

    const matched = matchRoute(method, url.pathname);
    if (!matched) return send(res, 404, { message: `no route for ${method} ${url.pathname}` });
    if (!mayInvoke(caller, method, url.pathname)) {
      // The message API Gateway gives when the caller's IAM policy lacks execute-api:Invoke.
      return send(res, 403, {
        message: `User: ${callerArn} is not authorized to perform: execute-api:Invoke on resource: ${method} ${url.pathname}`,
      });
    }
    if (matched.malformed) {
      return send(res, 400, {
        error: 'MalformedPath',
        message: `路径参数 ${matched.malformed} 的 %-转义无效 / the %-escapes of path parameter ${matched.malformed} do not decode`,
        problems: [{ field: `path.${matched.malformed}`, message: 'not a valid %-escaped UTF-8 string' }],
      });
    }

    const requestId = randomUUID();
    const event: APIGatewayProxyEvent = {
      resource: matched.route.path,
      path: url.pathname,
      httpMethod: method,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.at(-1)!])) : null,
      multiValueQueryStringParameters: Object.keys(query).length ? query : null,
      pathParameters: matched.params,
      stageVariables: null,
      body: body.length ? body : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: LOCAL_ACCOUNT,
        apiId: 'local',
        authorizer: null,
        protocol: 'HTTP/1.1',
        httpMethod: method,
        path: `/local${url.pathname}`,
        stage: 'local',
        requestId,
        requestTimeEpoch: Date.now(),
        resourceId: matched.route.id,
        resourcePath: matched.route.path,
        identity: {
          accessKey: verdict.credential.accessKeyId,
          accountId: LOCAL_ACCOUNT,
          caller: `${roleName}:${session}`,
          user: `${roleName}:${session}`,
          userArn: callerArn,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: req.headers['user-agent'] ?? null,
          apiKey: null,
          apiKeyId: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
        },
      },
    };
    let result: APIGatewayProxyResult;
    try {
      result = await this.options.invoke(matched.route.function, event);
    } catch (error) {
      // What API Gateway answers: 504 when the function ran past its timeout (it was stopped),
      // 502 when it failed without an answer. Either way the department may send the request again.
      if (error instanceof InvocationTimeoutError)
        return send(res, 504, { message: 'Endpoint request timed out' }, { 'x-amzn-errortype': 'IntegrationTimeout', 'x-amzn-requestid': requestId });
      console.error(`${matched.route.function} failed without an answer`, error);
      return send(res, 502, { message: 'Internal server error' }, { 'x-amzn-requestid': requestId });
    }
    res.writeHead(result.statusCode, { ...stringHeaders(result.headers), 'x-amzn-requestid': requestId });
    res.end(result.body);
  }
}

/** The same test as IAM on `execute-api:Invoke` resources `<method>/<path with * for params>`. */
function mayInvoke(caller: Caller, method: string, path: string): boolean {
  return invokablePaths(caller).some((p) => {
    if (p.method !== method) return false;
    const pattern = new RegExp(
      `^${p.path
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    );
    return pattern.test(path);
  });
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function stringHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
