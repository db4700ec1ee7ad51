import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { csrfToken } from '../../functions/domain/connect/csrf';
import { verifyInviteToken } from '../../functions/domain/connect/invite';
import { problemPage } from '../../functions/handlers/shared/pages';
import { captureOutput } from '../integration/log-capture';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import {
  BASE_URL,
  CLIENT_SECRET,
  connectEnv,
  connectEvent,
  cookiePairs,
  formOf,
  INVITE_SIGNING_KEY,
  inviteFor,
  invitePage,
  submitEvent,
} from './connect-support';
import { coldStart, failureLines, GENERIC_5XX, refusingEndpoint, STACK_TRACE, type Invoke } from './invoke';

const NO_INVITE = 'This page needs the connect link you were sent. Ask for a new invite link.';
const OPEN_AGAIN = 'Open the connect link from your message again, then try once more.';
const INVITE_COOKIE = /^__Host-cal_invite=([\w-]{43}); Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure$/;

let dynamo: DynamoTables;
let authStart: Invoke;

beforeAll(async () => {
  dynamo = await useDynamoTables();
});
afterEach(() => vi.unstubAllEnvs());

/** The pending authorizations stored for `managerId`. */
async function pendingFor(managerId: string) {
  const { Items } = await dynamo.client.send(new ScanCommand({ TableName: dynamo.tables.oauthState }));
  return (Items ?? []).filter((i) => i.managerId?.S === managerId);
}

/** Opens the invite page of `managerId` in a fresh browser: the page, its invite cookie, and the invite. */
async function openPage(managerId: string, opts: { email?: string } = {}) {
  const invite = inviteFor(managerId, opts);
  const page = await authStart(invitePage(invite));
  return { invite, page, cookies: cookiePairs(page) };
}

describe('Handler: authStart', () => {
  it('answers 500 with the generic problem page when DynamoDB does not answer, and logs why', async () => {
    // Prepare
    const logs = captureOutput();
    const { authStart } = await coldStart(
      ['authStart'],
      connectEnv(dynamo, { DYNAMODB_ENDPOINT: await refusingEndpoint() }),
    );
    const event = invitePage(inviteFor('pat'));

    // Act
    const res = await authStart(event).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    expect(res.headers).not.toHaveProperty('location');
    expect(res.cookies ?? []).toEqual([]);
    expect(res.body).toBe(problemPage(GENERIC_5XX));
    const lines = failureLines(logs.entries());
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', status: 500, reason: expect.stringMatching(/ECONNREFUSED/) }),
    ]);
    expect(res.body).not.toMatch(STACK_TRACE);
    for (const secret of [INVITE_SIGNING_KEY, CLIENT_SECRET, event.queryStringParameters!.invite!]) {
      expect(res.body).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });

  it('answers 500 with the generic problem page when the invite key is not configured, and logs which', async () => {
    // Prepare
    const logs = captureOutput();
    const { INVITE_SIGNING_KEY: _unset, ...env } = connectEnv(dynamo);
    const { authStart } = await coldStart(['authStart'], env);

    // Act
    const res = await authStart(invitePage(inviteFor('pat'))).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe(problemPage(GENERIC_5XX));
    expect(res.body).not.toContain('INVITE_SIGNING_KEY');
    const reason = expect.stringMatching(/^INVITE_SIGNING_KEY\b.*not set/);
    const line = expect.objectContaining({ status: 500, error: 'ConfigError', reason });
    expect(failureLines(logs.entries())).toEqual([line]);
  });

  it('needs no token key: the manager pages never seal, and open credentials only to revoke', async () => {
    // Prepare
    const { LOCAL_TOKEN_KEY: _unset, ...env } = connectEnv(dynamo);
    const { authStart } = await coldStart(['authStart'], env);

    // Act
    const res = await authStart(invitePage(inviteFor('pat-no-key')));

    // Assess
    expect(res.statusCode).toBe(200);
  });
});

describe('Handler: authStart (GET /calendar/auth/start, the invite page)', () => {
  beforeAll(async () => {
    ({ authStart } = await coldStart(['authStart'], connectEnv(dynamo)));
  });

  it('opens "Connect your calendar" naming the manager, one button per provider; sets the invite cookie', async () => {
    // Act
    const { invite, page } = await openPage('pat');

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.headers).not.toHaveProperty('location');
    expect(page.body).toContain('<title>Connect your calendar</title>');
    expect(page.body).toContain('<strong>pat</strong>');
    const [cookie] = page.cookies!;
    const value = INVITE_COOKIE.exec(cookie!)?.[1];
    expect(value).toBeDefined();
    const form = formOf(page, 'Microsoft 365');
    expect(form).toEqual({
      action: `${BASE_URL}/calendar/auth/start`,
      fields: {
        invite,
        csrf: csrfToken(INVITE_SIGNING_KEY, value!, verifyInviteToken(invite, INVITE_SIGNING_KEY, Date.now()).inviteId),
        intent: 'connect',
      },
      buttons: [{ name: 'provider', value: 'microsoft', text: 'Microsoft 365' }],
    });
    // The button's POST is answered with a 303 to Microsoft's sign-in: form-action must allow that origin too.
    expect(page.headers!['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; " +
        "form-action 'self' https://login.microsoftonline.com; frame-ancestors 'none'",
    );
    expect(page.body).not.toMatch(/<script/i);
  });

  it('names the account the invite expects', async () => {
    // Act
    const { page } = await openPage('pat', { email: 'Lee@Contoso.Example' });

    // Assess
    expect(page.body).toContain('Sign in as lee@contoso.example: this link connects only that account.');
  });

  it('keeps and renews the invite cookie a browser has (open tabs stay valid); replaces a malformed one', async () => {
    // Prepare
    const first = await openPage('pat');
    const invite = inviteFor('pat');

    // Act
    const again = await authStart(invitePage(invite, first.cookies));
    const malformed = await authStart(invitePage(invite, ['__Host-cal_invite=short']));

    // Assess
    expect(cookiePairs(again)).toEqual(first.cookies);
    expect(again.cookies![0]).toMatch(INVITE_COOKIE);
    expect(cookiePairs(malformed)[0]).not.toBe('__Host-cal_invite=short');
    expect(malformed.cookies![0]).toMatch(INVITE_COOKIE);
  });

  it('escapes what the page shows', async () => {
    // Act
    const { page } = await openPage('o+brien@x', { email: 'o&brien@contoso.example' });

    // Assess
    expect(page.body).toContain('<strong>o+brien@x</strong>');
    expect(page.body).toContain('Sign in as o&amp;brien@contoso.example');
  });

  it.each([
    ['missing', undefined, 400, NO_INVITE],
    [
      'expired',
      inviteFor('pat', { now: Date.now() - 25 * 3_600_000 }),
      410,
      'This connect link has expired. Ask for a new one.',
    ],
  ])(
    'answers an invite that is %s with a problem page, no cookie and no failure logged',
    async (_case, invite, status, text) => {
      // Prepare
      const logs = captureOutput();

      // Act
      const res = await authStart(invitePage(invite)).finally(logs.stop);

      // Assess
      expect(res.statusCode).toBe(status);
      expect(res.body).toBe(problemPage(text));
      expect(res.cookies ?? []).toEqual([]);
      expect(failureLines(logs.entries())).toEqual([]);
    },
  );

  it('answers 404 for a route it does not serve', async () => {
    // Act
    const res = await authStart(connectEvent('auth-result-get'));

    // Assess
    expect(res.statusCode).toBe(404);
  });
});

describe('Handler: authStart (POST /calendar/auth/start, on to the provider)', () => {
  beforeAll(async () => {
    ({ authStart } = await coldStart(['authStart'], connectEnv(dynamo)));
  });

  it("answers 303 to the provider's sign-in with a __Host- binding cookie; stores the pending auth", async () => {
    // Prepare
    const { page, cookies } = await openPage('pat-go', { email: 'pat@contoso.example' });

    // Act
    const res = await authStart(submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookies));

    // Assess
    expect(res.statusCode).toBe(303);
    const url = new URL(String(res.headers!.location));
    expect(url.origin).toBe('https://login.microsoftonline.com');
    expect(url.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/calendar/auth/callback`);
    expect(url.searchParams.get('login_hint')).toBe('pat@contoso.example');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(res.cookies).toEqual([
      expect.stringMatching(
        /^__Host-cal_connect_[\w-]{12}=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/,
      ),
    ]);
    const pending = await pendingFor('pat-go');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      provider: { S: 'microsoft' },
      intent: { S: 'connect' },
      expectedEmail: { S: 'pat@contoso.example' },
    });
  });

  it('stores intent "add" for "Connect another account"', async () => {
    // Prepare
    const { page, cookies } = await openPage('pat-add');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookies, { intent: 'add' }),
    );

    // Assess
    expect(res.statusCode).toBe(303);
    expect((await pendingFor('pat-add'))[0]).toMatchObject({ intent: { S: 'add' } });
  });

  it.each([
    ['without a CSRF token', { csrf: undefined }, (c: string[]) => c],
    ['with a wrong CSRF token', { csrf: 'A'.repeat(43) }, (c: string[]) => c],
    ['without the invite cookie', {}, () => []],
    ["with another browser's invite cookie", {}, () => [`__Host-cal_invite=${'B'.repeat(43)}`]],
    ['with the unprefixed cookie (planted over http)', {}, (c: string[]) => c.map((p) => p.replace('__Host-', ''))],
  ])('refuses a form %s with 403, telling the manager to open their link again', async (_case, changes, cookiesOf) => {
    // Prepare
    const { page, cookies } = await openPage('pat-csrf');
    const logs = captureOutput();

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookiesOf(cookies), changes),
    ).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(403);
    expect(res.headers).not.toHaveProperty('location');
    expect(res.body).toContain('<title>Open your link again</title>');
    expect(res.body).toContain(OPEN_AGAIN);
    expect(res.cookies ?? []).toEqual([]);
    expect(await pendingFor('pat-csrf')).toEqual([]);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ message: 'connect form refused', reason: 'csrf' }));
  });

  it("refuses a CSRF token replayed from another invite's page (403)", async () => {
    // Prepare: one browser, two invites (the other manager's page gives a valid token, for its own invite)
    const mine = await openPage('pat-mine');
    const theirs = await authStart(invitePage(inviteFor('pat-theirs'), mine.cookies));
    const csrf = formOf(theirs, 'Microsoft 365').fields.csrf;

    // Act
    const res = await authStart(
      submitEvent(formOf(mine.page, 'Microsoft 365'), 'Microsoft 365', mine.cookies, { csrf }),
    );

    // Assess
    expect(res.statusCode).toBe(403);
    expect(await pendingFor('pat-mine')).toEqual([]);
  });

  it('refuses a provider the deployment does not offer (400, nothing stored)', async () => {
    // Prepare
    const { page, cookies } = await openPage('pat-provider');

    // Act
    const res = await authStart(
      submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookies, { provider: 'google' }),
    );

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe(problemPage('Choose one of the calendar providers on the page.'));
    expect(await pendingFor('pat-provider')).toEqual([]);
  });

  it('answers 410 for an invite that expired while its page was open', async () => {
    // Prepare
    const { page, cookies } = await openPage('pat-late');
    const form = formOf(page, 'Microsoft 365');
    vi.useFakeTimers({ now: Date.now() + 25 * 3_600_000, toFake: ['Date'] });

    // Act
    const res = await authStart(submitEvent(form, 'Microsoft 365', cookies)).finally(() => vi.useRealTimers());

    // Assess
    expect(res.statusCode).toBe(410);
    expect(res.body).toBe(problemPage('This connect link has expired. Ask for a new one.'));
  });

  it.each([
    ['a body that is not a form', { body: '{"invite":"x"}' }, 400],
    ['an unknown intent', { fields: { invite: 'x', provider: 'microsoft', intent: 'replace' } }, 400],
    ['an oversized body', { body: `invite=${'x'.repeat(20_000)}` }, 413],
  ])('answers %s with a 4xx page', async (_case, changes, status) => {
    // Act
    const res = await authStart(connectEvent('auth-start-post', changes));

    // Assess
    expect(res.statusCode).toBe(status);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
  });
});
