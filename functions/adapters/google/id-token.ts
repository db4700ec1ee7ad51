/**
 * Verifies the id_token of a code redemption and reads the account from it: RS256 against Google's published keys,
 * issuer, audience, nonce and expiry. There is no unsigned branch: OIDC would allow trusting TLS alone here, but the
 * sandbox and a misconfigured base URL make "where the token came from" too weak a proof of who signed in.
 */
import { verify, type KeyObject } from 'node:crypto';
import type { Deadline } from '../../domain/ports';
import type { ProviderAccount } from '../../domain/types';
import { ProviderError, ValidationError } from '../../domain/errors';
import { isRecord } from '../shared/is-record';

/** Both spellings Google documents for its issuer. */
export const GOOGLE_ISSUERS: readonly string[] = ['https://accounts.google.com', 'accounts.google.com'];

// Clock skew allowed on exp between Google and the Lambda.
const SKEW_MS = 120_000;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export interface IdTokenExpectations {
  clientId: string;
  /** The nonce the authorize URL carried. */
  nonce: string;
  /** Epoch ms now. */
  now: number;
}

/** Where verification finds the public key of a kid. */
export interface SigningKeySource {
  key(kid: string, deadline: Deadline): Promise<KeyObject | undefined>;
}

/** The account an id_token names ({ accountId: sub, email, name? }), once its signature and claims check out. */
export async function verifyIdToken(
  token: string,
  expected: IdTokenExpectations,
  keys: SigningKeySource,
  deadline: Deadline,
): Promise<ProviderAccount> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) throw invalid('not a signed JWT');
  const [headerText, payloadText, signature] = parts as [string, string, string];
  const header = decode(headerText);
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') throw invalid('not RS256 with a kid');
  const key = await keys.key(header.kid, deadline);
  if (!key) throw invalid('signed with an unknown key');
  const signed = Buffer.from(`${headerText}.${payloadText}`);
  if (!verify('RSA-SHA256', signed, key, Buffer.from(signature, 'base64url'))) throw invalid('bad signature');
  const claims = decode(payloadText);
  checkClaims(claims, expected);
  const { sub, email, name } = claims as { sub: string; email: string; name?: unknown };
  return { accountId: sub, email, ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}) };
}

function checkClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  if (typeof claims.iss !== 'string' || !GOOGLE_ISSUERS.includes(claims.iss)) throw invalid('wrong issuer');
  const aud = claims.aud;
  // An audience list is only ours when we are also the authorized party.
  const ours = Array.isArray(aud)
    ? aud.includes(expected.clientId) && claims.azp === expected.clientId
    : aud === expected.clientId;
  if (!ours) throw invalid('issued for another client');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + SKEW_MS <= expected.now) throw invalid('expired');
  if (claims.nonce !== expected.nonce) {
    // Another sign-in's token (a replayed or crossed callback): the user starts again, as for a rejected code.
    throw new ValidationError('The Google sign-in could not be completed. Please start again.', 'invalid_grant');
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw invalid('no subject');
  if (typeof claims.email !== 'string' || !claims.email.trim()) throw invalid('no email (the email scope is asked)');
  // An address the account never proved it owns cannot stand for it (invites are bound to addresses).
  // Google always sends the claim with the email scope; a token without it proves nothing either.
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    throw new ValidationError(
      'This Google account has not verified its email address. Verify it with Google, then try again.',
      'email_unverified',
    );
  }
}

function decode(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (isRecord(value)) return value;
  } catch {
    // Reported below.
  }
  throw invalid('unreadable segment');
}

function invalid(what: string): ProviderError {
  return new ProviderError(`Google id_token rejected: ${what}`, 200, 'InvalidIdToken');
}
