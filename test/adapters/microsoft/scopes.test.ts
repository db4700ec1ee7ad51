/** The scopes of a Microsoft connection: one spelling per scope, what is missing, what a code redemption granted. */
import { describe, expect, it } from 'vitest';
import { bareScope, grantedScopes, missingScopes } from '../../../functions/adapters/microsoft/scopes';

const WITH_RT = JSON.stringify({ RefreshToken: { 'rt-key': { secret: 'rt-secret-1' } } });
const WITHOUT_RT = JSON.stringify({ RefreshToken: {} });

describe('Function: bareScope', () => {
  it.each([
    ['https://graph.microsoft.com/Calendars.ReadWrite', 'calendars.readwrite'],
    [' Calendars.ReadWrite ', 'calendars.readwrite'],
    ['api://client-1/Booking.Write', 'booking.write'],
    ['offline_access', 'offline_access'],
  ])('reads %s as %s', (scope, bare) => {
    // Act / Assess
    expect(bareScope(scope)).toBe(bare);
  });
});

describe('Function: missingScopes', () => {
  it('names the needed scopes a grant lacks, in their canonical spelling, whatever the spelling granted', () => {
    // Act
    const missing = missingScopes(['https://graph.microsoft.com/calendars.readwrite', 'USER.READ']);
    // Assess
    expect(missing).toEqual(['MailboxSettings.Read', 'offline_access']);
  });
});

describe('Function: grantedScopes', () => {
  it('adds offline_access when a refresh token came back without it in the scope echo', () => {
    // Act / Assess
    expect(grantedScopes(['User.Read'], WITH_RT)).toEqual(['User.Read', 'offline_access']);
  });

  it('does not add offline_access twice when Entra echoed it, in any spelling', () => {
    // Act / Assess
    expect(grantedScopes(['User.Read', 'offline_access'], WITH_RT)).toEqual(['User.Read', 'offline_access']);
    expect(grantedScopes(['User.Read', 'OFFLINE_ACCESS'], WITH_RT)).toEqual(['User.Read', 'OFFLINE_ACCESS']);
  });

  it.each([
    ['no refresh token', WITHOUT_RT],
    ['an unreadable cache', 'not json'],
  ])('adds nothing with %s', (_name, cache) => {
    // Act / Assess
    expect(grantedScopes(['User.Read'], cache)).toEqual(['User.Read']);
  });

  it('drops blank entries of the scope echo', () => {
    // Act / Assess
    expect(grantedScopes(['', ' ', 'User.Read'], WITHOUT_RT)).toEqual(['User.Read']);
  });
});
