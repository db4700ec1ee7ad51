/** msal's INetworkModule over httpFetch: timeouts bounded by the Deadline; the sandbox login host rewrite. */
import {
  ClientAuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { Clock, Deadline } from '../../domain/ports';
import { type LoginRequestEvent, rewriteLoginUrl } from './login-url';
import { failedOutcome } from '../shared/http-retry';
import { type HttpFetch, httpFetch } from '../shared/https-transport';

export { MICROSOFT_LOGIN, rewriteLoginUrl, type LoginRequestEvent } from './login-url';

export interface MsalNetworkOptions {
  fetch?: HttpFetch;
  /** Sandbox/tests: replaces https://login.microsoftonline.com (e.g. http://localhost:3000/_sandbox/login). */
  loginBaseUrl?: string;
  /** Cap for one request (ms); the deadline may shorten it. */
  timeoutMs?: number;
  clock?: Clock;
  onRequest?: (event: LoginRequestEvent) => void;
}

// Time kept back from the deadline so the caller can still answer after a token call.
const MARGIN_MS = 250;

/** msal network client: JSON bodies, explicit timeouts, no retries (we retry at one layer only: Graph). */
export class MsalNetworkClient implements INetworkModule {
  private deadline?: Deadline;
  /** HTTP status of the latest response: msal hides it, but it tells throttling/outage from a rejected grant. */
  lastStatus?: number;

  constructor(private readonly options: MsalNetworkOptions = {}) {}

  /** Bounds the following requests by `deadline` (set per msal call). */
  setDeadline(deadline: Deadline | undefined): void {
    this.deadline = deadline;
  }

  /** GET (msal passes its own timeout for discovery calls; the shorter one wins). */
  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  /** POST (the token endpoint). */
  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    rawUrl: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const clock = this.options.clock ?? Date.now;
    const url = rewriteLoginUrl(rawUrl, this.options.loginBaseUrl);
    const path = new URL(url).pathname;
    const left = this.deadline ? this.deadline.at - clock() - MARGIN_MS : Infinity;
    const timeoutMs = Math.min(this.options.timeoutMs ?? 5_000, timeout || Infinity, left);
    if (timeoutMs <= 0)
      throw new ClientAuthError('network_error', options?.correlationId ?? '', 'Deadline reached before the request');
    const started = clock();
    const report = (event: Pick<LoginRequestEvent, 'outcome' | 'status'>) =>
      this.options.onRequest?.({ method, path, durationMs: clock() - started, ...event });
    let status: number;
    let text: string;
    let headers: Record<string, string>;
    try {
      const response = await (this.options.fetch ?? httpFetch)(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
      status = response.status;
      headers = Object.fromEntries(response.headers.entries());
    } catch (error) {
      const { timedOut } = failedOutcome(error);
      report({ outcome: timedOut ? 'timeout' : 'network-error' });
      this.lastStatus = undefined;
      throw new ClientAuthError(
        'network_error',
        options?.correlationId ?? '',
        timedOut ? 'Request timeout' : 'Network request failed',
      );
    }
    report({ outcome: 'response', status });
    this.lastStatus = status;
    return { status, headers, body: parseJson(text, status, options?.correlationId) as T };
  }
}

function parseJson(text: string, status: number, correlationId = ''): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page: give msal an OAuth-shaped error so it fails as a server error, not a parse bug.
    if (status >= 400)
      return { error: status === 429 || status >= 500 ? 'temporarily_unavailable' : 'invalid_response' };
    throw new ClientAuthError('token_parsing_error', correlationId, 'Response body is not JSON');
  }
}
