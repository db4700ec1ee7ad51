import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  calendarApi,
  calendarJson,
  postToken,
  type Running,
  signIn,
  startEmulator,
} from './helpers';

const LIST = '/calendars/primary/events?timeMin=2026-01-01T00:00:00Z&timeMax=2026-01-02T00:00:00Z';

describe('fault injection', () => {
  let run: Running;
  let tokens: Record<string, string>;
  beforeEach(async () => {
    run = await startEmulator();
    tokens = (await signIn(run)) as Record<string, string>;
  });
  afterEach(async () => {
    await run.close();
  });

  it.each([
    [{ status: 429 }, 429, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'],
    [{ reason: 'rateLimitExceeded' }, 403, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'],
    [{ reason: 'userRateLimitExceeded' }, 403, 'usageLimits', 'userRateLimitExceeded', 'User Rate Limit Exceeded'],
    [{ reason: 'backendError' }, 503, 'global', 'backendError', 'Backend Error'],
    [{ status: 500 }, 500, 'global', 'backendError', 'Backend Error'],
    [{ reason: 'quotaExceeded' }, 403, 'usageLimits', 'quotaExceeded', 'Calendar usage limits exceeded.'],
    [{ status: 404 }, 404, 'global', 'notFound', 'Not Found'],
  ])('answers %o with %i %s/%s once', async (fault, status, domain, reason, message) => {
    // Prepare
    run.emulator.faults.add({ route: 'listEvents', ...fault });

    // Act
    const failed = await calendarJson(run, tokens.access_token!, LIST);
    const next = await calendarApi(run, tokens.access_token!, LIST);

    // Assess
    expect(failed).toEqual({
      status,
      body: { error: { errors: [{ domain, reason, message }], code: status, message } },
    });
    expect(next.status).toBe(200);
  });

  it('sends Retry-After when the fault has one', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'freeBusy', status: 429, retryAfter: '2' });

    // Act
    const res = await calendarApi(run, tokens.access_token!, '/freeBusy', { method: 'POST', body: {} });

    // Assess
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('applies a fault `times` times, "*" to any provider route, and clears', async () => {
    // Prepare
    run.emulator.faults.add({ route: '*', status: 503, times: 2 });

    // Act
    const freeBusy = { method: 'POST', body: { timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-01-02T00:00:00Z' } };
    const statuses = [(await calendarApi(run, tokens.access_token!, '/freeBusy', freeBusy)).status];
    for (const path of [LIST, LIST]) statuses.push((await calendarApi(run, tokens.access_token!, path)).status);
    run.emulator.faults.add({ route: '*', status: 503, times: Number.POSITIVE_INFINITY });
    run.emulator.faults.clear();
    statuses.push((await calendarApi(run, tokens.access_token!, LIST)).status);

    // Assess
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('adds latency only, and the meter counts the requests in flight', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'listEvents', latencyMs: 150, times: 3 });
    const started = performance.now();

    // Act
    const all = await Promise.all([1, 2, 3].map(() => calendarApi(run, tokens.access_token!, LIST)));

    // Assess
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(run.emulator.maxConcurrent()).toBe(3);
  });

  it('answers token faults in the OAuth shape', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'token', reason: 'invalid_grant' });
    run.emulator.faults.add({ route: 'token', status: 503 });
    const form = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    };

    // Act
    const grant = await postToken(run.baseUrl, form);
    const unavailable = await postToken(run.baseUrl, form);
    const ok = await postToken(run.baseUrl, form);

    // Assess
    expect(grant).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error).toBe('temporarily_unavailable');
    expect(ok.status).toBe(200);
  });

  it('revokeGrants: the next refresh is invalid_grant and access tokens answer 401', async () => {
    // Prepare
    run.emulator.revokeGrants();

    // Act
    const refresh = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    const api = await calendarApi(run, tokens.access_token!, LIST);

    // Assess
    expect(refresh.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(api.status).toBe(401);
  });

  it('logs every request with its route, and marks the non-provider ones', async () => {
    // Prepare
    const { NON_PROVIDER_ROUTES } = await import('../../../local/sandbox/google');
    await fetch(`${run.baseUrl}/calendar`);

    // Act
    const provider = run.emulator.requests.filter((r) => !NON_PROVIDER_ROUTES.has(r.route)).map((r) => r.route);

    // Assess
    expect(run.emulator.requests.map((r) => r.route)).toEqual(['authorize', 'authorize', 'token', 'dump']);
    expect(provider).toEqual(['token']);
    expect(run.emulator.requests[2]).toMatchObject({ method: 'POST', status: 200, grantType: 'authorization_code' });
  });
});
