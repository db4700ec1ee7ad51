/**
 * The I/O of each webhook invocation, observed from node:diagnostics_channel without touching the app: the handler's
 * wall time is its call to its settling, as local/server.ts publishes them (else the server's request start to
 * response finish); outbound requests are node:http's (the AWS SDK's, and the app's provider transport) or
 * undici's (anything still on fetch), told apart as DynamoDB, provider or token requests by io-kinds.ts. A request
 * belongs to the invocation whose async context created it (an AsyncLocalStorage entered when the webhook request
 * arrives), so background work an invocation leaves running is still its own, and the keeper's timer or the bench
 * client's own fetch belong to none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { INVOKE_CHANNELS } from '../../local/server';
import { nodeRequestKind, undiciRequestKind } from './io-kinds';

/**
 * An interval: wall times are performance.now() ms; CPU readings are the process's user + system CPU time in µs
 * (process.cpuUsage()) at the same moments.
 */
export interface Timed {
  start: number;
  end?: number;
  startCpu?: number;
  endCpu?: number;
}

/** One outbound request of an invocation. */
export interface IoRequest extends Timed {
  kind: 'dynamo' | 'provider' | 'token' | 'http';
  /** The DynamoDB operation (GetItem, TransactWriteItems…) or the HTTP method and path. */
  op: string;
}

/**
 * One webhook invocation: the handler's call to its settling (or, where the server does not say, the request's
 * arrival to its response's finish), and the requests it made.
 */
export interface InvocationTrace extends Timed {
  requests: IoRequest[];
  /** The window is the handler's own (local/server.ts published its call). */
  handler?: boolean;
}

const cpu = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

interface UndiciRequest {
  method?: string;
  path?: string;
}

/** After the answer, how long no request may start or be in flight before an invocation counts as settled. */
const QUIET_MS = 5;
const SETTLE_CAP_MS = 2_000;

/** Starts tracing invocations of `path` (POST); `take` hands over those recorded since the last take. */
export function traceInvocations(path = '/vapi/webhook') {
  const current = new AsyncLocalStorage<InvocationTrace | undefined>();
  const byServerRequest = new WeakMap<IncomingMessage, InvocationTrace>();
  const open = new WeakMap<object, IoRequest>();
  let recorded: InvocationTrace[] = [];
  let lastActivity = performance.now();

  const begin = (handle: object, kind: IoRequest['kind'], op: string) => {
    const trace = current.getStore();
    if (!trace) return;
    const request: IoRequest = { kind, op, start: performance.now(), startCpu: cpu() };
    trace.requests.push(request);
    open.set(handle, request);
    lastActivity = request.start;
  };
  const finish = (handle: object) => {
    const request = open.get(handle);
    if (!request || request.end !== undefined) return;
    request.end = lastActivity = performance.now();
    request.endCpu = cpu();
  };

  const handlers: Record<string, (message: unknown) => void> = {
    'http.server.request.start': (message) => {
      const { request } = message as { request: IncomingMessage };
      if (request.method !== 'POST' || request.url?.split('?')[0] !== path) return current.enterWith(undefined);
      const trace: InvocationTrace = { start: performance.now(), startCpu: cpu(), requests: [] };
      recorded.push(trace);
      byServerRequest.set(request, trace);
      // The rest of this request's handling (the handler and every promise it starts) runs in this store.
      current.enterWith(trace);
    },
    // The handler's own call (local/server.ts), inside the request: the function's time, without the local HTTP hop.
    [INVOKE_CHANNELS.start]: () => {
      const trace = current.getStore();
      if (!trace) return;
      trace.start = performance.now();
      trace.startCpu = cpu();
      trace.handler = true;
    },
    [INVOKE_CHANNELS.end]: () => {
      const trace = current.getStore();
      if (!trace || trace.end !== undefined) return;
      trace.end = lastActivity = performance.now();
      trace.endCpu = cpu();
    },
    'http.server.response.finish': (message) => {
      const trace = byServerRequest.get((message as { request: IncomingMessage }).request);
      if (!trace || trace.end !== undefined) return;
      trace.end = lastActivity = performance.now();
      trace.endCpu = cpu();
    },
    // Created, not start: node:http publishes "start" only once the request is written out (its _finish), so the work
    // the process does meanwhile (another request built, a response parsed) would count as nobody's I/O, while
    // undici's "create", below, is the request being handed over. Both now mark the same moment.
    'http.client.request.created': (message) => {
      const { request } = message as { request: ClientRequest };
      const { kind, op } = nodeRequestKind(request);
      begin(request, kind, op);
    },
    'http.client.response.finish': (message) => {
      const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
      // The response's headers are in; the request is over once its body is (the SDK reads it to the end).
      response.once('end', () => finish(request));
      response.once('close', () => finish(request));
    },
    'http.client.request.error': (message) => finish((message as { request: ClientRequest }).request),
    'undici:request:create': (message) => {
      const { request } = message as { request: UndiciRequest };
      const { kind, op } = undiciRequestKind(request);
      begin(request, kind, op);
    },
    'undici:request:trailers': (message) => finish((message as { request: object }).request),
    'undici:request:error': (message) => finish((message as { request: object }).request),
  };
  for (const [name, handler] of Object.entries(handlers)) subscribe(name, handler);

  const busy = () => recorded.some((t) => t.end === undefined || t.requests.some((r) => r.end === undefined));
  return {
    /** The invocations recorded since the last call. */
    take(): InvocationTrace[] {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    /**
     * Resolves once every recorded invocation has answered and nothing it started is in flight or has started for
     * QUIET_MS (its background work has had its turn), or after SETTLE_CAP_MS.
     */
    async settled(): Promise<void> {
      const cap = performance.now() + SETTLE_CAP_MS;
      do await sleep(QUIET_MS);
      while ((busy() || performance.now() - lastActivity < QUIET_MS) && performance.now() < cap);
    },
    stop(): void {
      for (const [name, handler] of Object.entries(handlers)) unsubscribe(name, handler);
    },
  };
}

export type InvocationTracer = ReturnType<typeof traceInvocations>;
