/**
 * The provider adapters' HTTP: the subset of fetch they use, over node:http / node:https with one keep-alive agent per
 * protocol. Not undici's fetch: that costs ~0.1-0.25 ms more CPU per request and ~20-40 ms to load and compile on the
 * first request of a process (after every cold start), while node:https is loaded by the AWS SDK anyway.
 * Like fetch: gzip/deflate answers are decompressed, an aborted signal rejects with its reason (TimeoutError for
 * AbortSignal.timeout, AbortError for a plain abort) before the request, during it and while the body is read.
 * Unlike fetch, a 3xx is answered as it is: no provider call here expects one, and a bearer token follows no link.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** What the adapters send: fetch's init, narrowed to what they use. */
export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  /** A URLSearchParams is sent form-encoded (with fetch's Content-Type unless one is given). */
  body?: string | URLSearchParams;
  signal?: AbortSignal;
}

/** Response headers, looked up by any case (fetch's Headers fits). */
export interface HttpHeaders {
  get(name: string): string | null;
  entries(): Iterable<[string, string]>;
}

/** A whole answer (fetch's Response fits). */
export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: HttpHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** The adapters' injection seam: this module's httpFetch by default; tests pass fakes, fetch itself also fits. */
export type HttpFetch = (url: string | URL, init?: HttpInit) => Promise<HttpResponse>;

/** Largest body read, compressed or not (a decompression bomb fails the request instead of the process). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

// Idle sockets close after 4 s (undici's default), under the 5 s most servers keep them; a server's Keep-Alive
// timeout hint shortens that (node's Agent reads it).
const agentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 4_000 } as const;
const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

/** Sends one request and reads its whole body; rejects with the signal's reason on abort, else a network error. */
export function httpFetch(input: string | URL, init: HttpInit = {}): Promise<HttpResponse> {
  const url = typeof input === 'string' ? new URL(input) : input;
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  const method = init.method ?? 'GET';
  const headers = requestHeaders(init);
  const body = init.body === undefined ? undefined : String(init.body);
  // Never chunked: a length for a body (node:http itself sends fetch's "0" for an empty POST).
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<HttpResponse>((resolve, reject) => {
    const options = { method, headers, agent: https ? agents.https : agents.http };
    const req = (https ? httpsRequest : httpRequest)(url, options);
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // With the error, so node:http's diagnostics (http.client.request.error) see the request end.
      req.destroy(error instanceof Error ? error : undefined);
      reject(error);
    };
    const onAbort = () => fail(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.on('response', (res) => {
      res.on('error', fail);
      readBody(res, fail, (raw) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(responseOf(res, decode(raw, res.headers['content-encoding'])));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.end(body);
  });
}

/** Lower-case names (fetch's Headers merge case variants too), plus what fetch would add. */
function requestHeaders(init: HttpInit): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate' };
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  if (init.body instanceof URLSearchParams)
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
  return headers;
}

function readBody(res: IncomingMessage, fail: (error: unknown) => void, done: (raw: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) fail(new RangeError(`response body over ${MAX_BODY_BYTES} bytes`));
    else chunks.push(chunk);
  });
  res.on('end', () => done(Buffer.concat(chunks, size)));
  res.on('close', () => {
    if (!res.complete) fail(new Error('connection closed before the response body ended'));
  });
}

/** The body as sent before its Content-Encoding(s), applied last first; an unknown coding is left as it is. */
function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || raw.length === 0) return raw;
  const limit = { maxOutputLength: MAX_BODY_BYTES };
  let body = raw;
  for (const coding of encoding.toLowerCase().split(',').reverse()) {
    const name = coding.trim();
    if (name === 'gzip' || name === 'x-gzip') body = gunzipSync(body, limit);
    // "deflate" is meant zlib-wrapped, but some servers send it raw (undici tells them apart the same way).
    else if (name === 'deflate')
      body = (body[0]! & 0x0f) === 0x08 ? inflateSync(body, limit) : inflateRawSync(body, limit);
    else if (name === 'br') body = brotliDecompressSync(body, limit);
  }
  return body;
}

function responseOf(res: IncomingMessage, body: Buffer): HttpResponse {
  const status = res.statusCode ?? 0;
  const raw = res.headers;
  const value = (v: string | string[] | undefined) => (v === undefined ? null : Array.isArray(v) ? v.join(', ') : v);
  const text = () => {
    const decoded = body.toString('utf8');
    return Promise.resolve(decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded);
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => value(raw[name.toLowerCase()]),
      entries: () => Object.keys(raw).map((name) => [name, value(raw[name]) as string] as [string, string]),
    },
    text,
    json: () => text().then(JSON.parse),
  };
}

/** The signal's reason as fetch rejects with it (a DOMException AbortError when the abort gave none). */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
