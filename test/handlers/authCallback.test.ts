import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInviteToken } from '../../functions/domain/connect/invite';
import { problemPage } from '../../functions/handlers/shared/pages';
import { createMicrosoftEmulator, type MicrosoftEmulator } from '../../local/sandbox/microsoft';
import { captureOutput } from '../integration/log-capture';
import { fixtureCalendar } from '../integration/harness';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import { coldStart, failureLines, GENERIC_5XX, httpEvent, STACK_TRACE, UNAVAILABLE_503, type Invoke } from './invoke';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const CLIENT_SECRET = `client-secret-${randomBytes(12).toString('hex')}`;
const INVITE_SIGNING_KEY = randomBytes(32).toString('base64url');
const LOCAL_TOKEN_KEY = randomBytes(32).toString('base64');
const INCOMPLETE = 'This sign-in response is incomplete. Start again from your invite link.';

describe('Handler: authCallback', () => {
  let dynamo: DynamoTables;
  let emulator: MicrosoftEmulator;
  let closeEmulator: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    const calendar = fixtureCalendar();
    emulator = createMicrosoftEmulator({ calendar, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const served = await emulator.listen(0);
    closeEmulator = served.close;
    env = {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      OAUTH_STATE_TABLE: dynamo.tables.oauthState,
      CONNECTIONS_TABLE: dynamo.tables.connections,
      MICROSOFT_CLIENT_ID: CLIENT_ID,
      MICROSOFT_CLIENT_SECRET: CLIENT_SECRET,
      MICROSOFT_LOGIN_BASE_URL: `${served.baseUrl}/login`,
      GRAPH_BASE_URL: `${served.baseUrl}/graph/v1.0`,
      PUBLIC_BASE_URL: 'http://localhost:3000',
      INVITE_SIGNING_KEY,
      LOCAL_TOKEN_KEY,
    };
  });
  afterAll(() => closeEmulator?.());
  afterEach(() => {
    emulator.faults.clear();
    vi.unstubAllEnvs();
  });

  /** A cold start of both connect handlers, and a started connect: Microsoft's URL, its state, the binding cookie. */
  async function startedConnect(managerId: string) {
    const { authStart, authCallback } = await coldStart(['authStart', 'authCallback'], env);
    const invite = createInviteToken(managerId, INVITE_SIGNING_KEY, Date.now(), 72);
    const start = await authStart(httpEvent('auth-start-get', { query: { invite } }));
    if (start.statusCode !== 302) throw new Error(`authStart answered ${start.statusCode}: ${start.body}`);
    const authorizeUrl = String(start.headers!.location);
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    return { authCallback, authorizeUrl, state, cookie: start.cookies![0]!.split(';')[0]! };
  }

  /** The callback Microsoft's redirect makes, with its query (code, state…) and the binding cookie. */
  const callback = (invoke: Invoke, query: Record<string, string | undefined>, cookie: string) =>
    invoke(httpEvent('auth-callback-get', { query, cookies: [cookie] }));

  it("answers 400 with the problem page, and redeems nothing, when Microsoft's redirect has no code", async () => {
    // Prepare
    const { authCallback, state, cookie } = await startedConnect('mgr-no-code');
    const logs = captureOutput();
    const tokenRequests = () => emulator.requests.filter((r) => r.route === 'token').length;
    const before = tokenRequests();

    // Act
    const res = await callback(authCallback, { state }, cookie).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe(problemPage(INCOMPLETE));
    expect(tokenRequests()).toBe(before);
    expect(failureLines(logs.entries())).toEqual([]);
  });

  it('answers 503 with the "Microsoft is not responding" page when its token endpoint is down', async () => {
    // Prepare
    const { authCallback, authorizeUrl, state, cookie } = await startedConnect('mgr-503');
    const code = new URL(await emulator.consent(authorizeUrl)).searchParams.get('code')!;
    emulator.faults.add({ route: 'token', code: 'temporarily_unavailable', times: Infinity });
    const logs = captureOutput();

    // Act
    const res = await callback(authCallback, { code, state }, cookie).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(503);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    expect(res.body).toBe(problemPage(UNAVAILABLE_503));
    expect(failureLines(logs.entries())).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        status: 503,
        error: 'ProviderUnavailableError',
        reason: 'Microsoft sign-in service unavailable',
      }),
    ]);
    expect(res.body).not.toMatch(STACK_TRACE);
    for (const text of [code, state, CLIENT_SECRET, 'AADSTS90033', 'temporarily_unavailable']) {
      expect(res.body).not.toContain(text);
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
});
