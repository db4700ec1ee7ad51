import { describe, expect, it } from 'vitest';
import { authenticateVapiRequest } from '../../../functions/domain/vapi/auth';
import { BODY, CURRENT, NOW_MS, PREVIOUS, SECRETS, signedHeaders, stampAt } from './hmac-signing';

describe('Function: authenticateVapiRequest', () => {
  const auth = (headers: Record<string, string>, mode?: 'any' | 'hmac') =>
    authenticateVapiRequest({ headers, rawBody: BODY, secrets: SECRETS, nowMs: NOW_MS, mode });

  it('says a static secret authenticated, with nothing to check for replay', () => {
    // Act & Assess
    expect(auth({ 'x-vapi-secret': CURRENT })).toEqual({ ok: true, via: 'secret' });
  });

  it('returns a verified signature as its 32 bytes and the time it says it was sent (for the replay record)', () => {
    // Prepare
    const headers = signedHeaders(BODY, { secret: PREVIOUS, offsetSeconds: -30 });

    // Act
    const verdict = auth(headers);

    // Assess
    expect(verdict).toEqual({
      ok: true,
      via: 'signature',
      signature: Buffer.from(headers['x-signature']!, 'hex'),
      sentAtMs: Number(stampAt(-30)) * 1000,
    });
  });

  it.each<[string, Record<string, string>, string]>([
    ['the right secret header', { 'x-vapi-secret': CURRENT }, 'static'],
    ['the right bearer token', { authorization: `Bearer ${PREVIOUS}` }, 'static'],
    ['a signature by another key', signedHeaders(BODY, { secret: 'other' }), 'wrong'],
    ['a signature from ten minutes ago', signedHeaders(BODY, { offsetSeconds: -600 }), 'stale'],
    ['nothing', {}, 'missing'],
  ])('in hmac mode refuses %s (%s)', (_case, headers, failure) => {
    // Act & Assess
    expect(auth(headers, 'hmac')).toEqual({ ok: false, failure });
  });

  it('in hmac mode accepts a valid signature, even beside a static secret header', () => {
    // Prepare
    const headers = { ...signedHeaders(BODY), 'x-vapi-secret': CURRENT };

    // Act
    const verdict = auth(headers, 'hmac');

    // Assess
    expect(verdict).toMatchObject({ ok: true, via: 'signature' });
  });
});
