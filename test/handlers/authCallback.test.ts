import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createResultToken } from '../../functions/domain/connect/result-token';
import { problemPage } from '../../functions/handlers/shared/pages';
import type { MicrosoftEmulator } from '../../local/sandbox/microsoft';
import { captureOutput } from '../integration/log-capture';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import {
  BASE_URL,
  CLIENT_SECRET,
  connectEvent,
  cookiePairs,
  formOf,
  INVITE_SIGNING_KEY,
  inviteFor,
  invitePage,
  LOCAL_TOKEN_KEY,
  storedConnections,
  submitEvent,
} from './connect-support';
import { microsoftConnect } from './microsoft-connect';
import { coldStart, failureLines, GENERIC_5XX, httpEvent, STACK_TRACE, UNAVAILABLE_503, type Invoke } from './invoke';

const INCOMPLETE = 'This sign-in response is incomplete. Start again from your invite link.';
const CLEARED = /^__Host-cal_connect_[\w-]{12}=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Secure$/;
const RESULT = /^__Host-cal_result=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/;

describe('Handler: authCallback', () => {
  let dynamo: DynamoTables;
  let emulator: MicrosoftEmulator;
  let closeEmulator: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ emulator, env, close: closeEmulator } = await microsoftConnect(dynamo));
  });
  afterAll(() => closeEmulator?.());
  afterEach(() => {
    emulator.faults.clear();
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  /** A cold start of both connect handlers, and a connect started through the invite page's "Microsoft 365" button. */
  async function startedConnect(managerId: string, opts: { email?: string } = {}) {
    const { authStart, authCallback } = await coldStart(['authStart', 'authCallback'], env);
    const page = await authStart(invitePage(inviteFor(managerId, opts)));
    const start = await authStart(submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookiePairs(page)));
    if (start.statusCode !== 303) throw new Error(`authStart answered ${start.statusCode}: ${start.body}`);
    const authorizeUrl = String(start.headers!.location);
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    return { authCallback, authorizeUrl, state, cookie: cookiePairs(start)[0]! };
  }

  /** The callback Microsoft's redirect makes (its query: code, state…) with the binding cookie. */
  const callback = (invoke: Invoke, query: Record<string, string | undefined>, cookie: string) =>
    invoke(httpEvent('auth-callback-get', { query, cookies: [cookie] }));

  /** The result page the callback's 303 leads to, with the result cookie it set. */
  const resultOf = (invoke: Invoke, callbackAnswer: Awaited<ReturnType<Invoke>>) =>
    invoke(
      connectEvent('auth-result-get', { cookies: cookiePairs(callbackAnswer).filter((c) => c.includes('cal_result')) }),
    );

  it("answers 303 to the result page saying why, redeems nothing, if Microsoft's redirect has no code", async () => {
    // Prepare
    const { authCallback, state, cookie } = await startedConnect('mgr-no-code');
    const logs = captureOutput();
    const tokenRequests = () => emulator.requests.filter((r) => r.route === 'token').length;
    const before = tokenRequests();

    // Act
    const res = await callback(authCallback, { state }, cookie).finally(logs.stop);
    const result = await resultOf(authCallback, res);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.headers!.location).toBe(`${BASE_URL}/calendar/auth/result`);
    expect(res.cookies).toEqual([expect.stringMatching(CLEARED), expect.stringMatching(RESULT)]);
    expect(cookiePairs(res)[0]).toBe(`${cookie.split('=')[0]}=`);
    expect(result.statusCode).toBe(400);
    expect(result.body).toBe(problemPage(INCOMPLETE));
    expect(tokenRequests()).toBe(before);
    expect(failureLines(logs.entries())).toEqual([]);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ message: 'connect not finished', status: 400, code: 'code_missing' }),
    );
  });

  it('answers 303 to a result page "not responding" (503) when its token endpoint is down', async () => {
    // Prepare
    const { authCallback, authorizeUrl, state, cookie } = await startedConnect('mgr-503');
    const code = new URL(await emulator.consent(authorizeUrl)).searchParams.get('code')!;
    emulator.faults.add({ route: 'token', code: 'temporarily_unavailable', times: Infinity });
    const logs = captureOutput();

    // Act
    const res = await callback(authCallback, { code, state }, cookie).finally(logs.stop);
    const result = await resultOf(authCallback, res);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.cookies).toEqual([expect.stringMatching(CLEARED), expect.stringMatching(RESULT)]);
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    expect(result.body).toBe(problemPage(UNAVAILABLE_503));
    expect(failureLines(logs.entries())).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        status: 503,
        error: 'ProviderUnavailableError',
        reason: 'Microsoft sign-in service unavailable',
      }),
    ]);
    expect(result.body).not.toMatch(STACK_TRACE);
    const sent = `${res.headers!.location} ${res.cookies!.join(' ')} ${result.body}`;
    for (const text of [code, state, CLIENT_SECRET, 'AADSTS90033', 'temporarily_unavailable']) {
      expect(sent).not.toContain(text);
    }
    for (const secret of [code, state, CLIENT_SECRET, LOCAL_TOKEN_KEY]) expect(logs.text()).not.toContain(secret);
  });

  it('answers 500 with the generic problem page when the token key is misconfigured, and logs why', async () => {
    // Prepare
    const { authCallback } = await coldStart(['authCallback'], { ...env, LOCAL_TOKEN_KEY: 'dG9vIHNob3J0' });
    const logs = captureOutput();

    // Act
    const res = await callback(
      authCallback,
      { code: 'M.C507_BAY.2.U.code', state: 'state-value' },
      'cal_connect_x=y',
    ).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe(problemPage(GENERIC_5XX));
    expect(res.body).not.toMatch(/LOCAL_TOKEN_KEY|M\.C507|state-value/);
    expect(failureLines(logs.entries())).toEqual([
      expect.objectContaining({
        status: 500,
        error: 'ConfigError',
        reason: expect.stringMatching(/^LOCAL_TOKEN_KEY\b/),
      }),
    ]);
  });

  it('asks to try again and allow calendar access if the grant lacks Calendars.ReadWrite; stores nothing', async () => {
    // Prepare: the manager unticks calendar access on the consent page
    const { authCallback, authorizeUrl, state, cookie } = await startedConnect('mgr-scopes');
    const consented = await emulator.consent(authorizeUrl, { withhold: ['Calendars.ReadWrite'] });
    const code = new URL(consented).searchParams.get('code')!;

    // Act
    const res = await callback(authCallback, { code, state }, cookie);
    const result = await resultOf(authCallback, res);

    // Assess
    expect(res.cookies).toEqual([expect.stringMatching(CLEARED), expect.stringMatching(RESULT)]);
    expect(result.statusCode).toBe(400);
    expect(result.body).toBe(
      problemPage(
        'The calendar was not connected: calendar access was not allowed. ' +
          'Please allow calendar access and try again.',
      ),
    );
    expect(await storedConnections(dynamo, 'mgr-scopes')).toBeUndefined();
  });

  it('tells why, and stores nothing, when the sign-in was for another account than the invite expects', async () => {
    // Prepare
    const { authCallback, authorizeUrl, state, cookie } = await startedConnect('mgr-email', {
      email: 'lee@contoso.example',
    });
    const code = new URL(await emulator.consent(authorizeUrl)).searchParams.get('code')!;

    // Act
    const result = await resultOf(authCallback, await callback(authCallback, { code, state }, cookie));

    // Assess
    expect(new URL(authorizeUrl).searchParams.get('login_hint')).toBe('lee@contoso.example');
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('This link is for lee@contoso.example, but the sign-in was for another account.');
    expect(await storedConnections(dynamo, 'mgr-email')).toBeUndefined();
  });

  it('shows "Calendar connected" with the calendars and their roles, again on every refresh', async () => {
    // Prepare
    const { authCallback, authorizeUrl, state, cookie } = await startedConnect('mgr-ok');
    const code = new URL(await emulator.consent(authorizeUrl)).searchParams.get('code')!;
    const res = await callback(authCallback, { code, state }, cookie);

    // Act
    const result = await resultOf(authCallback, res);
    const refreshed = await resultOf(authCallback, res);

    // Assess
    expect(res.cookies).toEqual([expect.stringMatching(CLEARED), expect.stringMatching(RESULT)]);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<title>Calendar connected</title>');
    expect(result.body).toContain('pat@contoso.example');
    expect(result.body).toMatch(/<td>Calendar<\/td><td>Takes bookings<\/td>/);
    expect(refreshed.body).toBe(result.body);
  });

  describe('the result page', () => {
    let authCallback: Invoke;
    beforeAll(async () => {
      ({ authCallback } = await coldStart(['authCallback'], env));
    });
    const withToken = (token: string) => connectEvent('auth-result-get', { cookies: [`__Host-cal_result=${token}`] });

    it.each([
      ['no result cookie', () => connectEvent('auth-result-get', { cookies: [] })],
      [
        'a forged result',
        () => withToken(createResultToken({ ok: true, managerId: 'x', connectionId: 'y' }, 'other-key', Date.now())),
      ],
      [
        'a result of a connection no longer there',
        () =>
          withToken(
            createResultToken(
              { ok: true, managerId: 'gone', connectionId: 'microsoft-0' },
              INVITE_SIGNING_KEY,
              Date.now(),
            ),
          ),
      ],
      [
        'an unprefixed cookie (planted over http)',
        () => ({
          ...withToken('x'),
          cookies: [
            `cal_result=${createResultToken(
              { ok: false, status: 400, message: 'Planted' },
              INVITE_SIGNING_KEY,
              Date.now(),
            )}`,
          ],
        }),
      ],
    ])('answers %s with 410 "Nothing to show" and where to look instead', async (_case, event) => {
      // Act
      const res = await authCallback(event());

      // Assess
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('<title>Nothing to show</title>');
      expect(res.body).toContain('open your connect link again');
    });

    it('shows a result for 10 minutes, then nothing', async () => {
      // Prepare
      const token = createResultToken({ ok: false, status: 400, message: 'Refused.' }, INVITE_SIGNING_KEY, Date.now());
      const fresh = await authCallback(withToken(token));
      vi.useFakeTimers({ now: Date.now() + 600_000, toFake: ['Date'] });

      // Act
      const late = await authCallback(withToken(token));

      // Assess
      expect(fresh.statusCode).toBe(400);
      expect(fresh.body).toBe(problemPage('Refused.'));
      expect(late.statusCode).toBe(410);
    });
  });
});
