/** Graph responses: the per-request context, JSON with Graph's headers, and the error envelope. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { sendEmpty, sendJson } from '../../shared/http';

/** One Graph request, as handlers see it. */
export interface GraphCall {
  ctx: EmulatorContext;
  req: IncomingMessage;
  res: ServerResponse;
  /** Path below /graph/v1.0, as sent (case preserved), and its query. */
  path: string;
  query: URLSearchParams;
  /** Zone named by a valid `Prefer: outlook.timezone`, else undefined. */
  zoneLabel?: string;
  immutableId: boolean;
  requestId: string;
  clientRequestId: string;
  /** Absolute URL of /graph/v1.0 at this emulator, for @odata.nextLink. */
  graphBase: string;
}

/** A Graph error answer; handlers throw it and the router renders the envelope. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

function graphHeaders(call: GraphCall, zoneApplied: boolean): Record<string, string> {
  const applied = [
    zoneApplied && call.zoneLabel ? `outlook.timezone="${call.zoneLabel}"` : '',
    call.immutableId ? 'IdType="ImmutableId"' : '',
  ].filter(Boolean);
  return {
    'Content-Type':
      'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
    'request-id': call.requestId,
    'client-request-id': call.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Sandbox', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'SANDBOX' },
    }),
    ...(applied.length ? { 'Preference-Applied': applied.join(', ') } : {}),
  };
}

/** Sends a Graph JSON body; `zoneApplied` says the body carries times rendered per the Prefer zone. */
export function sendGraph(
  call: GraphCall,
  status: number,
  body: unknown,
  zoneApplied = false,
  extra: Record<string, string> = {},
): void {
  if (body === undefined) {
    const { 'Content-Type': _ct, ...headers } = graphHeaders(call, false);
    sendEmpty(call.res, status, { ...headers, ...extra });
    return;
  }
  sendJson(call.res, status, body, { ...graphHeaders(call, zoneApplied), ...extra });
}

/** Sends the Graph error envelope. */
export function sendGraphError(call: GraphCall, error: GraphError): void {
  const date = new Date(call.ctx.now()).toISOString().replace(/\.\d+Z$/, '');
  const innerError: Record<string, string> = {
    date,
    'request-id': call.requestId,
    'client-request-id': call.clientRequestId,
  };
  // The generic throttling answer's inner fields (the doc sample); ApplicationThrottled comes without them.
  if (error.code === 'TooManyRequests')
    Object.assign(innerError, { code: '429', message: 'Please retry after', status: '429' });
  sendJson(
    call.res,
    error.status,
    { error: { code: error.code, message: error.message, innerError } },
    { ...graphHeaders(call, false), ...error.headers },
  );
}

/** The OData context URL Graph puts on responses. */
export function odataContext(fragment: string): string {
  return `https://graph.microsoft.com/v1.0/$metadata#${fragment}`;
}
