import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inviteUrl } from '../../functions/domain/connect/invite';
import { captureOutput } from '../integration/log-capture';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import {
  BASE_URL,
  connectEnv,
  cookiePairs,
  formOf,
  formsOfPage,
  inviteFor,
  invitePage,
  storeConnection,
  storedConnections,
  submitEvent,
} from './connect-support';
import { coldStart, type Invoke } from './invoke';

let dynamo: DynamoTables;
let authStart: Invoke;

beforeAll(async () => {
  dynamo = await useDynamoTables();
  ({ authStart } = await coldStart(['authStart'], connectEnv(dynamo)));
});
afterAll(() => vi.unstubAllEnvs());

/** A connected manager's page, opened in a fresh browser. */
async function managerPage(managerId: string) {
  const invite = inviteFor(managerId);
  const page = await authStart(invitePage(invite));
  return { invite, page, cookies: cookiePairs(page) };
}

const rolesOf = async (managerId: string) =>
  Object.fromEntries(
    (await storedConnections(dynamo, managerId))!.connections.flatMap((c) =>
      c.calendars.map((cal) => [cal.id, cal.role]),
    ),
  );

describe("Handler: authStart (the manager's own page)", () => {
  it('lists each connection (account, provider) and its calendars with their roles, a form per change', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-list');

    // Act
    const { invite, page } = await managerPage('own-list');

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Your calendars</title>');
    expect(page.body).toContain('<h2>pat@contoso.example · Microsoft 365</h2>');
    // Microsoft has no revocation: a disconnect ends nothing for anyone else.
    expect(page.body).not.toContain('for anyone else who connected it');
    expect(page.body).toContain('Holidays &lt;shared&gt;');
    const roleForms = formsOfPage(page).filter((f) => f.fields.action === 'role');
    expect(roleForms.map((f) => [f.fields.calendar, f.fields.role])).toEqual([
      ['cal-main', 'book'],
      ['cal-showings', 'busy'],
      ['cal-holidays', 'ignore'],
    ]);
    expect(roleForms[0]).toMatchObject({
      action: `${BASE_URL}/calendar/auth/manage`,
      fields: { invite, connection: 'microsoft-0123456789abcdef', csrf: expect.any(String) },
      buttons: [{ text: 'Save' }],
    });
    expect(page.body).toContain('aria-label="Role of Showings"');
    expect(formOf(page, 'Disconnect this account').fields).toMatchObject({ action: 'disconnect' });
    expect(formOf(page, 'Connect another account')).toMatchObject({
      action: `${BASE_URL}/calendar/auth/start`,
      fields: { intent: 'add', provider: 'microsoft' },
    });
    expect(page.body).not.toContain('Reconnect');
    expect(page.headers!['content-security-policy']).toContain("form-action 'self' https://login.microsoftonline.com;");
  });

  it('offers no "Connect another account" to a link older than the connections, and says why', async () => {
    // Prepare: connected a minute ago, with a link issued an hour ago
    await storeConnection(dynamo, 'own-old-link', { connectedAt: new Date(Date.now() - 60_000).toISOString() });
    const invite = inviteFor('own-old-link', { now: Date.now() - 3_600_000 });

    // Act
    const page = await authStart(invitePage(invite));

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('so it cannot connect another account (in case it was forwarded)');
    expect(formsOfPage(page).filter((f) => f.fields.intent === 'add')).toEqual([]);
    expect(formOf(page, 'Disconnect this account').fields).toMatchObject({ action: 'disconnect' });
  });

  it('offers "Reconnect" for a connection that needs it', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-reconnect', { needsReconnect: true });

    // Act
    const { page } = await managerPage('own-reconnect');

    // Assess
    expect(page.body).toContain('This account needs to be reconnected');
    expect(formOf(page, 'Reconnect')).toMatchObject({
      action: `${BASE_URL}/calendar/auth/start`,
      fields: { intent: 'connect', provider: 'microsoft' },
    });
  });

  it('sets a calendar to ignore and answers 303 back to the page, which says so (post/redirect/get)', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-role');
    const { invite, page, cookies } = await managerPage('own-role');
    const form = formOf(page, 'Save', { calendar: 'cal-showings' });
    const logs = captureOutput();

    // Act
    const res = await authStart(submitEvent(form, 'Save', cookies, { role: 'ignore' })).finally(logs.stop);
    const back = await authStart(invitePage(invite, cookies));

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.headers!.location).toBe(`${inviteUrl(BASE_URL, invite)}&done=saved`);
    expect(await rolesOf('own-role')).toEqual({
      'cal-main': 'book',
      'cal-showings': 'ignore',
      'cal-holidays': 'ignore',
    });
    expect(formOf(back, 'Save', { calendar: 'cal-showings' }).fields.role).toBe('ignore');
    const saved = await authStart({ ...invitePage(invite, cookies), queryStringParameters: { invite, done: 'saved' } });
    expect(saved.body).toContain('Your change was saved.');
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ message: 'manager changed calendars', managerId: 'own-role', action: 'role' }),
    );
  });

  it('moves the book role: the chosen calendar takes bookings, the previous one counts as busy', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-book');
    const { page, cookies } = await managerPage('own-book');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Save', { calendar: 'cal-showings' }), 'Save', cookies, { role: 'book' }),
    );

    // Assess
    expect(res.statusCode).toBe(303);
    expect(await rolesOf('own-book')).toEqual({ 'cal-main': 'busy', 'cal-showings': 'book', 'cal-holidays': 'ignore' });
  });

  it.each([
    ['the book calendar to ignore', 'cal-main', 'ignore', 'give another calendar the book role first'],
    ['a read-only calendar to book', 'cal-holidays', 'book', 'That calendar is read-only'],
  ])('refuses to set %s: 400 "Nothing was changed", with the way back', async (_case, calendar, role, reason) => {
    // Prepare
    await storeConnection(dynamo, `own-no-${role}`);
    const { invite, page, cookies } = await managerPage(`own-no-${role}`);
    const before = await rolesOf(`own-no-${role}`);

    // Act
    const res = await authStart(submitEvent(formOf(page, 'Save', { calendar }), 'Save', cookies, { role }));

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Nothing was changed</title>');
    expect(res.body).toContain(reason);
    expect(res.body).toContain(`<a href="${inviteUrl(BASE_URL, invite)}">Back to your calendars</a>`);
    expect(await rolesOf(`own-no-${role}`)).toEqual(before);
  });

  it('shows a shared calendar as ignored, with no role form; a posted role for it is refused with why', async () => {
    // Prepare
    const calendars = [
      { id: 'cal-main', name: 'Calendar', role: 'book' as const, canEdit: true },
      { id: 'cal-team', name: 'Team', role: 'ignore' as const, canEdit: true, shared: true },
    ];
    await storeConnection(dynamo, 'own-shared', { calendars });
    const { page, cookies } = await managerPage('own-shared');
    const forged = formOf(page, 'Save', { calendar: 'cal-main' });

    // Act
    const res = await authStart(submitEvent(forged, 'Save', cookies, { calendar: 'cal-team', role: 'busy' }));

    // Assess
    expect(page.body).toContain(
      '<td>Team</td><td>Ignored <span class="note">(Shared with this account: the assistant cannot see it)</span></td>',
    );
    expect(formsOfPage(page).filter((f) => f.fields.calendar === 'cal-team')).toEqual([]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Nothing was changed</title>');
    expect(res.body).toContain('The assistant has no access to shared calendars, so it can only be ignored');
    expect(await rolesOf('own-shared')).toEqual({ 'cal-main': 'book', 'cal-team': 'ignore' });
  });

  it('answers 404 "Nothing was changed" for a calendar that is not connected', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-gone');
    const { page, cookies } = await managerPage('own-gone');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Save', { calendar: 'cal-main' }), 'Save', cookies, { calendar: 'nope' }),
    );

    // Assess
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('That calendar or account is no longer connected.');
  });

  it('disconnects an account: its sealed credentials are deleted, and the page offers to connect again', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-bye');
    const { invite, page, cookies } = await managerPage('own-bye');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Disconnect this account'), 'Disconnect this account', cookies),
    );
    const after = await authStart(invitePage(invite, cookies));

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.headers!.location).toBe(`${inviteUrl(BASE_URL, invite)}&done=disconnected`);
    expect(await storedConnections(dynamo, 'own-bye')).toBeUndefined();
    expect(after.body).toContain('<title>Connect your calendar</title>');
  });

  it('disconnects one account of two: the other keeps its calendars, and takes the bookings', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-two');
    await storeConnection(dynamo, 'own-two', {
      connectionId: 'microsoft-fedcba9876543210',
      accountId: 'oid-2.tid-1',
      account: 'team@contoso.example',
      calendars: [{ id: 'team-main', name: 'Team', role: 'busy', canEdit: true }],
      connectedAt: '2026-11-30T11:00:00.000Z',
    });
    const { page, cookies } = await managerPage('own-two');
    const first = formOf(page, 'Disconnect this account', { connection: 'microsoft-0123456789abcdef' });

    // Act
    const res = await authStart(submitEvent(first, 'Disconnect this account', cookies));

    // Assess
    expect(res.statusCode).toBe(303);
    expect(page.body).toContain('<h2>team@contoso.example · Microsoft 365</h2>');
    expect(await rolesOf('own-two')).toEqual({ 'team-main': 'book' });
  });

  it.each([
    ['without a CSRF token', 'own-csrf-1', { csrf: undefined }, (c: string[]) => c],
    ['without the invite cookie', 'own-csrf-2', {}, () => []],
  ])('refuses a change %s with 403 and changes nothing', async (_case, managerId, changes, cookiesOf) => {
    // Prepare
    await storeConnection(dynamo, managerId);
    const { page, cookies } = await managerPage(managerId);

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Disconnect this account'), 'Disconnect this account', cookiesOf(cookies), changes),
    );

    // Assess
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Open the connect link from your message again');
    expect((await storedConnections(dynamo, managerId))!.connections).toHaveLength(1);
  });

  it("refuses a change carrying another manager's invite with this page's token (403)", async () => {
    // Prepare: the attacker swaps in their own invite, keeping the victim's token
    await storeConnection(dynamo, 'own-victim');
    const { page, cookies } = await managerPage('own-victim');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Disconnect this account'), 'Disconnect this account', cookies, {
        invite: inviteFor('own-attacker'),
      }),
    );

    // Assess
    expect(res.statusCode).toBe(403);
    expect((await storedConnections(dynamo, 'own-victim'))!.connections).toHaveLength(1);
  });

  it('refuses an unknown action or role (400)', async () => {
    // Prepare
    await storeConnection(dynamo, 'own-bad');
    const { page, cookies } = await managerPage('own-bad');
    const form = formOf(page, 'Save', { calendar: 'cal-showings' });

    // Act
    const badRole = await authStart(submitEvent(form, 'Save', cookies, { role: 'owner' }));
    const badAction = await authStart(submitEvent(form, 'Save', cookies, { action: 'delete' }));

    // Assess
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body).toContain('(role)');
    expect(badAction.statusCode).toBe(400);
  });
});
