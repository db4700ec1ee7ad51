/** Invite links at their edges: the texts a manager or operator sees, the size and content limits, forged claims. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assertManagerId,
  createInviteToken,
  expectedEmail,
  inviteUrl,
  verifyInviteToken,
} from '../../../functions/domain/connect/invite';

const KEY = 'test-signing-key';
const NOW = Date.parse('2026-11-21T12:00:00Z');
const LATER = NOW / 1000 + 3600;
const INVALID = /^This connect link is not valid: it may be incomplete or changed\. Open the whole link/;

/** A token over `payload` (already base64url) signed the way invites are, as if someone held the key. */
const signedRaw = (payload: string) =>
  `${payload}.${createHmac('sha256', KEY).update(`invite.v1.${payload}`).digest('base64url')}`;
const signed = (claims: unknown) => signedRaw(Buffer.from(JSON.stringify(claims)).toString('base64url'));

/** A signed token whose payload is exactly `length` base64url characters (a multiple of 4), padded by a claim. */
function signedOfLength(length: number): string {
  const base = { m: 'mgr-1', exp: LATER, x: '' };
  const bytes = (length / 4) * 3 - Buffer.byteLength(JSON.stringify(base));
  const payload = Buffer.from(JSON.stringify({ ...base, x: 'p'.repeat(bytes) })).toString('base64url');
  expect(payload).toHaveLength(length);
  return signedRaw(payload);
}

describe('Function: assertManagerId', () => {
  it('tells which characters a manager id may have, for the manager_id field', () => {
    // Act
    const act = () => assertManagerId('mgr/../x');

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: 'Manager ids are 1-128 characters of letters, digits and . _ @ + -',
        reason: 'manager_id',
      }),
    );
  });
});

describe('Function: expectedEmail', () => {
  it('accepts an address of 254 characters and refuses one of 255, saying it must be an email address', () => {
    // Prepare
    const longest = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    const tooLong = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`;

    // Act
    const kept = expectedEmail(longest.toUpperCase());

    // Assess
    expect(longest).toHaveLength(254);
    expect(kept).toBe(longest);
    expect(() => expectedEmail(tooLong)).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: 'The expected account must be an email address.',
        reason: 'email',
      }),
    );
  });
});

describe('Function: createInviteToken', () => {
  it('refuses a lifetime over 7 days, saying how long an invite may last, for the ttl field', () => {
    // Act
    const act = () => createInviteToken('mgr-1', KEY, NOW, 169);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: 'An invite lasts more than 0 and at most 168 hours (7 days).',
        reason: 'ttl',
      }),
    );
  });

  it('refuses a provider id that is not a short lowercase name, for the provider field', () => {
    // Act
    const act = () => createInviteToken('mgr-1', KEY, NOW, 24, { provider: 'Acme' });

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: 'A provider is a short lowercase name such as "acme".',
        reason: 'provider',
      }),
    );
  });

  it('issues an invite stamped with its issue time, and one that offers any provider when none is pinned', () => {
    // Act
    const invite = verifyInviteToken(createInviteToken('mgr-1', KEY, NOW + 999, 2), KEY, NOW);

    // Assess
    expect(invite).toEqual({
      managerId: 'mgr-1',
      issuedAt: NOW / 1000,
      expiresAt: NOW / 1000 + 7200,
      inviteId: expect.stringMatching(/^[\w-]{43}$/),
    });
  });
});

describe('Function: verifyInviteToken', () => {
  it('refuses a payload of one invite under the signature of another, both issued now', () => {
    // Prepare
    const [, signature] = createInviteToken('mgr-1', KEY, NOW, 1).split('.');
    const [payload] = createInviteToken('mgr-2', KEY, NOW, 1).split('.');

    // Act
    const act = () => verifyInviteToken(`${payload}.${signature}`, KEY, NOW);

    // Assess
    expect(act).toThrow(INVALID);
  });

  it('accepts a signed payload of 1024 characters and refuses a longer one', () => {
    // Prepare
    const longest = signedOfLength(1024);
    const tooLong = signedOfLength(1028);

    // Act
    const invite = verifyInviteToken(longest, KEY, NOW);

    // Assess
    expect(invite.managerId).toBe('mgr-1');
    expect(() => verifyInviteToken(tooLong, KEY, NOW)).toThrow(
      expect.objectContaining({ name: 'UnauthorizedError', message: expect.stringMatching(INVALID) }),
    );
  });

  it('refuses a signature of the wrong length as not valid', () => {
    // Prepare
    const [payload] = createInviteToken('mgr-1', KEY, NOW, 1).split('.');

    // Act
    const act = () => verifyInviteToken(`${payload}.AAAA`, KEY, NOW);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({ name: 'UnauthorizedError', message: expect.stringMatching(INVALID) }),
    );
  });

  it.each([
    ['is not JSON', () => signedRaw(Buffer.from('not json').toString('base64url'))],
    ['has no manager', () => signed({ exp: LATER })],
    ['has a number for a manager', () => signed({ m: 123, exp: LATER })],
    ['has an unsafe manager id', () => signed({ m: 'mgr/../x', exp: LATER })],
    ['has no expiry', () => signed({ m: 'mgr-1' })],
    ['has a text expiry', () => signed({ m: 'mgr-1', exp: String(LATER) })],
  ])('refuses a signed token whose payload %s as not valid', (_case, token) => {
    // Act
    const act = () => verifyInviteToken(token(), KEY, NOW);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({ name: 'UnauthorizedError', message: expect.stringMatching(INVALID) }),
    );
  });

  it('tells the manager an expired link has expired and to ask for a new one', () => {
    // Prepare
    const token = createInviteToken('mgr-1', KEY, NOW, 1);

    // Act
    const act = () => verifyInviteToken(token, KEY, NOW + 3_600_000);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({ name: 'ExpiredError', message: 'This connect link has expired. Ask for a new one.' }),
    );
  });

  it('counts a link without an issue time as issued at the epoch (older than anything connected)', () => {
    // Prepare
    const token = signed({ m: 'mgr-1', exp: LATER, n: 'nonce' });

    // Act
    const invite = verifyInviteToken(token, KEY, NOW);

    // Assess
    expect(invite).toMatchObject({ managerId: 'mgr-1', expiresAt: LATER, issuedAt: 0 });
  });
});

describe('Function: inviteUrl', () => {
  it('joins a base URL ending in several slashes to the start route with a single slash', () => {
    // Act
    const url = inviteUrl('https://api.example.com//', 'a.b');

    // Assess
    expect(url).toBe('https://api.example.com/calendar/auth/start?invite=a.b');
  });
});
