import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graph, postToken, signIn, startEmulator, type Running } from './helpers';

interface Envelope {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe('fault injection', () => {
  let run: Running;
  let token: string;

  beforeEach(async () => {
    run = await startEmulator();
    token = String((await signIn(run)).access_token);
  });

  afterEach(async () => {
    await run.close();
  });

  it.each(['0', '2.128', '10'])('answers 429 TooManyRequests with Retry-After %s, once', async (retryAfter) => {
    // Prepare
    run.emulator.faults.add({ route: 'calendarView', status: 429, retryAfter });
    const path = '/me/calendarView?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-01-02T00:00:00Z';

    // Act
    const throttled = await graph(run, token, path);
    const body = (await throttled.json()) as Envelope;
    const next = await graph(run, token, path);

    // Assess
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe(retryAfter);
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.innerError).toMatchObject({ code: '429', status: '429' });
    expect(body.error.innerError['request-id']).toBeTruthy();
    expect(next.status).toBe(200);
  });

  it.each([
    [{ status: 503 }, 503, 'ServiceUnavailable'],
    [{ status: 504 }, 504, 'UnknownError'],
    [{ code: 'MailboxNotEnabledForRESTAPI' }, 404, 'MailboxNotEnabledForRESTAPI'],
    [{ code: 'ErrorAccessDenied' }, 403, 'ErrorAccessDenied'],
  ])('answers %o with %i %s', async (fault, status, code) => {
    // Prepare
    run.emulator.faults.add({ route: 'me', ...fault });

    // Act
    const res = await graph(run, token, '/me');

    // Assess
    expect(res.status).toBe(status);
    expect(((await res.json()) as Envelope).error.code).toBe(code);
  });

  it('applies a fault `times` times, and "*" to any route', async () => {
    // Prepare
    run.emulator.faults.add({ route: '*', status: 503, times: 2 });

    // Act
    const statuses = [];
    for (const path of ['/me/mailboxSettings', '/me', '/me']) statuses.push((await graph(run, token, path)).status);

    // Assess
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('clears pending faults', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'me', status: 503, times: Infinity });
    run.emulator.faults.clear();

    // Act
    const res = await graph(run, token, '/me');

    // Assess
    expect(res.status).toBe(200);
  });

  it('delays a response by latencyMs without failing it', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'me', latencyMs: 150 });
    const started = performance.now();

    // Act
    const res = await graph(run, token, '/me');

    // Assess
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('scripts token endpoint failures as Entra JSON errors', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'token', status: 503, retryAfter: '1' });
    run.emulator.faults.add({ route: 'token', code: 'invalid_grant', subError: 'consent_required' });
    const form = { grant_type: 'refresh_token', refresh_token: 'irrelevant', scope: 'User.Read' };

    // Act
    const unavailable = await postToken(run.baseUrl, form);
    const consent = await postToken(run.baseUrl, form);

    // Assess
    expect(unavailable).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable' } });
    expect(consent).toMatchObject({ status: 400, body: { error: 'invalid_grant', suberror: 'consent_required' } });
  });

  it('counts the most Graph requests in flight at once', async () => {
    // Prepare
    run.emulator.faults.add({ route: 'me', latencyMs: 200, times: 3 });

    // Act
    await Promise.all([graph(run, token, '/me'), graph(run, token, '/me'), graph(run, token, '/me')]);
    await graph(run, token, '/me');

    // Assess
    expect(run.emulator.maxConcurrent()).toBe(3);
    expect(run.emulator.requests.filter((r) => r.route === 'me')).toHaveLength(4);
  });
});
