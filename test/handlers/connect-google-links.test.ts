/**
 * authStart with two providers (Microsoft and Google): a link pinned to one provider, the revocation note of a Google
 * connection, the notices the page knows, and what a Google sign-in keeps (the page cookie) and logs.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInviteToken } from '../../functions/domain/connect/invite';
import { captureOutput } from '../integration/log-capture';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import {
  connectEnv,
  cookiePairs,
  formOf,
  INVITE_SIGNING_KEY,
  inviteFor,
  invitePage,
  storeConnection,
  submitEvent,
} from './connect-support';
import { coldStart } from './invoke';

let dynamo: DynamoTables;

beforeAll(async () => {
  dynamo = await useDynamoTables();
});
afterEach(() => vi.unstubAllEnvs());

// Started in each test: the route's module-level values (its notice check) are loaded inside the test.
const start = async () =>
  (await coldStart(['authStart'], connectEnv(dynamo, { GOOGLE_CLIENT_ID: 'google-app' }))).authStart;

const GOOGLE_CONNECTION = { connectionId: 'google-0123456789abcdef', provider: 'google' };

describe('Handler: authStart (Microsoft and Google)', () => {
  it('offers only the provider a link is pinned to, and lets its forms go only to that sign-in', async () => {
    // Prepare
    const authStart = await start();
    const invite = createInviteToken('two-pinned', INVITE_SIGNING_KEY, Date.now(), 24, { provider: 'google' });

    // Act
    const page = await authStart(invitePage(invite));

    // Assess
    expect(page.statusCode).toBe(200);
    expect(formOf(page, 'Google Calendar').buttons).toEqual([
      { name: 'provider', value: 'google', text: 'Google Calendar' },
    ]);
    expect(page.headers!['content-security-policy']).toContain("form-action 'self' https://accounts.google.com;");
  });

  it("warns under a Google connection that a disconnect ends the account's access for everyone", async () => {
    // Prepare
    const authStart = await start();
    await storeConnection(dynamo, 'two-revokes', GOOGLE_CONNECTION);

    // Act
    const page = await authStart(invitePage(inviteFor('two-revokes')));

    // Assess
    expect(page.body).toContain('<h2>pat@contoso.example · Google Calendar</h2>');
    expect(page.body).toContain(
      'Disconnect this account</button></form><p class="note">Disconnecting also ends this service&#39;s access',
    );
  });

  it('shows the notice of a known "done" word, and nothing for an unknown one', async () => {
    // Prepare
    const authStart = await start();
    await storeConnection(dynamo, 'two-notice');
    const invite = inviteFor('two-notice');
    const open = (done: string) => authStart({ ...invitePage(invite), queryStringParameters: { invite, done } });

    // Act
    const disconnected = await open('disconnected');
    const unknown = await open('toString');

    // Assess
    expect(disconnected.body).toContain('<p class="note">The account was disconnected.</p>');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('are never offered.</p>\n    <h2>pat@contoso.example');
  });

  it('keeps the page cookie for a Google sign-in (its result page links to the hours) and logs the start', async () => {
    // Prepare
    const authStart = await start();
    const page = await authStart(invitePage(inviteFor('two-google')));
    const logs = captureOutput();

    // Act
    const google = await authStart(
      submitEvent(formOf(page, 'Google Calendar'), 'Google Calendar', cookiePairs(page)),
    ).finally(logs.stop);
    const microsoft = await authStart(submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookiePairs(page)));

    // Assess
    expect(google.statusCode).toBe(303);
    expect(cookiePairs(google).map((c) => c.split('=')[0])).toEqual([
      expect.stringMatching(/^__Host-cal_connect_/),
      '__Host-cal_page',
    ]);
    expect(cookiePairs(microsoft).map((c) => c.split('=')[0])).toEqual([expect.stringMatching(/^__Host-cal_connect_/)]);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        message: 'connect started',
        managerId: 'two-google',
        provider: 'google',
        intent: 'connect',
      }),
    );
  });

  it('answers 400 in the words of the invite link when the page is opened without its invite', async () => {
    // Prepare
    const authStart = await start();

    // Act
    const res = await authStart(invitePage(undefined));

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('This page needs the connect link you were sent. Ask for a new invite link.');
  });
});
