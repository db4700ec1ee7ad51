import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindingMatches,
  newOAuthTransaction,
  pkceChallenge,
  sha256,
} from '../../../functions/domain/connect/oauth-transaction';

describe('Function: pkceChallenge', () => {
  it('matches the RFC 7636 Appendix B known answer', () => {
    // Act
    const challenge = pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');

    // Assess
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('Function: newOAuthTransaction', () => {
  it('always yields an RFC 7636 verifier and a state of at least 128 bits (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.integer(), () => {
        // Act
        const tx = newOAuthTransaction();

        // Assess
        expect(tx.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
        expect(Buffer.from(tx.state, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
        expect(tx.codeChallenge).toBe(pkceChallenge(tx.codeVerifier));
      }),
      { numRuns: 1_000 },
    );
  });

  it('never repeats state, verifier or binding across transactions', () => {
    // Act
    const txs = Array.from({ length: 500 }, () => newOAuthTransaction());

    // Assess
    for (const key of ['state', 'codeVerifier', 'binding', 'nonce'] as const) {
      expect(new Set(txs.map((t) => t[key])).size).toBe(500);
    }
  });
});

describe('Function: bindingMatches', () => {
  it.each([
    ['the right cookie', 'cookie-value', true],
    ['another cookie', 'cookie-valuf', false],
    ['no cookie', undefined, false],
    ['an empty cookie', '', false],
  ])('accepts %s only when it hashes to the stored binding', (_case, cookie, expected) => {
    // Act
    const ok = bindingMatches(cookie, sha256('cookie-value'));

    // Assess
    expect(ok).toBe(expected);
  });

  it('refuses, without throwing, a stored binding hash that is not a SHA-256 (another length)', () => {
    // Act
    const ok = bindingMatches('cookie-value', sha256('cookie-value').slice(0, 20));

    // Assess
    expect(ok).toBe(false);
  });
});
