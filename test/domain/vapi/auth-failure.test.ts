import { describe, expect, it } from 'vitest';
import { vapiAuthFailure } from '../../../functions/domain/vapi/auth';
import { BODY, CURRENT, NOW_MS, SECRETS, signedHeaders } from './hmac-signing';

describe('Function: vapiAuthFailure', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['the secret header', { 'x-vapi-secret': CURRENT }, undefined],
    ['a fresh signature', signedHeaders(BODY), undefined],
    ['nothing', {}, 'missing'],
    ['an empty secret header', { 'x-vapi-secret': '' }, 'missing'],
    ['a wrong secret', { 'x-vapi-secret': 'guess' }, 'wrong'],
    ['a wrong bearer', { authorization: 'Bearer guess' }, 'wrong'],
    ['a signature by another key', signedHeaders(BODY, { secret: 'other' }), 'wrong'],
    ['a garbled timestamp', { ...signedHeaders(BODY), 'x-timestamp': 'yesterday' }, 'wrong'],
    ['a signature from ten minutes ago', signedHeaders(BODY, { offsetSeconds: -600 }), 'stale'],
    ['a signature from ten minutes ahead', signedHeaders(BODY, { offsetSeconds: 600 }), 'stale'],
  ])('%s → %s', (_case, headers, expected) => {
    // Act & Assess
    expect(vapiAuthFailure({ headers, rawBody: BODY, secrets: SECRETS, nowMs: NOW_MS })).toBe(expected);
  });
});
