/** The connect flow through the real msal-node against the Microsoft emulator, with DynamoDB Local. */
import { ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteToken, inviteUrl, verifyInviteToken } from '../../functions/domain/connect/invite';
import type { LocalApp } from '../../local/app';
import { dynamoClientFor } from '../../local/dynamo-local';
import { beginConnect, connect, get, startApp, status } from './harness';

let app: LocalApp;
const tokenCalls = () => app.emulator!.requests.filter((r) => r.route === 'token').length;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('Flow: connect a calendar', () => {
  it('connects through Microsoft sign-in and reports the account in status', async () => {
    // Prepare
    const before = await status(app, 'manager-happy');

    // Act
    const { page } = await connect(app, 'manager-happy');

    // Assess
    expect(before).toMatchObject({ managerId: 'manager-happy', connected: false, needsReconnect: false });
    expect(page).toContain('Calendar connected');
    expect(page).toContain('pat@contoso.example');
    expect(await status(app, 'manager-happy')).toMatchObject({
      managerId: 'manager-happy',
      connected: true,
      provider: 'microsoft',
      account: 'pat@contoso.example',
      timeZone: 'America/New_York',
      needsReconnect: false,
      connectedAt: expect.any(String),
    });
  });

  it('sends the manager to Microsoft with PKCE S256, a 256-bit state and the calendar scopes, and sets a binding cookie', async () => {
    // Act
    const start = await get(app.inviteLink('manager-scopes'));

    // Assess
    const url = new URL(start.location);
    expect(start.status).toBe(302);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read', 'offline_access']),
    );
    expect(start.cookies[0]).toMatch(/^cal_connect_[\w-]{12}=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
  });

  it('stores no plaintext token: the connection item holds only a sealed blob', async () => {
    // Prepare
    await connect(app, 'manager-sealed');

    // Act
    const scan = await dynamoClientFor(app.env.DYNAMODB_ENDPOINT!).send(
      new ScanCommand({ TableName: app.env.CONNECTIONS_TABLE }),
    );
    const item = JSON.stringify(scan.Items!.find((i) => i.managerId?.S === 'manager-sealed'));

    // Assess
    expect(item).toMatch(/"tokenCache":\{"S":"v1\./);
    expect(item).not.toMatch(/RefreshToken|AccessToken|refresh_token|access_token|credential_type|secret/i);
  });

  it('lets the same account reconnect with its invite, but never another account (a leaked link cannot re-link)', async () => {
    // Prepare
    const link = app.inviteLink('manager-once');
    const signIn = async () => {
      const start = await get(link);
      return get(await app.emulator!.consent(start.location), { cookie: start.cookies[0]!.split(';')[0]! });
    };
    expect((await signIn()).status).toBe(200);
    const reconnect = await signIn();
    // Someone else's account used the invite first: rebind the mark to another account id.
    const token = new URL(link).searchParams.get('invite')!;
    const inviteId = verifyInviteToken(token, app.env.INVITE_SIGNING_KEY!, Date.now()).inviteId;
    await dynamoClientFor(app.env.DYNAMODB_ENDPOINT!).send(
      new UpdateItemCommand({
        TableName: app.env.OAUTH_STATE_TABLE,
        Key: { stateHash: { S: `invite#${inviteId}` } },
        ConditionExpression: 'attribute_exists(stateHash)',
        UpdateExpression: 'SET homeAccountId = :other',
        ExpressionAttributeValues: { ':other': { S: 'someone-else.tenant' } },
      }),
    );

    // Act
    const hijack = await signIn();

    // Assess
    expect(reconnect.status).toBe(200);
    expect(hijack.status).toBe(410);
    expect(hijack.body).toContain('different Microsoft account');
  });

  it('refuses an unused invite issued before the current connection when it signs in another account, but accepts a newer one', async () => {
    // Prepare: the manager is connected; then (simulated) another account connected with a newer invite 10 s ago
    const olderLink = inviteUrl(
      app.baseUrl,
      createInviteToken('manager-older', app.env.INVITE_SIGNING_KEY!, Date.now() - 60_000, 72),
    );
    await connect(app, 'manager-older');
    await dynamoClientFor(app.env.DYNAMODB_ENDPOINT!).send(
      new UpdateItemCommand({
        TableName: app.env.CONNECTIONS_TABLE,
        Key: { managerId: { S: 'manager-older' } },
        UpdateExpression: 'SET homeAccountId = :other, connectedAt = :at',
        ExpressionAttributeValues: {
          ':other': { S: 'other-oid.other-tid' },
          ':at': { S: new Date(Date.now() - 10_000).toISOString() },
        },
      }),
    );
    const signIn = async (link: string) => {
      const start = await get(link);
      return get(await app.emulator!.consent(start.location), { cookie: start.cookies[0]!.split(';')[0]! });
    };

    // Act
    const older = await signIn(olderLink);
    const newer = await signIn(app.inviteLink('manager-older'));

    // Assess
    expect(older.status).toBe(410);
    expect(older.body).toContain('older than the current calendar connection');
    expect(newer.status).toBe(200);
  });

  it('rejects a replayed callback without a second token exchange', async () => {
    // Prepare
    const { callbackUrl, cookie } = await connect(app, 'manager-replay');
    const calls = tokenCalls();

    // Act
    const replay = await get(callbackUrl, { cookie });

    // Assess
    expect(replay.status).toBe(410);
    expect(replay.body).toContain('expired or was already used');
    expect(tokenCalls()).toBe(calls);
  });

  it('rejects an expired state that is still in the table (TTL is not the expiry check)', async () => {
    // Prepare
    const { authorizeUrl, cookie } = await beginConnect(app, 'manager-expired');
    const callbackUrl = await app.emulator!.consent(authorizeUrl);
    const dynamo = dynamoClientFor(app.env.DYNAMODB_ENDPOINT!);
    const { Items } = await dynamo.send(new ScanCommand({ TableName: app.env.OAUTH_STATE_TABLE }));
    const pending = Items!.find((i) => i.managerId?.S === 'manager-expired')!;
    await dynamo.send(
      new UpdateItemCommand({
        TableName: app.env.OAUTH_STATE_TABLE,
        Key: { stateHash: pending.stateHash! },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );

    // Act
    const late = await get(callbackUrl, { cookie });

    // Assess
    expect(late.status).toBe(410);
    expect((await status(app, 'manager-expired')).connected).toBe(false);
  });

  it('rejects a callback from another browser (missing or wrong binding cookie) and burns the state', async () => {
    // Prepare
    const { authorizeUrl, cookie } = await beginConnect(app, 'manager-binding');
    const callbackUrl = await app.emulator!.consent(authorizeUrl);
    const calls = tokenCalls();

    // Act
    const noCookie = await get(callbackUrl);
    const rightCookieAfterwards = await get(callbackUrl, { cookie });

    // Assess
    expect(noCookie.status).toBe(400);
    expect(noCookie.body).toContain('same browser');
    expect(rightCookieAfterwards.status).toBe(410);
    expect(tokenCalls()).toBe(calls);
  });

  it('rejects a tampered state', async () => {
    // Prepare
    const { authorizeUrl, cookie } = await beginConnect(app, 'manager-tamper');
    const callbackUrl = new URL(await app.emulator!.consent(authorizeUrl));
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')!.slice(0, -2)}xx`);

    // Act
    const tampered = await get(callbackUrl.toString(), { cookie });

    // Assess
    expect(tampered.status).toBe(410);
  });

  it('shows a generic page when the manager cancels at Microsoft, without reflecting the provider text', async () => {
    // Prepare
    const { authorizeUrl, cookie } = await beginConnect(app, 'manager-cancel');
    const deniedUrl = new URL(await app.emulator!.consent(authorizeUrl, { deny: true }));
    deniedUrl.searchParams.set('error_description', '<script>alert(1)</script>');

    // Act
    const denied = await get(deniedUrl.toString(), { cookie });

    // Assess
    expect(denied.status).toBe(400);
    expect(denied.body).toContain('cancelled or refused');
    expect(denied.body).not.toContain('<script>');
    expect((await status(app, 'manager-cancel')).connected).toBe(false);
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
  ])('answers an invite that is %s with a 4xx HTML page and no redirect', async (_case, link, expected) => {
    // Act
    const res = await get(link());

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
