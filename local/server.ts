/** The local HTTP server: the four API routes, /health, and the Microsoft sandbox under /_sandbox. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdaContext, readBody, toHttpApiEvent, writeResult } from './api-gateway-event';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalRoute {
  method: 'GET' | 'POST';
  path: string;
  functionName: string;
  timeoutMs: number;
  handler: LambdaHandler;
}

export interface LocalServerOptions {
  routes: LocalRoute[];
  /** Serves /_sandbox/*: gets the path below /_sandbox; resolves false when it has no such path. */
  sandbox?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  isReady: () => boolean;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

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
  if (url.pathname === '/health') {
    send(res, options.isReady() ? 200 : 503, { status: options.isReady() ? 'ok' : 'starting' });
    return;
  }
  if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
    const handled = await options.sandbox?.(req, res, (req.url ?? '/').slice('/_sandbox'.length) || '/');
    if (!handled) send(res, 404, { error: 'Not found' });
    return;
  }
  const match = options.routes.find((r) => r.path === url.pathname);
  if (!match) return send(res, 404, { error: 'Not found' });
  if (match.method !== req.method) {
    res.setHeader('allow', match.method);
    return send(res, 405, { error: `Use ${match.method} for ${match.path}` });
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    return send(res, 413, { error: 'Request body too large' });
  }
  const event = toHttpApiEvent(req, body, `${match.method} ${match.path}`);
  const result = await match.handler(event, lambdaContext(match.functionName, match.timeoutMs));
  writeResult(res, result);
}
