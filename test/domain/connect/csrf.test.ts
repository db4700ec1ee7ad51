import { describe, expect, it } from 'vitest';
import {
  csrfMatches,
  csrfToken,
  isInviteCookieValue,
  newInviteCookieValue,
} from '../../../functions/domain/connect/csrf';

const KEY = 'k'.repeat(43);

describe('Function: newInviteCookieValue', () => {
  it('gives 256 random bits as 43 base64url characters, different each time', () => {
    // Act
    const values = new Set(Array.from({ length: 50 }, newInviteCookieValue));

    // Assess
    expect(values.size).toBe(50);
    for (const value of values) expect(isInviteCookieValue(value)).toBe(true);
  });
});

describe('Function: csrfMatches', () => {
  const cookie = newInviteCookieValue();

  it('accepts the token of the same cookie and invite', () => {
    // Prepare
    const token = csrfToken(KEY, cookie, 'invite-a');

    // Act
    const accepted = csrfMatches(token, KEY, cookie, 'invite-a');

    // Assess
    expect(accepted).toBe(true);
  });

  it.each([
    ['no token', () => undefined, cookie, 'invite-a'],
    ['no cookie', () => csrfToken(KEY, cookie, 'invite-a'), undefined, 'invite-a'],
    ['a malformed cookie', () => csrfToken(KEY, 'short', 'invite-a'), 'short', 'invite-a'],
    ['another browser (cookie)', () => csrfToken(KEY, newInviteCookieValue(), 'invite-a'), cookie, 'invite-a'],
    ['another invite', () => csrfToken(KEY, cookie, 'invite-b'), cookie, 'invite-a'],
    ['another key', () => csrfToken('other-key', cookie, 'invite-a'), cookie, 'invite-a'],
    ['a truncated token', () => csrfToken(KEY, cookie, 'invite-a').slice(0, 20), cookie, 'invite-a'],
    ['garbage', () => '!!not base64!!', cookie, 'invite-a'],
  ])('refuses %s', (_case, token, cookieValue, inviteId) => {
    // Act
    const accepted = csrfMatches(token(), KEY, cookieValue, inviteId);

    // Assess
    expect(accepted).toBe(false);
  });
});

describe('Function: isInviteCookieValue', () => {
  const value = newInviteCookieValue();

  it.each([
    ['one character too many', `${value}a`],
    ['a stray character before a valid value', `.${value}`],
    ['a stray character after a valid value', `${value}.`],
  ])('treats a cookie with %s as absent, even with a token made for it', (_case, cookieValue) => {
    // Prepare
    const token = csrfToken(KEY, cookieValue, 'invite-a');

    // Act
    const accepted = csrfMatches(token, KEY, cookieValue, 'invite-a');

    // Assess
    expect(isInviteCookieValue(cookieValue)).toBe(false);
    expect(accepted).toBe(false);
  });
});
