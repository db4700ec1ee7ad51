import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, googleToken, microsoftToken, rolls, type SandboxServer, startSandboxServer } from './sandbox-server';

const FIXTURES = join(import.meta.dirname, '../events/sandbox/faults');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, any>;
const VIEW = '/_sandbox/graph/v1.0/me/calendarView?startDateTime=2026-12-10T00:00:00Z&endDateTime=2026-12-11T00:00:00Z';
const GRAPH_EVENTS = '/_sandbox/graph/v1.0/me/events';
const GOOGLE_EVENTS = '/_sandbox/google/calendar/v3/calendars/primary/events';

let run: SandboxServer;
afterEach(() => run.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const graphSubjects = async () =>
  ((await call(run.base, 'GET', '/_sandbox/calendar')).body.events as Array<{ subject: string }>).map((e) => e.subject);
const googleSummaries = async () =>
  (
    (await call(run.base, 'GET', '/_sandbox/google/calendar')).body.calendars[0].events as Array<{ summary: string }>
  ).map((e) => e.summary);
/** Starts `request`, and says whether it has answered yet. */
function watch<T>(request: Promise<T>) {
  const state = { answered: false, request };
  void request.then(() => (state.answered = true));
  return state;
}

describe('POST /_sandbox/faults', () => {
  it('answers a Microsoft operation with the status, Retry-After and Graph error body until cleared', async () => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await microsoftToken(run));
    const rule = { provider: 'microsoft', operations: ['calendarView'], status: 429, retryAfterSeconds: 7 };

    // Act
    const added = await call(run.base, 'POST', '/_sandbox/faults', rule);
    const first = await call(run.base, 'GET', VIEW, undefined, auth);
    const second = await call(run.base, 'GET', VIEW, undefined, auth);
    const other = await call(run.base, 'GET', '/_sandbox/graph/v1.0/me', undefined, auth);
    const cleared = await call(run.base, 'DELETE', '/_sandbox/faults');
    const after = await call(run.base, 'GET', VIEW, undefined, auth);

    // Assess
    expect(added).toMatchObject({ status: 201, body: { provider: 'microsoft', added: rule, rules: [rule] } });
    for (const res of [first, second]) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body.error).toMatchObject({ code: 'TooManyRequests', innerError: { code: '429' } });
    }
    expect(other.status).toBe(200);
    expect(cleared).toMatchObject({ status: 200, body: { cleared: ['microsoft', 'google'] } });
    expect(after.status).toBe(200);
  });

  it.each([
    [429, 'rateLimitExceeded', 'usageLimits'],
    [503, 'backendError', 'global'],
  ])('answers a Google create %i %s in its error body, creating nothing', async (status, reason, domain) => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await googleToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'google', operations: ['createEvent'], status });

    // Act
    const res = await call(run.base, 'POST', GOOGLE_EVENTS, fixture('google-event.json'), auth);

    // Assess
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code: status, errors: [{ reason, domain }] });
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await googleSummaries()).not.toContain('Viewing: 12 Elm St');
  });

  it('adds a rule per POST, and faults each request at the rate with the injected dice', async () => {
    // Prepare
    run = await startSandboxServer({}, rolls(0.2, 0.8));
    const auth = bearer(await microsoftToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'microsoft', operations: ['me'], status: 503 });

    // Act
    const added = await call(run.base, 'POST', '/_sandbox/faults', fixture('microsoft-throttle.json'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(run.base, 'GET', VIEW, undefined, auth)).status);
    const me = await call(run.base, 'GET', '/_sandbox/graph/v1.0/me', undefined, auth);
    const listed = await call(run.base, 'GET', '/_sandbox/faults');

    // Assess
    expect(added.body.rules).toHaveLength(2);
    expect(statuses).toEqual([429, 200, 429, 200]);
    expect(me.status).toBe(503);
    expect(listed.body.microsoft).toHaveLength(2);
    expect(listed.body.google).toEqual([]);
  });

  it('delays an answer by latencyMs before the request is carried out', async () => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await microsoftToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', {
      provider: 'microsoft',
      operations: ['createEvent'],
      latencyMs: 600,
    });
    const started = Date.now();

    // Act
    const create = watch(call(run.base, 'POST', GRAPH_EVENTS, fixture('graph-event.json'), auth));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = await graphSubjects();
    const res = await create.request;

    // Assess
    expect(during).not.toContain('Viewing: 12 Elm St');
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    expect(await graphSubjects()).toContain('Viewing: 12 Elm St');
  });

  it('carries a Microsoft create out at once under lateResponseMs, and answers it late', async () => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await microsoftToken(run));
    const rule = { provider: 'microsoft', operations: ['createEvent'], lateResponseMs: 700 };
    await call(run.base, 'POST', '/_sandbox/faults', rule);
    const started = Date.now();

    // Act
    const create = watch(call(run.base, 'POST', GRAPH_EVENTS, fixture('graph-event.json'), auth));
    await vi.waitFor(async () => expect(await graphSubjects()).toContain('Viewing: 12 Elm St'), { timeout: 2_000 });
    const answeredWhenCreated = create.answered;
    const res = await create.request;

    // Assess
    expect(answeredWhenCreated).toBe(false);
    expect(res.status).toBe(201);
    expect(res.body.subject).toBe('Viewing: 12 Elm St');
    expect(Date.now() - started).toBeGreaterThanOrEqual(690);
  });

  it('makes an ambiguous Google create with a status and lateResponseMs: the event lands, the 503 comes late', async () => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await googleToken(run));
    const rule = { ...fixture('microsoft-ambiguous-create.json'), provider: 'google', lateResponseMs: 700 };
    await call(run.base, 'POST', '/_sandbox/faults', rule);
    const started = Date.now();

    // Act
    const create = watch(call(run.base, 'POST', GOOGLE_EVENTS, fixture('google-event.json'), auth));
    await vi.waitFor(async () => expect(await googleSummaries()).toContain('Viewing: 12 Elm St'), { timeout: 2_000 });
    const answeredWhenCreated = create.answered;
    const res = await create.request;

    // Assess
    expect(answeredWhenCreated).toBe(false);
    expect(res.status).toBe(503);
    expect(res.body.error.errors[0].reason).toBe('backendError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(690);
  });

  it('clears one provider with ?provider=, leaving the other faulted', async () => {
    // Prepare
    run = await startSandboxServer();
    const auth = bearer(await microsoftToken(run));
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'microsoft', operations: ['*'], status: 503 });
    await call(run.base, 'POST', '/_sandbox/faults', { provider: 'google', operations: ['*'], status: 503 });

    // Act
    const cleared = await call(run.base, 'DELETE', '/_sandbox/faults?provider=google');
    const listed = await call(run.base, 'GET', '/_sandbox/faults');
    const view = await call(run.base, 'GET', VIEW, undefined, auth);

    // Assess
    expect(cleared.body).toEqual({ cleared: ['google'] });
    expect(listed.body.google).toEqual([]);
    expect(view.status).toBe(503);
  });

  it.each([
    [{ provider: 'microsoft', operations: ['createEvnt'], status: 503 }, 'unknown microsoft operation "createEvnt"'],
    [{ provider: 'microsoft', operations: ['createEvent'], status: 500 }, 'status must be 429 or 503'],
    [{ provider: 'google', operations: ['eventsList'], rate: 3, status: 503 }, 'rate:'],
    ['{"provider": ', 'not valid JSON'],
  ])('refuses %j with a 400 giving the reason', async (body, reason) => {
    // Prepare
    run = await startSandboxServer();
    // Act
    const res = await call(run.base, 'POST', '/_sandbox/faults', body);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(reason);
    expect((await call(run.base, 'GET', '/_sandbox/faults')).body).toEqual({ microsoft: [], google: [] });
  });

  it('answers 405 naming the methods it takes', async () => {
    // Prepare
    run = await startSandboxServer();
    // Act
    const res = await call(run.base, 'PUT', '/_sandbox/faults', {});
    // Assess
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
  });
});
