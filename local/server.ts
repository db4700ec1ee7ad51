/** The local HTTP server: the API routes, /health, and the provider sandboxes under /_sandbox. */
import { channel } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type HttpMethod, routeMatches } from '../functions/contract/routes';
import { lambdaContext, readBody, toHttpApiEvent, writeResult } from './api-gateway-event';

/** Published around each handler call (a handler's start and its settling), for tools that time the function alone. */
export const INVOKE_CHANNELS = { start: 'local.lambda.invoke.start', end: 'local.lambda.invoke.end' } as const;
const invokeStarted = channel(INVOKE_CHANNELS.start);
const invokeEnded = channel(INVOKE_CHANNELS.end);

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalRoute {
  method: HttpMethod;
  path: string;
  functionName: string;
  timeoutMs: number;
  handler: LambdaHandler;
}

export interface LocalServerOptions {
  routes: LocalRoute[];
  /** Serves /_sandbox/*: gets the path below /_sandbox; resolves false when it has no such path. */
  sandbox?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** Serves /_local/* (local-only tools such as POST /_local/keeper); resolves false when it has no such path. */
  local?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  isReady: () => boolean;
  /** Host names (besides localhost and 127.0.0.1) a request may name, e.g. PUBLIC_BASE_URL's behind a tunnel. */
  allowedHosts?: string[];
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/** The hosts every local server answers for; anything else may be a DNS-rebinding page reading the sandbox calendar. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** The host name of a Host header ("localhost:3000" → "localhost"), lowercased. */
function hostName(header: string | undefined): string {
  return (header ?? '').trim().toLowerCase().replace(/:\d+$/, '');
}
/**
 * What an HTTP API answers when the function fails by hitting its own timeout (a function error,
 * not a 30 s integration timeout).
 */
const TIMED_OUT = { message: 'Internal Server Error' };
const TIMEOUT = Symbol('timeout');

/** Creates (does not start) the server. */
export function createLocalServer(options: LocalServerOptions): Server {
  return createServer((req, res) => {
    void route(req, res, options).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'Local server error' });
      else res.end();
    });
  });
}

async function route(req: IncomingMessage, res: ServerResponse, options: LocalServerOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const host = hostName(req.headers.host);
  if (![...LOCAL_HOSTS, ...(options.allowedHosts ?? [])].includes(host)) {
    return send(res, 421, {
      error: `This local server only answers for localhost or 127.0.0.1, not "${host.slice(0, 100)}".`,
    });
  }
  if (url.pathname === '/health') {
    send(res, options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return;
  }
  if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
    const handled = await options.sandbox?.(req, res, (req.url ?? '/').slice('/_sandbox'.length) || '/');
    if (!handled) send(res, 404, { error: `The sandbox has no ${req.method} ${url.pathname}.` });
    return;
  }
  if (url.pathname.startsWith('/_local/')) {
    const handled = await options.local?.(req, res, url.pathname);
    if (!handled) send(res, 404, { error: `The local server has no ${req.method} ${url.pathname}.` });
    return;
  }
  // A route is its method and path together (route key "GET /x"): a known path with another method is just as unknown.
  const match = options.routes.find((r) => routeMatches(r.path, url.pathname) && r.method === req.method);
  if (!match) {
    const known = [...new Set(options.routes.map((r) => `${r.method} ${r.path}`))].join(', ');
    // `message` as an HTTP API without a $default route answers (the deployed 404), `error` saying what exists.
    return send(res, 404, {
      message: 'Not Found',
      error: `No route for ${req.method} ${url.pathname}. The routes are ${known}, and GET /health.`,
    });
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    return send(res, 413, { error: 'Request body too large' });
  }
  const event = toHttpApiEvent(req, body, `${match.method} ${match.path}`, match.path);
  const result = await invoke(match, event);
  if (result === TIMEOUT) return send(res, 500, TIMED_OUT);
  writeResult(res, result);
}

/**
 * Runs the handler under its Lambda timeout. Unlike Lambda, nothing can stop it afterwards: it runs on in the
 * background (its writes may still land) and whatever it settles with is dropped.
 */
async function invoke(
  route: LocalRoute,
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 | typeof TIMEOUT> {
  const context = lambdaContext(route.functionName, route.timeoutMs);
  // The function's own time, without the local HTTP hop Lambda does not have (the bench's own-code figure reads it).
  invokeStarted.publish({ functionName: route.functionName });
  // new Promise: a handler that throws synchronously still becomes a rejection here.
  const running = new Promise<APIGatewayProxyStructuredResultV2>((resolve) => resolve(route.handler(event, context)));
  running.then(
    () => invokeEnded.publish({ functionName: route.functionName }),
    () => invokeEnded.publish({ functionName: route.functionName }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(resolve, route.timeoutMs, TIMEOUT);
  });
  try {
    // race() subscribes to `running`, so a rejection after the timeout is handled (dropped), never unhandled.
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
