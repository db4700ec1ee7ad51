import { describe, expect, it } from 'vitest';
import { verifyVapiSecret } from '../../../functions/domain/vapi/auth';

const CURRENT = 's3cr3t-current-0123456789abcdef';
const PREVIOUS = 's3cr3t-previous-fedcba9876543210';

describe('verifyVapiSecret', () => {
  it.each<[string, Record<string, string | undefined>, boolean]>([
    ['X-Vapi-Secret with the current secret', { 'x-vapi-secret': CURRENT }, true],
    ['X-Vapi-Secret in mixed case', { 'X-Vapi-Secret': CURRENT }, true],
    ['Bearer with the current secret', { authorization: `Bearer ${CURRENT}` }, true],
    ['Bearer in other case and header spelling', { Authorization: `bearer ${CURRENT}` }, true],
    ['the previous secret (rotation)', { 'x-vapi-secret': PREVIOUS }, true],
    ['a wrong secret', { 'x-vapi-secret': 'wrong' }, false],
    ['a wrong Bearer token', { authorization: 'Bearer wrong' }, false],
    ['a secret of the same length but different', { 'x-vapi-secret': CURRENT.replace(/.$/, 'X') }, false],
    ['a longer secret that starts with the right one', { 'x-vapi-secret': `${CURRENT}x` }, false],
    ['a prefix of the secret', { 'x-vapi-secret': CURRENT.slice(0, 5) }, false],
    ['no auth headers', { 'content-type': 'application/json' }, false],
    ['an undefined header', { 'x-vapi-secret': undefined }, false],
    ['an empty X-Vapi-Secret', { 'x-vapi-secret': '' }, false],
    ['"Bearer" with an empty token', { authorization: 'Bearer ' }, false],
    ['"Bearer" alone', { authorization: 'Bearer' }, false],
    ['the raw secret in Authorization without the Bearer scheme', { authorization: CURRENT }, false],
    ['another scheme', { authorization: `Basic ${CURRENT}` }, false],
    ['the secret with its Bearer prefix in X-Vapi-Secret', { 'x-vapi-secret': `Bearer ${CURRENT}` }, false],
  ])('%s → %s', (_label, headers, expected) => {
    // Act
    const ok = verifyVapiSecret(headers, [CURRENT, PREVIOUS]);
    // Assess
    expect(ok).toBe(expected);
  });

  it('accepts a wrong X-Vapi-Secret together with a right Bearer token (either header may carry it)', () => {
    // Act
    const ok = verifyVapiSecret({ 'x-vapi-secret': 'wrong', authorization: `Bearer ${CURRENT}` }, [CURRENT]);
    // Assess
    expect(ok).toBe(true);
  });

  it('rejects everything when no secret is configured, or only empty ones', () => {
    // Act
    const results = [
      verifyVapiSecret({ 'x-vapi-secret': '' }, ['']),
      verifyVapiSecret({ authorization: 'Bearer ' }, []),
      verifyVapiSecret({ 'x-vapi-secret': CURRENT }, []),
    ];
    // Assess
    expect(results).toEqual([false, false, false]);
  });

  it('treats a non-string header value (e.g. an array) as absent instead of throwing', () => {
    // Prepare
    const headers = { 'x-vapi-secret': [CURRENT] } as unknown as Record<string, string>;
    // Act
    const ok = verifyVapiSecret(headers, [CURRENT]);
    // Assess
    expect(ok).toBe(false);
  });
});
