import { describe, expect, it } from 'vitest';
import { verifyVapiRequest } from '../../../functions/domain/vapi/auth';
import { BODY, CURRENT, NOW_MS, PREVIOUS, SECRETS, sign, signedHeaders, stampAt } from './hmac-signing';
import { loadVapiEventText } from './load-event';

type Headers = Record<string, string | undefined>;

function verify(headers: Headers, rawBody = BODY, secrets: readonly string[] = SECRETS): boolean {
  return verifyVapiRequest({ headers, rawBody, secrets, nowMs: NOW_MS });
}

describe('verifyVapiRequest: accepted', () => {
  it.each<[string, Headers]>([
    ['the static X-Vapi-Secret, without any signature', { 'x-vapi-secret': CURRENT }],
    [
      'the static Bearer token, with a garbage signature',
      { authorization: `Bearer ${CURRENT}`, 'x-signature': 'zz', 'x-timestamp': 'x' },
    ],
    ['HMAC, seconds timestamp, hex', signedHeaders(BODY)],
    ['HMAC, milliseconds timestamp, hex', signedHeaders(BODY, { unit: 'ms' })],
    ['HMAC, seconds timestamp, base64', signedHeaders(BODY, { encoding: 'base64' })],
    ['HMAC, milliseconds timestamp, base64', signedHeaders(BODY, { unit: 'ms', encoding: 'base64' })],
    ['HMAC, hex with sha256= prefix', signedHeaders(BODY, { prefix: 'sha256=' })],
    ['HMAC, base64 with sha256= prefix', signedHeaders(BODY, { encoding: 'base64', prefix: 'sha256=' })],
    ['HMAC with the previous secret (rotation)', signedHeaders(BODY, { secret: PREVIOUS })],
    ['HMAC with a wrong static secret alongside', { ...signedHeaders(BODY), 'x-vapi-secret': 'wrong' }],
    ['HMAC, 299 s old', signedHeaders(BODY, { offsetSeconds: -299 })],
    ['HMAC, 299 s in the future', signedHeaders(BODY, { offsetSeconds: 299 })],
    ['HMAC, 299 s old, milliseconds timestamp', signedHeaders(BODY, { offsetSeconds: -299, unit: 'ms' })],
    ['HMAC, exactly 300 s old (the window is inclusive)', signedHeaders(BODY, { offsetSeconds: -300, unit: 'ms' })],
  ])('%s', (_label, headers) => {
    // Act
    const ok = verify(headers);
    // Assess
    expect(ok).toBe(true);
  });

  it('accepts upper-case hex, header names in any case, and base64 without padding', () => {
    // Prepare
    const { 'x-timestamp': stamp, 'x-signature': hex } = signedHeaders(BODY);
    const base64 = sign(CURRENT, stamp ?? '', BODY, 'base64');
    // Act
    const results = [
      verify({ 'X-Timestamp': stamp, 'X-Signature': hex?.toUpperCase() }),
      verify({ 'x-timestamp': stamp, 'x-signature': base64.replace(/=$/, '') }),
    ];
    // Assess
    expect(results).toEqual([true, true]);
  });

  it('matches a known-answer vector computed with openssl over a fixture file', () => {
    // Prepare: printf '1750000000.' + file | openssl dgst -sha256 -hmac whsec-current-0123456789abcdef
    const rawBody = loadVapiEventText('tool-calls-several');
    const headers = {
      'x-timestamp': '1750000000',
      'x-signature': '13eddae07e58c9a506ceb01fee8777e5d7f5784078a8a9b1bcf6b6908ccf86b3',
    };
    // Act
    const results = [
      verify(headers, rawBody),
      verify({ ...headers, 'x-signature': 'E+3a4H5YyaUGzrAf7od35df1eEB4qKmxvPa2kIzPhrM=' }, rawBody),
    ];
    // Assess
    expect(results).toEqual([true, true]);
  });

  it('signs the body as UTF-8 text (non-ASCII bodies verify)', () => {
    // Prepare
    const body = '{"message":{"type":"tool-calls","name":"Zoë 日本 🎉"}}';
    // Act
    const ok = verify(signedHeaders(body), body);
    // Assess
    expect(ok).toBe(true);
  });
});

describe('verifyVapiRequest: rejected', () => {
  const valid = signedHeaders(BODY);
  const hex = valid['x-signature'] ?? '';

  it.each<[string, Headers, string?]>([
    ['a 1-byte body change', valid, BODY.replace('tool-calls', 'tool-callz')],
    ['one byte appended to the body', valid, `${BODY} `],
    ['an empty body', valid, ''],
    ['a wrong secret', signedHeaders(BODY, { secret: 'whsec-wrong' })],
    ['301 s old', signedHeaders(BODY, { offsetSeconds: -301 })],
    ['301 s in the future', signedHeaders(BODY, { offsetSeconds: 301 })],
    ['301 s old, milliseconds timestamp', signedHeaders(BODY, { offsetSeconds: -301, unit: 'ms' })],
    ['301 s in the future, milliseconds timestamp', signedHeaders(BODY, { offsetSeconds: 301, unit: 'ms' })],
    ['a signature but no timestamp', { 'x-signature': hex }],
    ['a timestamp but no signature', { 'x-timestamp': valid['x-timestamp'] }],
    ['an empty signature', { ...valid, 'x-signature': '' }],
    ['an empty timestamp', { ...valid, 'x-timestamp': '' }],
    ['a signature one hex digit short', { ...valid, 'x-signature': hex.slice(0, -1) }],
    ['a signature one byte short', { ...valid, 'x-signature': hex.slice(0, -2) }],
    ['a signature one byte long', { ...valid, 'x-signature': `${hex}00` }],
    ['a SHA-512-length signature', { ...valid, 'x-signature': hex.repeat(2) }],
    ['a non-hex signature of the right length', { ...valid, 'x-signature': `${hex.slice(0, -1)}g` }],
    ['the same signature under another prefix', { ...valid, 'x-signature': `sha512=${hex}` }],
    ['the signature with a v1= scheme (Stripe style)', { ...valid, 'x-signature': `v1=${hex}` }],
    [
      'a signature over the timestamp in another unit',
      { 'x-timestamp': stampAt(0, 'ms'), 'x-signature': sign(CURRENT, stampAt(0), BODY) },
    ],
  ])('%s', (_label, headers, rawBody = BODY) => {
    // Act
    let ok: boolean | undefined;
    const act = () => {
      ok = verify(headers, rawBody);
    };
    // Assess
    expect(act).not.toThrow();
    expect(ok).toBe(false);
  });

  it.each(['1750000000.5', '-1750000000', '1.75e9', '+1750000000', '0x684d1a00', 'now', '17500000000000000000'])(
    'a garbled timestamp %s (signed as sent)',
    (stamp) => {
      // Act
      const ok = verify({ 'x-timestamp': stamp, 'x-signature': sign(CURRENT, stamp, BODY) });
      // Assess
      expect(ok).toBe(false);
    },
  );

  it('rejects a signature made with an empty key when no usable secret is configured', () => {
    // Prepare
    const stamp = stampAt(0);
    const headers = { 'x-timestamp': stamp, 'x-signature': sign('', stamp, BODY) };
    // Act
    const results = [verify(headers, BODY, ['']), verify(headers, BODY, [])];
    // Assess
    expect(results).toEqual([false, false]);
  });

  it('rejects everything when the tolerance is NaN or negative (fails closed)', () => {
    // Act
    const results = [Number.NaN, -1].map((toleranceSeconds) =>
      verifyVapiRequest({
        headers: signedHeaders(BODY),
        rawBody: BODY,
        secrets: SECRETS,
        nowMs: NOW_MS,
        toleranceSeconds,
      }),
    );
    // Assess
    expect(results).toEqual([false, false]);
  });

  it('honours a custom tolerance', () => {
    // Prepare
    const headers = signedHeaders(BODY, { offsetSeconds: -60 });
    // Act
    const results = [30, 60].map((toleranceSeconds) =>
      verifyVapiRequest({ headers, rawBody: BODY, secrets: SECRETS, nowMs: NOW_MS, toleranceSeconds }),
    );
    // Assess
    expect(results).toEqual([false, true]);
  });
});
