/**
 * manageCalendars over in-memory stores: the log of a refused or applied change, the words of refused hours, trimmed
 * fields, and a store failure that is not the manager's to see (it propagates, no "Nothing was changed").
 */
import { describe, expect, it } from 'vitest';
import { verifyInviteToken } from '../../functions/domain/connect/invite';
import { manageCalendars } from '../../functions/handlers/connect/manage-route';
import { openSession } from '../../functions/handlers/connect/invite-session';
import type { ConnectStartDeps } from '../../functions/runtime/compose-connect';
import { fakeConnection, managerRecord } from '../fakes/manager';
import { MemoryConnectionStore, MemorySettingsStore } from '../fakes/stores';
import { captureOutput } from '../integration/log-capture';
import { BASE_URL, connectEvent, INVITE_SIGNING_KEY, inviteFor } from './connect-support';

const NOW = Date.parse('2026-12-01T10:00:00Z');

async function setUp(managerId: string) {
  const connections = new MemoryConnectionStore();
  await connections.save(managerRecord(managerId, [fakeConnection('fake-1', [{ id: 'c1', role: 'book' }])]), undefined);
  const settings = new MemorySettingsStore();
  const deps = {
    inviteSigningKey: INVITE_SIGNING_KEY,
    secureCookies: true,
    publicBaseUrl: BASE_URL,
    clock: () => NOW,
    connections,
    settings,
  } as unknown as ConnectStartDeps;
  const invite = inviteFor(managerId, { now: NOW });
  const { inviteId } = verifyInviteToken(invite, INVITE_SIGNING_KEY, NOW);
  const session = openSession(connectEvent('manage-post', { cookies: [] }), inviteId, deps);
  const post = (fields: Record<string, string>, csrf = session.csrf) =>
    manageCalendars(
      connectEvent('manage-post', { fields: { invite, csrf, ...fields }, cookies: [session.cookie.split(';')[0]!] }),
      deps,
    );
  return { deps, settings, post };
}

describe('Function: manageCalendars', () => {
  it('logs a form refused for its CSRF token with the manager and the reason, and answers 403', async () => {
    // Prepare
    const { post } = await setUp('mgr-csrf');
    const logs = captureOutput();

    // Act
    const res = await post({ action: 'disconnect', connection: 'fake-1' }, 'not-the-token').finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(403);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: 'manage form refused', managerId: 'mgr-csrf', reason: 'csrf' }),
    );
  });

  it('logs a changed role with the connection it changed', async () => {
    // Prepare
    const { post } = await setUp('mgr-role');
    const logs = captureOutput();

    // Act
    const res = await post({ action: 'role', connection: 'fake-1', calendar: 'c1', role: 'book' }).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ message: 'manager changed calendars', action: 'role', connectionId: 'fake-1' }),
    );
  });

  it('saves hours and zone trimmed', async () => {
    // Prepare
    const { post, settings } = await setUp('mgr-trim');

    // Act
    const res = await post({ action: 'hours', workingHours: ' mon 09:00-12:00 ', timeZone: ' Europe/Dublin ' });

    // Assess
    expect(res.statusCode).toBe(303);
    expect(await settings.get('mgr-trim')).toEqual({ workingHours: 'mon 09:00-12:00', timeZone: 'Europe/Dublin' });
  });

  it('refuses unreadable hours and zone with every problem in one sentence, and saves nothing', async () => {
    // Prepare
    const { post, settings } = await setUp('mgr-bad');

    // Act
    const res = await post({ action: 'hours', workingHours: '9-5', timeZone: 'Mars/Base' });

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(
      /<p>Not saved: timeZone: must be an IANA [^<;]*; workingHours: must look like [^<]*\.<\/p>/,
    );
    expect(await settings.get('mgr-bad')).toBeUndefined();
  });

  it('lets a store failure through instead of answering that nothing was changed', async () => {
    // Prepare
    const { post, settings } = await setUp('mgr-fail');
    settings.merge = async () => {
      throw new Error('settings table unavailable');
    };

    // Act
    const res = post({ action: 'hours', workingHours: 'mon 09:00-12:00', timeZone: '' });

    // Assess
    await expect(res).rejects.toThrow('settings table unavailable');
  });
});
