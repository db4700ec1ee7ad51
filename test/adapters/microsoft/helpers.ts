/**
 * Test doubles for the Microsoft adapters: fake fetch, manual clock, Graph fixtures, fake token endpoint,
 * in-memory store and cipher.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { GraphCalendar } from '../../../functions/adapters/microsoft/graph-calendar';
import { ConcurrencyError } from '../../../functions/domain/errors';
import type {
  CalendarConnection,
  Cipher,
  ConnectionStore,
  EncryptionContext,
  ManagerConnections,
} from '../../../functions/domain/ports';
import {
  GraphClient,
  type AccessTokenSource,
  type GraphRequestEvent,
} from '../../../functions/adapters/microsoft/graph-client';

const EVENTS = fileURLToPath(new URL('../../events/graph/', import.meta.url));

/** A Graph JSON fixture from test/events/graph (a fresh copy each time). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${EVENTS}${name}.json`, 'utf8')) as T;
}

/** A JSON response. */
export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const init = { status, headers: { 'content-type': 'application/json', ...headers } };
  return new Response(body === undefined || status === 204 ? null : JSON.stringify(body), init);
}

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body?: string;
  signal?: AbortSignal | null;
}

type Reply = Response | Error | ((request: SeenRequest) => Response | Promise<Response>);

/** fetch that answers from a script (one reply per call; the last one repeats) and records what it was sent. */
export function scriptedFetch(...replies: Reply[]) {
  const requests: SeenRequest[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request: SeenRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal,
    };
    requests.push(request);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(request);
    return reply.clone();
  }) as typeof globalThis.fetch;
  return { fetch: fakeFetch, requests };
}

/** A clock that only moves when the code under test sleeps. */
export function manualClock(start = Date.UTC(2026, 2, 15, 12)) {
  const state = { now: start, sleeps: [] as number[] };
  return {
    state,
    clock: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
}

/** An access-token source that hands out numbered tokens and records forced refreshes. */
export function fakeTokens(prefix = 'at-secret') {
  const calls: boolean[] = [];
  const tokens: AccessTokenSource = {
    getAccessToken: async (_deadline, forceRefresh = false) => {
      calls.push(forceRefresh);
      return `${prefix}-${calls.length}`;
    },
  };
  return { tokens, calls };
}

/** A reversible, context-checking Cipher (not encryption: tests only need sealing to be visible and bound). */
export function testCipher(): Cipher & { sealed: string[] } {
  const sealed: string[] = [];
  const tag = (context: EncryptionContext) => `${context.managerId}|${context.purpose}`;
  return {
    sealed,
    seal: async (plaintext, context) => {
      const blob = `sealed:${Buffer.from(JSON.stringify([tag(context), plaintext])).toString('base64')}`;
      sealed.push(blob);
      return blob;
    },
    open: async (blob, context) => {
      const [boundTo, plaintext] = JSON.parse(Buffer.from(blob.replace(/^sealed:/, ''), 'base64').toString()) as [
        string,
        string,
      ];
      if (boundTo !== tag(context)) throw new Error('encryption context mismatch');
      return plaintext;
    },
  };
}

/** A ConnectionStore in memory (one record per manager) with version checks on updateCredentials. */
export function memoryStore(initial: Array<{ managerId: string; connection: CalendarConnection }> = []) {
  const rows = new Map<string, ManagerConnections>();
  for (const { managerId, connection } of initial) {
    const record = rows.get(managerId) ?? { managerId, connections: [], revision: 1 };
    record.connections.push(structuredClone(connection));
    rows.set(managerId, record);
  }
  const updates: Array<{ managerId: string; connectionId: string; sealed: string; expectedVersion: number }> = [];
  const find = (managerId: string, connectionId: string) =>
    rows.get(managerId)?.connections.find((c) => c.connectionId === connectionId);
  const store: ConnectionStore = {
    get: async (managerId) => structuredClone(rows.get(managerId)),
    save: async (record) =>
      void rows.set(record.managerId, { ...structuredClone(record), revision: record.revision + 1 }),
    updateCredentials: async (managerId, connectionId, sealed, expectedVersion) => {
      updates.push({ managerId, connectionId, sealed, expectedVersion });
      const row = find(managerId, connectionId);
      if (!row || row.version !== expectedVersion) throw new ConcurrencyError();
      row.credentials = sealed;
      row.version += 1;
      return row.version;
    },
    markNeedsReconnect: async (managerId, connectionId) => void (find(managerId, connectionId)!.needsReconnect = true),
    touch: async () => undefined,
    updateSchedule: async () => undefined,
  };
  /** The stored connection (of mgr-1 unless told). */
  const stored = (connectionId = 'microsoft-1', managerId = 'mgr-1') => find(managerId, connectionId)!;
  return { store, rows, updates, stored };
}

/** A connection for tests (manager mgr-1 holds it). */
export function connection(overrides: Partial<CalendarConnection> = {}): CalendarConnection {
  return {
    connectionId: 'microsoft-1',
    provider: 'microsoft',
    accountId: 'oid-1.tid-1',
    account: 'adele@contoso.com',
    calendars: [{ id: 'default', name: 'Calendar', role: 'book', canEdit: true }],
    needsReconnect: false,
    connectedAt: '2026-03-01T00:00:00Z',
    version: 1,
    credentials: '',
    ...overrides,
  };
}

export const GRAPH_TEST_BASE = 'https://graph.example.test/v1.0';

/** A GraphClient on a scripted fetch, a manual clock, jitter pinned to its ceiling, and a round-trip log. */
export function graphHarness(...replies: Reply[]) {
  const time = manualClock();
  const http = scriptedFetch(...replies);
  const auth = fakeTokens();
  const events: GraphRequestEvent[] = [];
  const client = new GraphClient({
    baseUrl: GRAPH_TEST_BASE,
    tokens: auth.tokens,
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
    onRequest: (event) => events.push(event),
  });
  const deadline = (ms = 10_000) => ({ at: time.state.now + ms });
  return { client, time, http, auth, events, deadline };
}

/** A GraphCalendar on graph.microsoft.com over a scripted fetch, for adele@contoso.com (msal id oid-1.tid-1). */
export function calendarHarness(...replies: Reply[]) {
  const time = manualClock();
  const http = scriptedFetch(...replies);
  const log = { warn: vi.fn() };
  const graph = new GraphClient({
    baseUrl: 'https://graph.microsoft.com/v1.0',
    tokens: fakeTokens().tokens,
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    log,
  });
  const calendar = new GraphCalendar(graph, { accountId: 'oid-1.tid-1', address: 'adele@contoso.com' }, log);
  return { calendar, http, log, deadline: { at: time.state.now + 10_000 } };
}
