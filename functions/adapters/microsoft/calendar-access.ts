/**
 * CalendarAccess for Microsoft 365: a GraphCalendar per connection, with a fresh token source of its own. No msal in
 * here (tool calls and the keeper bundle this): tokens are read and refreshed by token-source.ts.
 */
import type { CalendarAccess, CalendarConnection, Cipher, Clock, ConnectionStore, Log } from '../../domain/ports';
import type { ClientSecret } from './client-secret';
import { GraphCalendar } from './graph-calendar';
import { ConcurrencyGate } from '../shared/concurrency-gate';
import { GRAPH_MAILBOX_CONCURRENCY, GraphClient, type GraphRequestEvent } from './graph-client';
import type { LoginRequestEvent } from './login-url';
import type { RetryPolicy } from '../shared/retry';
import { TokenMemory } from './token-memory';
import { ManagerTokenSource } from './token-source';
import type { HttpFetch } from '../shared/https-transport';

/** A provider round trip: Graph or the Microsoft token endpoint. */
export type ProviderRequestEvent =
  | (GraphRequestEvent & { service: 'graph' })
  | (LoginRequestEvent & { service: 'login' });

export interface MicrosoftCalendarAccessDeps {
  microsoft: {
    clientId: string;
    tenantId: string;
    clientSecret: ClientSecret;
    loginBaseUrl?: string;
    graphBaseUrl: string;
  };
  store: ConnectionStore;
  cipher: Cipher;
  fetch?: HttpFetch;
  /** Called after every round trip (benchmarks count them; logs time them). */
  onRequest?: (event: ProviderRequestEvent) => void;
  logger?: Log;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
}

/** Opens managers' Outlook calendars. Call open once per connection and invocation: it owns that token source. */
export class MicrosoftCalendarAccess implements CalendarAccess {
  /**
   * Graph request slots per mailbox, for as long as this access lives (a process: one invocation at a time in Lambda,
   * every concurrent request in `npm start`): Outlook counts per app and mailbox, whichever call or client asks.
   */
  readonly mailboxes = new ConcurrencyGate(GRAPH_MAILBOX_CONCURRENCY);
  /** Access tokens across invocations of this process, per connection and credential version. */
  readonly tokens = new TokenMemory();

  constructor(private readonly deps: MicrosoftCalendarAccessDeps) {}

  /** The connection's calendars, with their own token source (nothing shared across connections or invocations). */
  open(managerId: string, connection: CalendarConnection): GraphCalendar {
    const { microsoft, store, cipher, fetch, onRequest, logger, retry, sleep, random, clock } = this.deps;
    const tokens = new ManagerTokenSource(managerId, connection, {
      app: {
        clientId: microsoft.clientId,
        tenantId: microsoft.tenantId,
        clientSecret: microsoft.clientSecret,
        loginBaseUrl: microsoft.loginBaseUrl,
        fetch,
        clock,
        onLoginRequest: onRequest && ((event) => onRequest({ ...event, service: 'login' })),
      },
      store,
      cipher,
      logger,
      memory: this.tokens,
    });
    const graph = new GraphClient({
      baseUrl: microsoft.graphBaseUrl,
      tokens,
      fetch,
      retry,
      sleep,
      random,
      clock,
      log: logger,
      onRequest: onRequest && ((event) => onRequest({ ...event, service: 'graph' })),
      // The provider's own account id names the mailbox (two managers may connect the same one).
      slots: this.mailboxes.lane(connection.accountId || connection.account),
    });
    return new GraphCalendar(graph, { accountId: connection.accountId, address: connection.account }, logger);
  }
}
