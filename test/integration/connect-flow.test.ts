/** The connect flow through its pages, the real msal-node against the Microsoft emulator, and DynamoDB Local. */
import { DeleteItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteToken, inviteUrl, verifyInviteToken } from '../../functions/domain/connect/invite';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { versionsOf } from '../../functions/domain/ports';
import { documentClient } from '../../functions/runtime/factories';
import type { LocalApp } from '../../local/app';
import { dynamoClientFor } from '../../local/dynamo-local';
import { CookieBrowser, finishAtCallback, formWith, startAtProvider } from './connect-steps';
import { beginConnect, connect, get, startApp, status } from './harness';

let app: LocalApp;
const tokenCalls = () => app.emulator!.requests.filter((r) => r.route === 'token').length;
const dynamo = () => dynamoClientFor(app.env.DYNAMODB_ENDPOINT!);
const link = (managerId: string, email?: string) =>
  inviteUrl(
    app.baseUrl,
    createInviteToken(managerId, app.env.INVITE_SIGNING_KEY!, Date.now(), 24, email ? { email } : {}),
  );

/** Signs in with a started connect (the programmatic "Accept"), then follows the callback to the result page. */
async function signIn(browser: CookieBrowser, authorizeUrl: string) {
  return finishAtCallback(browser, await app.emulator!.consent(authorizeUrl));
}

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('Flow: connect a calendar', () => {
  it('opens "Connect your calendar" naming the manager, with a "Microsoft 365" button, and no redirect', async () => {
    // Act
    const page = await new CookieBrowser().get(app.inviteLink('manager-page'));

    // Assess
    expect(page.status).toBe(200);
    expect(page.location).toBe('');
    expect(page.body).toContain('<title>Connect your calendar</title>');
    expect(page.body).toContain('<strong>manager-page</strong>');
    const form = formWith(page.body, 'Microsoft 365');
    expect(form.action).toBe(`${app.baseUrl}/calendar/auth/start`);
    expect(form.buttons).toEqual([
      { name: 'provider', value: 'microsoft', text: 'Microsoft 365' },
      { name: 'provider', value: 'google', text: 'Google Calendar' },
    ]);
    expect(Object.keys(form.fields).sort()).toEqual(['csrf', 'intent', 'invite']);
    expect(page.cookies).toEqual([
      expect.stringMatching(/^cal_invite=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/),
    ]);
    // The sandbox's sign-in origin, as Microsoft's in production: the button's POST is redirected there.
    const signIn = new URL(app.env.MICROSOFT_LOGIN_BASE_URL!).origin;
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${signIn};`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('connects via Microsoft sign-in, lands on "Calendar connected" with the calendars; status says so', async () => {
    // Prepare
    const before = await status(app, 'manager-happy');

    // Act
    const { page } = await connect(app, 'manager-happy');

    // Assess
    expect(before).toMatchObject({ managerId: 'manager-happy', connected: false, needsReconnect: false });
    expect(page).toContain('<title>Calendar connected</title>');
    expect(page).toContain('pat@contoso.example');
    expect(page).toMatch(/<td>Calendar<\/td><td>Takes bookings<\/td>/);
    expect(await status(app, 'manager-happy')).toMatchObject({
      managerId: 'manager-happy',
      connected: true,
      provider: 'microsoft',
      account: 'pat@contoso.example',
      needsReconnect: false,
      connectedAt: expect.any(String),
    });
  });

  it('posts on to Microsoft with a 303: PKCE S256, 256-bit state, calendar scopes, a binding cookie', async () => {
    // Act
    const { started } = await startAtProvider(new CookieBrowser(), app.inviteLink('manager-scopes'));

    // Assess
    const url = new URL(started.location);
    expect(started.status).toBe(303);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['Calendars.ReadWrite', 'offline_access']),
    );
    expect(url.searchParams.has('login_hint')).toBe(false);
    expect(started.cookies).toEqual([
      expect.stringMatching(/^cal_connect_[\w-]{12}=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/),
    ]);
  });

  it('answers the callback with a 303 to the result page (no code or state), which a refresh shows again', async () => {
    // Prepare
    const browser = new CookieBrowser();
    const { authorizeUrl } = await startAtProvider(browser, app.inviteLink('manager-refresh'));

    // Act
    const { callback, result } = await signIn(browser, authorizeUrl);
    const refreshed = await browser.get(callback.location);

    // Assess
    expect(callback.status).toBe(303);
    expect(callback.location).toBe(`${app.baseUrl}/calendar/auth/result`);
    expect(callback.body).toBe('');
    expect(callback.cookies).toEqual([
      expect.stringMatching(/^cal_connect_[\w-]{12}=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/),
      expect.stringMatching(/^cal_result=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/),
    ]);
    expect(callback.cookies.join()).not.toContain('pat@contoso.example');
    expect(result.status).toBe(200);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toBe(result.body);
    expect(refreshed.body).not.toContain('already used');
  });

  it('sends the expected account as login_hint, and refuses another account without storing anything', async () => {
    // Prepare
    const browser = new CookieBrowser();
    const { authorizeUrl } = await startAtProvider(browser, link('manager-email', 'lee@contoso.example'));

    // Act
    const { callback, result } = await signIn(browser, authorizeUrl);

    // Assess
    expect(new URL(authorizeUrl).searchParams.get('login_hint')).toBe('lee@contoso.example');
    expect(callback.status).toBe(303);
    expect(callback.cookies[0]).toMatch(/^cal_connect_[\w-]{12}=; .*Max-Age=0$/);
    expect(result.status).toBe(400);
    expect(result.body).toContain('This link is for lee@contoso.example, but the sign-in was for another account.');
    expect(result.body).toContain('Nothing was connected.');
    expect((await status(app, 'manager-email')).connected).toBe(false);
  });

  it('connects the account an invite expects, whatever the case of its address', async () => {
    // Prepare
    const browser = new CookieBrowser();
    const { authorizeUrl } = await startAtProvider(browser, link('manager-email-ok', 'Pat@Contoso.Example'));

    // Act
    const { result } = await signIn(browser, authorizeUrl);

    // Assess
    expect(result.status).toBe(200);
    expect((await status(app, 'manager-email-ok')).connected).toBe(true);
  });

  it('asks to try again and allow calendar access if the grant lacks Calendars.ReadWrite; stores nothing', async () => {
    // Prepare: the manager unticks the calendar permission on the consent page
    const browser = new CookieBrowser();
    const { authorizeUrl } = await startAtProvider(browser, app.inviteLink('manager-no-calendar'));
    const callbackUrl = await app.emulator!.consent(authorizeUrl, { withhold: ['Calendars.ReadWrite'] });

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toContain('Please allow calendar access and try again.');
    expect((await status(app, 'manager-no-calendar')).connected).toBe(false);
  });

  it('stores no plaintext token: the connection item holds only a sealed blob', async () => {
    // Prepare
    await connect(app, 'manager-sealed');

    // Act
    const scan = await dynamo().send(new ScanCommand({ TableName: app.env.CONNECTIONS_TABLE }));
    const item = JSON.stringify(scan.Items!.find((i) => i.managerId?.S === 'manager-sealed'));

    // Assess
    expect(item).toMatch(/"credentials":\{"S":"v1\./);
    expect(item).not.toMatch(/RefreshToken|AccessToken|refresh_token|access_token|credential_type|secret/i);
  });

  it('binds an invite to the account it connected: never another one (a leaked link cannot re-link)', async () => {
    // Prepare
    const invite = app.inviteLink('manager-once');
    const once = async () => {
      const browser = new CookieBrowser();
      return (await signIn(browser, (await startAtProvider(browser, invite)).authorizeUrl)).result;
    };
    expect((await once()).status).toBe(200);
    // Someone else's account used the invite first: rebind its mark to another account.
    const inviteId = verifyInviteToken(
      new URL(invite).searchParams.get('invite')!,
      app.env.INVITE_SIGNING_KEY!,
      Date.now(),
    ).inviteId;
    await dynamo().send(
      new UpdateItemCommand({
        TableName: app.env.OAUTH_STATE_TABLE,
        Key: { stateHash: { S: `invite#${inviteId}` } },
        ConditionExpression: 'attribute_exists(stateHash)',
        UpdateExpression: 'SET accountKey = :other',
        ExpressionAttributeValues: { ':other': { S: 'microsoft-someone-else' } },
      }),
    );
    // …and that account's connection was since disconnected: the invite must not connect this one in its place.
    await dynamo().send(
      new DeleteItemCommand({ TableName: app.env.CONNECTIONS_TABLE, Key: { managerId: { S: 'manager-once' } } }),
    );

    // Act
    const hijack = await once();

    // Assess
    expect(hijack.status).toBe(410);
    expect(hijack.body).toContain('already used to connect a different account');
  });

  it('rejects a replayed callback without a second token exchange (the result says why)', async () => {
    // Prepare
    const { callbackUrl, browser } = await connect(app, 'manager-replay');
    const calls = tokenCalls();

    // Act
    const { callback, result } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(callback.status).toBe(303);
    expect(result.status).toBe(410);
    expect(result.body).toContain('expired or was already used');
    expect(tokenCalls()).toBe(calls);
  });

  it('rejects an expired state that is still in the table (TTL is not the expiry check)', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'manager-expired');
    const callbackUrl = await app.emulator!.consent(authorizeUrl);
    const { Items } = await dynamo().send(new ScanCommand({ TableName: app.env.OAUTH_STATE_TABLE }));
    const pending = Items!.find((i) => i.managerId?.S === 'manager-expired')!;
    await dynamo().send(
      new UpdateItemCommand({
        TableName: app.env.OAUTH_STATE_TABLE,
        Key: { stateHash: pending.stateHash! },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(result.status).toBe(410);
    expect((await status(app, 'manager-expired')).connected).toBe(false);
  });

  it('rejects a callback from another browser (no binding cookie), burns the state and clears the cookie', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'manager-binding');
    const callbackUrl = await app.emulator!.consent(authorizeUrl);
    const calls = tokenCalls();
    const other = new CookieBrowser();

    // Act
    const { callback, result: noCookie } = await finishAtCallback(other, callbackUrl);
    const { result: rightCookieAfterwards } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(callback.cookies[0]).toMatch(/^cal_connect_[\w-]{12}=; .*Max-Age=0$/);
    expect(noCookie.status).toBe(400);
    expect(noCookie.body).toContain('same browser');
    expect(rightCookieAfterwards.status).toBe(410);
    expect([...browser.jar.keys()].filter((name) => name.startsWith('cal_connect_'))).toEqual([]);
    expect(tokenCalls()).toBe(calls);
  });

  it('rejects a tampered state', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'manager-tamper');
    const callbackUrl = new URL(await app.emulator!.consent(authorizeUrl));
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')!.slice(0, -2)}xx`);

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl.toString());

    // Assess
    expect(result.status).toBe(410);
  });

  it('shows a generic page when the manager cancels at Microsoft, without reflecting the provider text', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'manager-cancel');
    const deniedUrl = new URL(await app.emulator!.consent(authorizeUrl, { deny: true }));
    deniedUrl.searchParams.set('error_description', '<script>alert(1)</script>');

    // Act
    const { result } = await finishAtCallback(browser, deniedUrl.toString());

    // Assess
    expect(result.status).toBe(400);
    expect(result.body).toContain('cancelled or refused');
    expect(result.body).not.toContain('<script>');
    expect((await status(app, 'manager-cancel')).connected).toBe(false);
  });

  it('refuses the connect form without the CSRF token of this browser and invite (403, nothing started)', async () => {
    // Prepare
    const browser = new CookieBrowser();
    const page = await browser.get(app.inviteLink('manager-csrf'));
    const form = formWith(page.body, 'Microsoft 365');
    const otherInvite = formWith((await browser.get(app.inviteLink('manager-csrf-2'))).body, 'Microsoft 365');

    // Act
    const missing = await browser.submit(form, 'Microsoft 365', { csrf: undefined });
    const replayed = await browser.submit(form, 'Microsoft 365', { csrf: otherInvite.fields.csrf });
    const noCookie = await new CookieBrowser().submit(form, 'Microsoft 365');

    // Assess
    for (const res of [missing, replayed, noCookie]) {
      expect(res.status).toBe(403);
      expect(res.location).toBe('');
      expect(res.body).toContain('Open the connect link from your message again');
    }
  });

  it.each([
    ['missing', () => `${app.baseUrl}/calendar/auth/start`, 400],
    ['a plain manager query parameter', () => `${app.baseUrl}/calendar/auth/start?manager=demo-manager`, 400],
    [
      'tampered',
      () => app.inviteLink('manager-x').replace(/invite=(.)/, (_m, c: string) => `invite=${c === 'e' ? 'f' : 'e'}`),
      401,
    ],
    [
      'signed with another key',
      () => inviteUrl(app.baseUrl, createInviteToken('manager-x', 'not-the-key', Date.now(), 72)),
      401,
    ],
    [
      'expired',
      () =>
        inviteUrl(
          app.baseUrl,
          createInviteToken('manager-x', app.env.INVITE_SIGNING_KEY!, Date.now() - 73 * 3_600_000, 72),
        ),
      410,
    ],
  ])('answers an invite that is %s with a 4xx HTML page and no redirect', async (_case, url, expected) => {
    // Act
    const res = await get(url());

    // Assess
    expect(res.status).toBe(expected);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.location).toBe('');
    expect(res.body).toContain('Calendar not connected');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
    ['the VAPI secret instead', () => ({ authorization: `Bearer ${app.env.VAPI_SECRET}` })],
  ])('refuses status with %s (401)', async (_case, headers) => {
    // Act
    const res = await get(
      `${app.baseUrl}/calendar/auth/status?manager=demo-manager`,
      typeof headers === 'function' ? headers() : headers,
    );

    // Assess
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'A valid admin bearer token is required.' });
  });
});

describe("Flow: the manager's own page", () => {
  it('lists the connection once connected, changes a role, disconnects, and offers to connect again', async () => {
    // Prepare
    const { browser } = await connect(app, 'manager-own');
    const invite = app.inviteLink('manager-own');
    const page = await browser.get(invite);

    // Act
    const disconnected = await browser.submit(
      formWith(page.body, 'Disconnect this account'),
      'Disconnect this account',
    );
    const after = await browser.get(disconnected.location);

    // Assess
    expect(page.body).toContain('<title>Your calendars</title>');
    expect(page.body).toContain('pat@contoso.example · Microsoft 365');
    expect(page.body).toContain('<option value="book" selected>Takes bookings</option>');
    expect(formWith(page.body, 'Connect another account').fields).toMatchObject({
      intent: 'add',
      provider: 'microsoft',
    });
    expect(disconnected.status).toBe(303);
    expect(disconnected.location).toBe(`${invite}&done=disconnected`);
    expect(after.body).toContain('<title>Connect your calendar</title>');
    expect((await status(app, 'manager-own')).connected).toBe(false);
  });

  it('connects the same account again with "Connect another account": one connection, never two', async () => {
    // Prepare
    const { browser } = await connect(app, 'manager-add');
    const page = await browser.get(app.inviteLink('manager-add'));

    // Act
    const started = await browser.submit(formWith(page.body, 'Connect another account'), 'Connect another account');
    const { result } = await signIn(browser, started.location);
    const after = await browser.get(app.inviteLink('manager-add'));

    // Assess
    expect(started.status).toBe(303);
    expect(result.status).toBe(200);
    expect(after.body.match(/<h2>pat@contoso\.example/g)).toHaveLength(1);
  });

  it('never lets a reconnect switch accounts; "Connect another account" adds one beside, book role kept', async () => {
    // Prepare: connected, then (simulated) that connection is another account's, and it needs a reconnect
    const { browser } = await connect(app, 'manager-switch');
    const store = new DynamoConnectionStore(documentClient(app.env), app.env.CONNECTIONS_TABLE!);
    const record = (await store.get('manager-switch'))!;
    const renamed = {
      ...record.connections[0]!,
      connectionId: 'microsoft-someone-else',
      accountId: 'someone-else',
      needsReconnect: true,
    };
    await store.save({ ...record, connections: [renamed] }, versionsOf(record));
    const page = await browser.get(app.inviteLink('manager-switch'));

    // Act
    const reconnect = await browser.submit(formWith(page.body, 'Reconnect'), 'Reconnect');
    const { result: refused } = await signIn(browser, reconnect.location);
    const add = await browser.submit(formWith(page.body, 'Connect another account'), 'Connect another account');
    const { result: added } = await signIn(browser, add.location);

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('use &quot;Connect another account&quot; on the page your link opens');
    expect(added.status).toBe(200);
    expect(added.body).toMatch(/<td>Calendar<\/td><td>Counts as busy<\/td>/);
    const after = (await store.get('manager-switch'))!.connections;
    expect(after.map((c) => [c.connectionId, c.calendars[0]!.role])).toEqual([
      ['microsoft-someone-else', 'book'],
      [expect.stringMatching(/^microsoft-[0-9a-f]{16}$/), 'busy'],
    ]);
  });
});
