/** verifyIdToken: the token's shape, header, signature and each claim a Google sign-in must carry. */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyIdToken } from '../../../functions/adapters/google/id-token';
import { googleClaims, idTokenSigner } from './helpers';

const CLIENT = 'client-1.apps.googleusercontent.com';
const NOW = Date.UTC(2026, 2, 15, 12);
const signer = idTokenSigner('kid-1');
const publicKey = createPublicKey({ key: signer.jwk as JsonWebKey, format: 'jwk' });
const keys = { key: async (kid: string) => (kid === 'kid-1' ? publicKey : undefined) };
const deadline = { at: NOW + 10_000 };
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Verifies a token signed over `claims` (Google's defaults overridden) at `now`. */
const verifyClaims = (claims: Record<string, unknown>, now = NOW) =>
  verifyIdToken(signer.sign(googleClaims(NOW, claims)), { clientId: CLIENT, nonce: 'nonce-1', now }, keys, deadline);
const verifyToken = (token: string) =>
  verifyIdToken(token, { clientId: CLIENT, nonce: 'nonce-1', now: NOW }, keys, deadline);
const rejected = (what: string) => ({
  name: 'ProviderError',
  code: 'InvalidIdToken',
  message: `Google id_token rejected: ${what}`,
});

describe('Function: verifyIdToken', () => {
  describe('token shape and header', () => {
    it.each([
      ['a fourth segment', `${signer.sign(googleClaims(NOW))}.${b64url({})}`, 'not a signed JWT'],
      ['another algorithm', signer.sign(googleClaims(NOW), { alg: 'RS512', kid: 'kid-1' }), 'not RS256 with a kid'],
      ['no kid', signer.sign(googleClaims(NOW), { alg: 'RS256' }), 'not RS256 with a kid'],
      ['a header that is a list', `${b64url([])}.${b64url(googleClaims(NOW))}.c2ln`, 'unreadable segment'],
    ])('rejects a token with %s', async (_what, token, why) => {
      // Act
      const verifying = verifyToken(token);
      // Assess
      await expect(verifying).rejects.toMatchObject(rejected(why));
    });
  });

  describe('claims', () => {
    it('reads the account, the name trimmed, and accepts email_verified sent as the string "true"', async () => {
      // Act
      const named = await verifyClaims({ name: '  Pat Manager ', email_verified: 'true' });
      const blank = await verifyClaims({ name: '   ' });
      // Assess
      expect(named).toEqual({ accountId: '110169484474386276334', email: 'pat@example.com', name: 'Pat Manager' });
      expect(blank).toEqual({ accountId: '110169484474386276334', email: 'pat@example.com' });
    });

    it('takes an audience list only when it names us and we are the authorized party', async () => {
      // Prepare
      const other = 'other.apps.googleusercontent.com';
      // Act
      const ours = await verifyClaims({ aud: [other, CLIENT], azp: CLIENT });
      const theirs = verifyClaims({ aud: [other, CLIENT], azp: other });
      const notNamed = verifyClaims({ aud: [other], azp: CLIENT });
      // Assess
      expect(ours.accountId).toBe('110169484474386276334');
      await expect(theirs).rejects.toMatchObject(rejected('issued for another client'));
      await expect(notNamed).rejects.toMatchObject(rejected('issued for another client'));
    });

    it('allows two minutes of clock skew past exp, and no more', async () => {
      // Prepare
      const exp = Math.floor(NOW / 1000) - 60;
      // Act
      const withinSkew = await verifyClaims({ exp }, NOW);
      const atSkew = verifyClaims({ exp }, exp * 1000 + 120_000);
      // Assess
      expect(withinSkew.email).toBe('pat@example.com');
      await expect(atSkew).rejects.toMatchObject(rejected('expired'));
    });

    it.each([
      ['another issuer', { iss: 'https://accounts.google.com.evil.example' }, 'wrong issuer'],
      ['no exp', { exp: undefined }, 'expired'],
      ['a numeric subject', { sub: 1234 }, 'no subject'],
      ['an empty subject', { sub: '' }, 'no subject'],
      ['a blank email', { email: '  ' }, 'no email (the email scope is asked)'],
    ])('rejects a token with %s, saying why', async (_what, claims, why) => {
      // Act
      const verifying = verifyClaims(claims);
      // Assess
      await expect(verifying).rejects.toMatchObject(rejected(why));
    });

    it('asks the user to start again on a nonce of another sign-in, and to verify an unverified email', async () => {
      // Act
      const crossed = verifyClaims({ nonce: 'nonce-2' });
      const unverified = verifyClaims({ email_verified: 'false' });
      // Assess
      await expect(crossed).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'invalid_grant',
        message: 'The Google sign-in could not be completed. Please start again.',
      });
      await expect(unverified).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'email_unverified',
        message: 'This Google account has not verified its email address. Verify it with Google, then try again.',
      });
    });
  });
});
