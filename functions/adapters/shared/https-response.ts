/**
 * The answer side of the provider transport (https-transport.ts): a whole body read, decoded from its
 * Content-Encoding, and offered as fetch's Response subset. An answer that arrived but cannot be used (too large, a
 * coding we do not speak, a corrupt or over-layered compression) is an UnreadableAnswerError: final, since asking
 * again fetches the same bytes.
 */
import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

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

/** Largest body read, compressed or not (a decompression bomb fails the request instead of the process). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Codings one answer may stack. Each is undone synchronously (no abort can interrupt it), so a header listing
 * thousands of gzip layers must not be walked: undici caps the chain too (5). Providers send one.
 */
export const MAX_CODINGS = 2;

/** An answer that arrived but cannot be used; `code` says why. Final: a retry would read the same bytes. */
export class UnreadableAnswerError extends Error {
  override readonly name = 'UnreadableAnswerError';
  constructor(
    readonly code: 'BODY_TOO_LARGE' | 'BAD_ENCODING',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reads `res` to its end (at most MAX_BODY_BYTES); `fail` gets an over-long body or a connection lost mid-body. */
export function readBody(res: IncomingMessage, fail: (error: unknown) => void, done: (raw: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) fail(new UnreadableAnswerError('BODY_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`));
    else chunks.push(chunk);
  });
  res.on('end', () => done(Buffer.concat(chunks, size)));
  res.on('close', () => {
    if (!res.complete) fail(new Error('connection closed before the response body ended'));
  });
}

/** The body as sent before its Content-Encoding(s), undone last first; throws UnreadableAnswerError. */
export function decode(raw: Buffer, encoding: string | undefined): Buffer {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  if (!codings.length || raw.length === 0) return raw;
  if (codings.length > MAX_CODINGS)
    throw new UnreadableAnswerError('BAD_ENCODING', `${codings.length} content codings (at most ${MAX_CODINGS})`);
  const limit = { maxOutputLength: MAX_BODY_BYTES };
  let body = raw;
  try {
    for (const coding of codings.reverse()) body = undo(coding, body, limit);
  } catch (error) {
    if (error instanceof UnreadableAnswerError) throw error;
    // zlib's own errors (corrupt data, output over the limit) carry no body bytes; keep them as the cause.
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new UnreadableAnswerError('BODY_TOO_LARGE', `decompressed body over ${MAX_BODY_BYTES} bytes`, {
        cause: error,
      });
    throw new UnreadableAnswerError('BAD_ENCODING', 'the answer could not be decompressed', { cause: error });
  }
  return body;
}

function undo(coding: string, body: Buffer, limit: { maxOutputLength: number }): Buffer {
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(body, limit);
  // "deflate" is meant zlib-wrapped, but some servers send it raw (undici tells them apart the same way).
  if (coding === 'deflate') return (body[0]! & 0x0f) === 0x08 ? inflateSync(body, limit) : inflateRawSync(body, limit);
  if (coding === 'br') return brotliDecompressSync(body, limit);
  // Only gzip and deflate are asked for: bytes in any other coding would be handed on as if they were the body.
  throw new UnreadableAnswerError('BAD_ENCODING', `content coding "${coding.slice(0, 20)}" not understood`);
}

/** fetch's Response subset over a decoded body (a UTF-8 BOM is dropped from the text, as fetch does). */
export function responseOf(res: IncomingMessage, body: Buffer): HttpResponse {
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
      // Own keys only: the headers object is a plain one, and get('constructor') must be null, not a function.
      get: (name) => {
        const key = name.toLowerCase();
        return Object.hasOwn(raw, key) ? value(raw[key]) : null;
      },
      entries: () => Object.keys(raw).map((name) => [name, value(raw[name]) as string] as [string, string]),
    },
    text,
    json: () => text().then(JSON.parse),
  };
}
