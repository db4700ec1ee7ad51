import { describe, expect, it } from 'vitest';
import { authenticateVapiRequest, verifyVapiSecret } from '../../../functions/domain/vapi/auth';
import { BODY, CURRENT, NOW_MS, SECRETS, sign, signedHeaders, stampAt } from './hmac-signing';

type Headers = Record<string, string | undefined>;
const auth = (headers: Headers, extra: { rawBody?: unknown; nowMs?: number; mode?: 'any' | 'hmac' } = {}) =>
  authenticateVapiRequest({
    headers,
    rawBody: (extra.rawBody ?? BODY) as string,
    secrets: SECRETS,
    nowMs: extra.nowMs ?? NOW_MS,
    ...(extra.mode ? { mode: extra.mode } : {}),
  });
/** Signed by the right key but over another body: a signature that is well-formed, in window, and wrong. */
const wronglySigned = (offsetSeconds: number) => signedHeaders('another body', { offsetSeconds });

describe('Function: verifyVapiSecret (odd input)', () => {
  it.each<[string, unknown]>([
    ['null headers', null],
    ['undefined headers', undefined],
  ])('refuses %s instead of throwing', (_label, headers) => {
    // Act
    const ok = () => verifyVapiSecret(headers as Headers, SECRETS);
    // Assess
    expect(ok).not.toThrow();
    expect(ok()).toBe(false);
  });

  it.each<[string, unknown]>([
    ['absent', undefined],
    ['a bare string', CURRENT],
  ])('refuses every request when the configured secrets are %s (not a list)', (_label, secrets) => {
    // Prepare
    const headers = { 'x-vapi-secret': 'Stryker was here', authorization: `Bearer ${CURRENT}` };
    // Act
    const ok = () => verifyVapiSecret(headers, secrets as string[]);
    // Assess
    expect(ok).not.toThrow();
    expect(ok()).toBe(false);
  });

  it('accepts a secret header with spaces around the value', () => {
    // Act / Assess
    expect(verifyVapiSecret({ 'x-vapi-secret': `  ${CURRENT}\t` }, SECRETS)).toBe(true);
  });
});

describe('Function: authenticateVapiRequest (odd input)', () => {
  it.each<[string, unknown]>([
    ['null headers', null],
    ['undefined headers', undefined],
  ])('says %s are a missing credential instead of throwing', (_label, headers) => {
    // Act
    const verdict = authenticateVapiRequest({ headers: headers as Headers, rawBody: BODY, secrets: SECRETS, nowMs: 0 });
    // Assess
    expect(verdict).toEqual({ ok: false, failure: 'missing' });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an object', { message: {} }],
  ])('refuses a signature when the raw body is %s, even one signed over its text', (_label, rawBody) => {
    // Prepare: a signature over what the body would turn into as text
    const timestamp = stampAt(0);
    const headers = { 'x-timestamp': timestamp, 'x-signature': sign(CURRENT, timestamp, String(rawBody)) };
    // Act
    const verdict = authenticateVapiRequest({ headers, rawBody: rawBody as string, secrets: SECRETS, nowMs: NOW_MS });
    // Assess
    expect(verdict.ok).toBe(false);
  });

  it('accepts a timestamp header with spaces around the value', () => {
    // Prepare
    const headers = signedHeaders(BODY);
    const timestamp = headers['x-timestamp'] as string;
    // Act
    const verdict = auth({ ...headers, 'x-timestamp': ` ${timestamp} ` });
    // Assess
    expect(verdict).toMatchObject({ ok: true, via: 'signature', sentAtMs: Number(timestamp) * 1000 });
  });
});

describe('Function: authenticateVapiRequest (timestamp units)', () => {
  it('reads exactly 100000000000 as seconds (epoch ms only go above it)', () => {
    // Prepare: "now" in the year 5138, when epoch seconds reach 1e11
    const timestamp = '100000000000';
    const headers = { 'x-timestamp': timestamp, 'x-signature': sign(CURRENT, timestamp, BODY) };
    // Act
    const verdict = auth(headers, { nowMs: 1e14 });
    // Assess
    expect(verdict).toMatchObject({ ok: true, via: 'signature', sentAtMs: 1e14 });
  });

  it('reads 100000000001 as milliseconds', () => {
    // Prepare
    const timestamp = '100000000001';
    const headers = { 'x-timestamp': timestamp, 'x-signature': sign(CURRENT, timestamp, BODY) };
    // Act
    const verdict = auth(headers, { nowMs: 100_000_000_001 });
    // Assess
    expect(verdict).toMatchObject({ ok: true, via: 'signature', sentAtMs: 100_000_000_001 });
  });
});

describe('Function: authenticateVapiRequest (signature encodings)', () => {
  it('refuses a base64 signature with a stray space inside, though lenient decoding would read the right bytes', () => {
    // Prepare
    const headers = signedHeaders(BODY, { encoding: 'base64' });
    const signature = headers['x-signature'] as string;
    const spaced = `${signature.slice(0, 10)} ${signature.slice(10)}`;
    // Act
    const verdict = auth({ ...headers, 'x-signature': spaced });
    // Assess
    expect(verdict).toEqual({ ok: false, failure: 'wrong' });
  });

  it('refuses a base64url signature (- and _ instead of + and /)', () => {
    // Prepare: find a body whose signature uses + or /, so the url-safe spelling differs
    let body = BODY;
    for (let i = 0; !/[+/]/.test(signedHeaders(body, { encoding: 'base64' })['x-signature'] as string); i += 1) {
      body = `${BODY} ${i}`;
    }
    const headers = signedHeaders(body, { encoding: 'base64' });
    const urlSafe = (headers['x-signature'] as string).replace(/\+/g, '-').replace(/\//g, '_');
    // Act
    const verdict = auth({ ...headers, 'x-signature': urlSafe }, { rawBody: body });
    // Assess
    expect(verdict).toEqual({ ok: false, failure: 'wrong' });
  });
});

describe('Function: authenticateVapiRequest (why a request is refused)', () => {
  it('says stale for an old signature even beside a wrong static secret', () => {
    // Act
    const verdict = auth({ ...signedHeaders(BODY, { offsetSeconds: -600 }), 'x-vapi-secret': 'guess' });
    // Assess
    expect(verdict).toEqual({ ok: false, failure: 'stale' });
  });

  it('in hmac mode says wrong (not static) for a bad signature sent beside the static secret', () => {
    // Act
    const verdict = auth({ ...wronglySigned(0), 'x-vapi-secret': CURRENT }, { mode: 'hmac' });
    // Assess
    expect(verdict).toEqual({ ok: false, failure: 'wrong' });
  });

  it.each<[string, number, string]>([
    ['100 s old', -100, 'wrong'],
    ['exactly 300 s old (the window is inclusive)', -300, 'wrong'],
    ['exactly 300 s ahead', 300, 'wrong'],
    ['301 s old', -301, 'stale'],
  ])('says a wrong signature %s is %s', (_label, offsetSeconds, failure) => {
    // Act
    const verdict = auth(wronglySigned(offsetSeconds));
    // Assess
    expect(verdict).toEqual({ ok: false, failure });
  });
});
