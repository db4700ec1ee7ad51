/**
 * showResult over in-memory stores: which connection the page shows, when it links to the hours form (a provider
 * without working hours, the kept invite of the same manager), and that every answer clears the kept invite.
 */
import { describe, expect, it } from 'vitest';
import { inviteUrl } from '../../functions/domain/connect/invite';
import { createResultToken } from '../../functions/domain/connect/result-token';
import { showResult } from '../../functions/handlers/connect/callback-routes';
import { clearPageCookie, pageCookie, resultCookie } from '../../functions/handlers/shared/cookies';
import type { ConnectFinishDeps } from '../../functions/runtime/compose-connect';
import { fakeConnection, managerRecord } from '../fakes/manager';
import { MemoryConnectionStore } from '../fakes/stores';
import { BASE_URL, connectEvent, INVITE_SIGNING_KEY, inviteFor } from './connect-support';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const PLUGINS: Record<string, { label: string; readsWorkingHours: boolean }> = {
  google: { label: 'Google Calendar', readsWorkingHours: false },
  microsoft: { label: 'Microsoft 365', readsWorkingHours: true },
};
const CLEARED = clearPageCookie(true);
const LINK_TEXT = 'Set your bookable hours';
const NO_LINK = '<p>To set them, open your connect link again.</p>';

async function setUp(managerId: string, provider: string) {
  const connections = new MemoryConnectionStore();
  const list = [
    fakeConnection('other-1', undefined, { provider, account: 'other@contoso.example' }),
    fakeConnection('mine-1', undefined, { provider, account: 'mine@contoso.example' }),
  ];
  await connections.save(managerRecord(managerId, list), undefined);
  const deps = {
    inviteSigningKey: INVITE_SIGNING_KEY,
    secureCookies: true,
    publicBaseUrl: BASE_URL,
    clock: () => NOW,
    connections,
    providers: { get: (id: string) => (PLUGINS[id] ? { id, ...PLUGINS[id] } : undefined) },
  } as unknown as ConnectFinishDeps;
  const outcome = { ok: true as const, managerId, connectionId: 'mine-1' };
  const pair = (cookie: string) => cookie.split(';')[0]!;
  const show = (opts: { kept?: string; outcome?: Parameters<typeof createResultToken>[0] | null } = {}) => {
    const result =
      opts.outcome === null
        ? []
        : [pair(resultCookie(createResultToken(opts.outcome ?? outcome, INVITE_SIGNING_KEY, NOW), true, 60))];
    const kept = opts.kept === undefined ? [] : [pair(pageCookie(opts.kept, true))];
    return showResult(connectEvent('auth-result-get', { cookies: [...result, ...kept] }), deps);
  };
  return { show };
}

describe('Function: showResult', () => {
  it("shows the outcome's connection; for a provider without hours, links to the invite's hours form", async () => {
    // Prepare
    const { show } = await setUp('res-link', 'google');
    const invite = inviteFor('res-link', { now: NOW });

    // Act
    const res = await show({ kept: invite });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your calendar mine@contoso.example is now connected.');
    expect(res.body).toContain('Google Calendar does not share your working hours');
    expect(res.body).toContain(
      `<p><a href="${inviteUrl(BASE_URL, invite).replaceAll('&', '&amp;')}#hours">${LINK_TEXT}`,
    );
    expect(res.cookies).toEqual([CLEARED]);
  });

  it.each([
    ['no kept invite', () => undefined],
    ["another manager's invite", () => inviteFor('someone-else', { now: NOW })],
    ['an invite that does not verify', () => 'not-an-invite'],
  ])('says to open the link again instead of linking, with %s', async (_case, kept) => {
    // Prepare
    const { show } = await setUp('res-nolink', 'google');

    // Act
    const res = await show({ kept: kept() });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(NO_LINK);
    expect(res.body).not.toContain(LINK_TEXT);
    expect(res.cookies).toEqual(kept() === undefined ? [] : [CLEARED]);
  });

  it.each([
    ['reads working hours', 'microsoft'],
    ['the deployment no longer offers', 'zoho'],
  ])('says nothing about hours for a provider that %s', async (_case, provider) => {
    // Prepare
    const { show } = await setUp('res-hours', provider);

    // Act
    const res = await show({ kept: inviteFor('res-hours', { now: NOW }) });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('working hours');
    expect(res.cookies).toEqual([CLEARED]);
  });

  it.each([
    ['no outcome', null, 410],
    ['a refused outcome', { ok: false as const, status: 403, message: 'Sign in as pat.' }, 403],
    ['a connection that is gone', { ok: true as const, managerId: 'res-gone', connectionId: 'gone-1' }, 410],
  ])('clears the kept invite also with %s', async (_case, outcome, status) => {
    // Prepare
    const { show } = await setUp('res-gone', 'google');

    // Act
    const res = await show({ kept: inviteFor('res-gone', { now: NOW }), outcome });

    // Assess
    expect(res.statusCode).toBe(status);
    expect(res.cookies).toEqual([CLEARED]);
  });
});
