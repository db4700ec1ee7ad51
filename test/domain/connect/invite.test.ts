import { describe, expect, it } from 'vitest';
import {
  createInviteToken,
  expectedEmail,
  inviteUrl,
  MAX_INVITE_HOURS,
  verifyInviteToken,
} from '../../../functions/domain/connect/invite';
import { ExpiredError, UnauthorizedError, ValidationError } from '../../../functions/domain/errors';

const KEY = 'test-signing-key';
const NOW = Date.parse('2026-11-21T12:00:00Z');

describe('Function: verifyInviteToken', () => {
  it('returns the manager id of a token it signed, until it expires', () => {
    // Prepare
    const token = createInviteToken('mgr-1', KEY, NOW, 72);

    // Act
    const early = verifyInviteToken(token, KEY, NOW + 71 * 3_600_000);

    // Assess
    expect(early.managerId).toBe('mgr-1');
    expect(() => verifyInviteToken(token, KEY, NOW + 72 * 3_600_000)).toThrow(ExpiredError);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without a signature', 'eyJtIjoibWdyLTEifQ'],
    ['with an extra part', `${createInviteToken('mgr-1', KEY, NOW, 1)}.x`],
    ['signed with another key', createInviteToken('mgr-1', 'other-key', NOW, 1)],
    [
      'with a non-canonical signature encoding (spare bits flipped)',
      (() => {
        const token = createInviteToken('mgr-1', KEY, NOW, 1);
        const last = token.at(-1)!;
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        // 32 bytes leave 2 spare bits in the last of 43 characters: flip the lowest one.
        return token.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
      })(),
    ],
    [
      'with a swapped payload',
      (() => {
        const [, sig] = createInviteToken('mgr-1', KEY, NOW, 1).split('.');
        const [payload] = createInviteToken('mgr-2', KEY, NOW, 1).split('.');
        return `${payload}.${sig}`;
      })(),
    ],
  ])('rejects a token that is %s as not valid', (_case, token) => {
    // Act + Assess
    expect(() => verifyInviteToken(token, KEY, NOW)).toThrow(UnauthorizedError);
    // The manager is told what to do next.
    expect(() => verifyInviteToken(token, KEY, NOW)).toThrow(/ask the person who sent it for a new one/);
  });

  it('refuses to sign an unsafe manager id', () => {
    // Act + Assess
    expect(() => createInviteToken('mgr/../x', KEY, NOW, 1)).toThrow(ValidationError);
  });

  it('carries the expected account, trimmed and lowercase, when the invite names one', () => {
    // Prepare
    const token = createInviteToken('mgr-1', KEY, NOW, 24, { email: '  Pat@Contoso.Example ' });

    // Act
    const invite = verifyInviteToken(token, KEY, NOW);

    // Assess
    expect(invite).toMatchObject({ managerId: 'mgr-1', email: 'pat@contoso.example' });
    expect(verifyInviteToken(createInviteToken('mgr-1', KEY, NOW, 24), KEY, NOW)).not.toHaveProperty('email');
  });

  it.each(['pat', 'pat@contoso', 'pat @contoso.example', 'a@b@contoso.example'])(
    'refuses to sign an expected account that is not an email address (%s)',
    (email) => {
      // Act + Assess
      expect(() => createInviteToken('mgr-1', KEY, NOW, 24, { email })).toThrow(ValidationError);
      expect(() => expectedEmail(email)).toThrow('The expected account must be an email address.');
    },
  );

  it.each([0, -1, MAX_INVITE_HOURS + 1, Number.NaN])(
    'refuses a lifetime of %s hours (more than 0, at most 7 days)',
    (hours) => {
      // Act + Assess
      expect(() => createInviteToken('mgr-1', KEY, NOW, hours)).toThrow(ValidationError);
    },
  );

  it('carries the one provider a pinned invite offers', () => {
    // Act
    const pinned = verifyInviteToken(createInviteToken('mgr-1', KEY, NOW, 24, { provider: 'google' }), KEY, NOW);
    const open = verifyInviteToken(createInviteToken('mgr-1', KEY, NOW, 24), KEY, NOW);

    // Assess
    expect(pinned).toMatchObject({ managerId: 'mgr-1', provider: 'google' });
    expect(open).not.toHaveProperty('provider');
  });

  it.each(['Google', 'goo gle', '', 'x'.repeat(40)])(
    'refuses to pin a provider id that is not one (%j)',
    (provider) => {
      // Act + Assess
      expect(() => createInviteToken('mgr-1', KEY, NOW, 24, { provider })).toThrow(ValidationError);
    },
  );

  it('signs an invite of exactly 7 days', () => {
    // Act
    const invite = verifyInviteToken(createInviteToken('mgr-1', KEY, NOW, MAX_INVITE_HOURS), KEY, NOW);

    // Assess
    expect(invite.expiresAt).toBe(NOW / 1000 + 7 * 24 * 3600);
  });
});

describe('Function: inviteUrl', () => {
  it('points at the start route with the token as its only parameter', () => {
    // Act
    const url = new URL(inviteUrl('https://api.example.com/', 'a.b'));

    // Assess
    expect(url.pathname).toBe('/calendar/auth/start');
    expect([...url.searchParams.keys()]).toEqual(['invite']);
  });
});
