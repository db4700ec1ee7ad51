import { describe, expect, it } from 'vitest';
import { authenticateVapiRequest } from '../../../functions/domain/vapi/auth';
import { BODY, CURRENT, NOW_MS, signedHeaders } from './hmac-signing';

describe('Function: authenticateVapiRequest (configured secrets that are not text)', () => {
  // A secret store can hand back bytes (e.g. a SecretBinary) where text is expected; such a value is no secret of ours.
  const notText = [Buffer.from(CURRENT), [CURRENT]] as unknown as string[];

  it.each<[string, Record<string, string>]>([
    ['the static secret header', { 'x-vapi-secret': CURRENT }],
    ['the static Bearer token', { authorization: `Bearer ${CURRENT}` }],
    ['a signature made with its bytes', signedHeaders(BODY)],
  ])('refuses %s when the only configured secret is not a string', (_label, headers) => {
    // Act
    const verdicts = notText.map((secret) =>
      authenticateVapiRequest({ headers, rawBody: BODY, secrets: [secret], nowMs: NOW_MS }),
    );
    // Assess
    expect(verdicts).toEqual([
      { ok: false, failure: 'wrong' },
      { ok: false, failure: 'wrong' },
    ]);
  });
});
