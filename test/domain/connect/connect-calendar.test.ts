/** The connect flow's first leg: a pinned invite offers its one provider; what the pending sign-in stores. */
import { describe, expect, it } from 'vitest';
import { startConnect } from '../../../functions/domain/connect/connect-calendar';
import { createInviteToken } from '../../../functions/domain/connect/invite';
import { STATE_TTL_SECONDS } from '../../../functions/domain/connect/oauth-transaction';
import type { AuthorizationClient, ProviderPlugin, ProviderRegistry } from '../../../functions/domain/ports';
import { MemoryStateStore } from '../../fakes/stores';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-12-01T12:00:00.750Z');
const REDIRECT = 'https://api.example.com/calendar/auth/callback';

function plugin(id: string): ProviderPlugin {
  const authorization: AuthorizationClient = {
    buildAuthorizeUrl: async (input) => `https://login.${id}.example/authorize?state=${input.state}`,
    redeemCode: async () => {
      throw new Error('not used here');
    },
    missingScopes: () => [],
  };
  return { id, label: id, authorizeOrigin: `https://login.${id}.example`, readsWorkingHours: true, authorization };
}

function world() {
  const plugins = [plugin('fake'), plugin('acme')];
  const providers: ProviderRegistry = { get: (id) => plugins.find((p) => p.id === id), all: () => plugins };
  const states = new MemoryStateStore();
  const deps = { states, providers, clock: () => NOW, redirectUri: REDIRECT, inviteSigningKey: KEY };
  return { states, deps };
}

describe('Function: startConnect', () => {
  it('refuses another provider than the one a pinned invite offers, storing nothing', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24, { provider: 'acme' });

    // Act
    const act = startConnect({ invite, provider: 'fake' }, w.deps);

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Choose one of the calendar providers on the page.',
      reason: 'provider',
    });
    expect(w.states.states.size).toBe(0);
  });

  it('sends a pinned invite to the sign-in page of its provider', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24, { provider: 'acme' });

    // Act
    const started = await startConnect({ invite, provider: 'acme' }, w.deps);

    // Assess
    expect(started.authorizeUrl).toBe(`https://login.acme.example/authorize?state=${started.state}`);
    expect([...w.states.states.values()]).toEqual([expect.objectContaining({ managerId: 'pat', provider: 'acme' })]);
  });

  it('stores a plain connect as such, valid for the state lifetime from now', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24);

    // Act
    await startConnect({ invite, provider: 'fake' }, w.deps);

    // Assess
    expect([...w.states.states.values()]).toEqual([
      expect.objectContaining({
        managerId: 'pat',
        provider: 'fake',
        intent: 'connect',
        expiresAt: Math.floor(NOW / 1000) + STATE_TTL_SECONDS,
      }),
    ]);
  });
});
