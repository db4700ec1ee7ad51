import { afterEach, describe, expect, it, vi } from 'vitest';
import { GOOGLE_OPERATIONS, MICROSOFT_OPERATIONS } from '../../local/sandbox/control/operations';
import { call, googleToken, microsoftToken, type SandboxServer, startSandboxServer } from './sandbox-server';

const VIEW = '/_sandbox/graph/v1.0/me/calendarView?startDateTime=2026-12-10T00:00:00Z&endDateTime=2026-12-11T00:00:00Z';
const GOOGLE_LIST = '/_sandbox/google/calendar/v3/calendars/primary/events';
const REAL_MICROSOFT = { MICROSOFT_CLIENT_ID: 'real-app-id', MICROSOFT_CLIENT_SECRET: 'real-app-secret' };
const REAL_GOOGLE = { GOOGLE_CLIENT_ID: 'real.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'real-secret' };

let run: SandboxServer;
afterEach(async () => {
  vi.useRealTimers();
  await run.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /_sandbox/stats', () => {
  it('counts the requests per provider and operation since start, every operation listed, faulted apart', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-07-01T09:00:00Z') });
    run = await startSandboxServer();
    const microsoft = bearer(await microsoftToken(run));
    const google = bearer(await googleToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'microsoft', operations: ['getEvent'], status: 503 });

    // Act
    await call(run.base, 'GET', VIEW, undefined, microsoft);
    await call(run.base, 'GET', VIEW, undefined, microsoft);
    await call(run.base, 'GET', '/_sandbox/graph/v1.0/me/events/nope', undefined, microsoft);
    await call(run.base, 'GET', GOOGLE_LIST, undefined, google);
    await call(run.base, 'GET', '/_sandbox/calendar');
    const stats = await call(run.base, 'GET', '/_sandbox/stats');

    // Assess
    expect(stats.status).toBe(200);
    expect(stats.body.since).toBe('2026-07-01T09:00:00.000Z');
    expect(Object.keys(stats.body.providers.microsoft)).toEqual(Object.keys(MICROSOFT_OPERATIONS));
    expect(Object.keys(stats.body.providers.google)).toEqual(Object.keys(GOOGLE_OPERATIONS));
    expect(stats.body.providers.microsoft).toMatchObject({ token: 1, calendarView: 2, getEvent: 1, createEvent: 0 });
    expect(stats.body.providers.google).toMatchObject({ token: 1, eventsList: 1, createEvent: 0 });
    expect(stats.body.faulted.microsoft).toMatchObject({ getEvent: 1, calendarView: 0, token: 0 });
    expect(Object.values(stats.body.faulted.google)).toEqual(Object.keys(GOOGLE_OPERATIONS).map(() => 0));
  });

  it('starts again from zero after DELETE /_sandbox/stats, with the time of the reset', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-15T09:00:00Z') });
    run = await startSandboxServer();
    const microsoft = bearer(await microsoftToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'microsoft', operations: ['*'], latencyMs: 1 });
    await call(run.base, 'GET', VIEW, undefined, microsoft);
    vi.setSystemTime(new Date('2026-01-15T09:05:00Z'));

    // Act
    const reset = await call(run.base, 'DELETE', '/_sandbox/stats');
    await call(run.base, 'GET', VIEW, undefined, microsoft);
    const after = await call(run.base, 'GET', '/_sandbox/stats');

    // Assess
    expect(reset.body.since).toBe('2026-01-15T09:05:00.000Z');
    expect(Object.values(reset.body.providers.microsoft).every((n) => n === 0)).toBe(true);
    expect(after.body.since).toBe('2026-01-15T09:05:00.000Z');
    expect(after.body.providers.microsoft).toMatchObject({ calendarView: 1, token: 0 });
    expect(after.body.faulted.microsoft).toMatchObject({ calendarView: 1 });
  });
});

describe('the control routes with a real provider', () => {
  it('answers 404 with the reason for a provider whose sandbox is off, and serves the other', async () => {
    // Prepare
    run = await startSandboxServer(REAL_MICROSOFT);

    // Act
    const post = await call(run.base, 'POST', '/_sandbox/faults', { provider: 'microsoft', operations: ['x'] });
    const clear = await call(run.base, 'DELETE', '/_sandbox/faults?provider=microsoft');
    const google = await call(run.base, 'POST', '/_sandbox/faults', {
      provider: 'google',
      operations: ['*'],
      status: 429,
    });
    const stats = await call(run.base, 'GET', '/_sandbox/stats');

    // Assess
    for (const res of [post, clear]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toContain('MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET are set');
    }
    expect(google.status).toBe(201);
    expect(Object.keys(stats.body.providers)).toEqual(['google']);
  });

  it('answers 404 on every control route when no sandbox runs', async () => {
    // Prepare
    run = await startSandboxServer({ ...REAL_MICROSOFT, ...REAL_GOOGLE });

    // Act
    const answers = await Promise.all([
      call(run.base, 'POST', '/_sandbox/faults', { provider: 'google', operations: ['*'], status: 429 }),
      call(run.base, 'GET', '/_sandbox/faults'),
      call(run.base, 'DELETE', '/_sandbox/faults'),
      call(run.base, 'GET', '/_sandbox/stats'),
      call(run.base, 'DELETE', '/_sandbox/stats'),
    ]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect(answers[0]!.body.error).toContain('GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set');
    expect(answers[3]!.body.error).toContain('No sandbox runs');
  });
});
