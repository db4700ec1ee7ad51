import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  calendarApi,
  codeFor,
  codeForm,
  postToken,
  REDIRECT_URI,
  type Running,
  reasonOf,
  signIn,
  startEmulator,
} from './helpers';

const refreshForm = (refreshToken: string) => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
});

describe('token endpoint: authorization_code', () => {
  let run: Running;
  beforeEach(async () => {
    run = await startEmulator();
  });
  afterEach(async () => {
    await run.close();
  });

  it('redeems a code for Google’s token response', async () => {
    // Prepare
    const { code, verifier } = await codeFor(run, { prompt: 'consent' });

    // Act
    const { status, body } = await postToken(run.baseUrl, codeForm(code, verifier));

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(String(body.access_token)).toMatch(/^ya29\./);
    expect(String(body.refresh_token)).toMatch(/^1\/\/0g/);
    expect(body.scope).toBe(
      'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/calendar.events ' +
        'https://www.googleapis.com/auth/calendar.freebusy',
    );
    expect(String(body.id_token).split('.')).toHaveLength(3);
  });

  it('accepts client_secret_basic', async () => {
    // Prepare
    const { code, verifier } = await codeFor(run);
    const { client_id: _id, client_secret: _secret, ...form } = codeForm(code, verifier);
    const basic = Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString(
      'base64',
    );

    // Act
    const { status } = await postToken(run.baseUrl, form, { Authorization: `Basic ${basic}` });

    // Assess
    expect(status).toBe(200);
  });

  it('takes a code once; a replay fails and revokes what the first redemption minted', async () => {
    // Prepare
    const { code, verifier } = await codeFor(run, { prompt: 'consent' });
    const first = await postToken(run.baseUrl, codeForm(code, verifier));

    // Act
    const replay = await postToken(run.baseUrl, codeForm(code, verifier));
    const refresh = await postToken(run.baseUrl, refreshForm(String(first.body.refresh_token)));
    const calendar = await calendarApi(run, String(first.body.access_token), '/calendars/primary/events');

    // Assess
    expect(replay).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } });
    expect(refresh.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(calendar.status).toBe(401);
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'x'.repeat(43) }, 400, 'invalid_grant', 'Bad Request'],
    ['no verifier', { code_verifier: '' }, 400, 'invalid_grant', 'Missing code verifier.'],
    ['another redirect_uri', { redirect_uri: `${REDIRECT_URI}/` }, 400, 'redirect_uri_mismatch', 'Bad Request'],
    ['a wrong secret', { client_secret: 'nope' }, 401, 'invalid_client', 'Unauthorized'],
    [
      'another client',
      { client_id: 'other.apps.googleusercontent.com' },
      401,
      'invalid_client',
      'The OAuth client was not found.',
    ],
    ['no code', { code: '' }, 400, 'invalid_request', 'Missing required parameter: code'],
    [
      'an unknown grant type',
      { grant_type: 'password' },
      400,
      'unsupported_grant_type',
      'Invalid grant_type: password',
    ],
  ])('refuses %s', async (_name, override, status, error, description) => {
    // Prepare
    const { code, verifier } = await codeFor(run);

    // Act
    const res = await postToken(run.baseUrl, { ...codeForm(code, verifier), ...override });

    // Assess
    expect(res).toEqual({ status, body: { error, error_description: description } });
  });

  it('refuses a code older than ten minutes', async () => {
    // Prepare
    const { code, verifier } = await codeFor(run);
    run.emulator.advanceClock(10 * 60_000 + 1);

    // Act
    const res = await postToken(run.baseUrl, codeForm(code, verifier));

    // Assess
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  it('gives a refresh token to offline access on the first consent or a forced one only', async () => {
    // Prepare
    const redeem = async (extra: Record<string, string>) => {
      const { code, verifier } = await codeFor(run, extra);
      return (await postToken(run.baseUrl, codeForm(code, verifier))).body;
    };

    // Act
    const first = await redeem({});
    const again = await redeem({});
    const forced = await redeem({ prompt: 'consent' });
    const online = await redeem({ prompt: 'consent', access_type: 'online' });

    // Assess
    expect(first.refresh_token).toBeDefined();
    expect(again.refresh_token).toBeUndefined();
    expect(forced.refresh_token).toBeDefined();
    expect(online.refresh_token).toBeUndefined();
  });

  it('adds the scopes granted before with include_granted_scopes', async () => {
    // Prepare
    await signIn(run, { scope: 'openid https://www.googleapis.com/auth/calendar.freebusy' });

    // Act
    const body = await signIn(run, { scope: 'openid email', include_granted_scopes: 'true' });

    // Assess
    expect(String(body.scope).split(' ').sort()).toEqual([
      'https://www.googleapis.com/auth/calendar.freebusy',
      'https://www.googleapis.com/auth/userinfo.email',
      'openid',
    ]);
  });
});

describe('token endpoint: refresh_token', () => {
  let run: Running;
  let tokens: Record<string, unknown>;
  beforeEach(async () => {
    run = await startEmulator();
    tokens = await signIn(run);
  });
  afterEach(async () => {
    await run.close();
  });

  it('mints new access tokens without rotating the refresh token', async () => {
    // Act
    const one = await postToken(run.baseUrl, refreshForm(String(tokens.refresh_token)));
    const two = await postToken(run.baseUrl, refreshForm(String(tokens.refresh_token)));

    // Assess
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(one.body.refresh_token).toBeUndefined();
    expect(one.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: tokens.scope });
    expect(one.body.access_token).not.toBe(two.body.access_token);
  });

  it('answers invalid_grant once the account revoked the app, and stops the access tokens', async () => {
    // Prepare
    run.emulator.revokeGrants();

    // Act
    const refresh = await postToken(run.baseUrl, refreshForm(String(tokens.refresh_token)));
    const calendar = await calendarApi(run, String(tokens.access_token), '/calendars/primary/events');

    // Assess
    expect(refresh).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect(calendar.status).toBe(401);
    expect(reasonOf(await calendar.json())).toBe('authError');
  });

  it('expires access tokens with the emulator clock', async () => {
    // Prepare
    const token = String(tokens.access_token);
    const before = await calendarApi(run, token, '/calendars/primary/events');
    run.emulator.advanceClock(3599_000);

    // Act
    const after = await calendarApi(run, token, '/calendars/primary/events');

    // Assess
    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({
      error: {
        errors: [
          {
            domain: 'global',
            reason: 'authError',
            message: 'Invalid Credentials',
            locationType: 'header',
            location: 'Authorization',
          },
        ],
        code: 401,
        message: 'Invalid Credentials',
      },
    });
  });

  it('narrows scopes on request and refuses widening them', async () => {
    // Act
    const narrow = await postToken(run.baseUrl, { ...refreshForm(String(tokens.refresh_token)), scope: 'openid' });
    const wide = await postToken(run.baseUrl, {
      ...refreshForm(String(tokens.refresh_token)),
      scope: 'https://www.googleapis.com/auth/calendar',
    });

    // Assess
    expect(narrow.body.scope).toBe('openid');
    expect(wide.body.error).toBe('invalid_scope');
  });
});
