import { afterEach, describe, expect, it } from 'vitest';
import { createMicrosoftEmulator, type MicrosoftEmulatorOptions } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

interface Envelope {
  error: { code: string; message: string; innerError: Record<string, string> };
}

/** Resolves once the emulator has taken `n` calendarView requests in (each holds a slot while its fault delays it). */
async function arrived(run: Running, n: number): Promise<void> {
  while ((run.emulator.faults.applied().calendarView ?? 0) < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

const VIEW = '/me/calendarView?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-03-08T00:00:00Z';

describe("Microsoft emulator: Outlook's mailbox concurrency limit", () => {
  let run: Running;
  let token: string;

  async function start(opts: MicrosoftEmulatorOptions = {}) {
    run = await startEmulator(opts);
    token = String((await signIn(run)).access_token);
  }

  afterEach(async () => {
    await run.close();
  });

  it("answers a 5th concurrent request Graph's 429 ApplicationThrottled, Retry-After 1", async () => {
    // Prepare
    await start();
    run.emulator.faults.add({ route: 'calendarView', latencyMs: 300, times: 4 });
    const held = [1, 2, 3, 4].map(() => graph(run, token, VIEW));
    await arrived(run, 4);
    // Act
    const fifth = await graph(run, token, '/me');
    const body = (await fifth.json()) as Envelope;
    const statuses = (await Promise.all(held)).map((res) => res.status);
    // Assess
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('1');
    expect(fifth.headers.get('ratelimit-exceeded')).toBe('MailboxConcurrency');
    expect(fifth.headers.get('ratelimit-scope')).toBe('Mailbox');
    expect(body.error.code).toBe('ApplicationThrottled');
    expect(body.error.message).toBe('Application is over its MailboxConcurrency limit.');
    expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
    expect(body.error.innerError['request-id']).toBe(fifth.headers.get('request-id'));
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('serves again as soon as one of the four has finished', async () => {
    // Prepare
    await start();
    run.emulator.faults.add({ route: 'me', latencyMs: 50, times: 1 });
    run.emulator.faults.add({ route: 'calendarView', latencyMs: 400, times: 3 });
    const slow = [1, 2, 3].map(() => graph(run, token, VIEW));
    const quick = graph(run, token, '/me');
    // Act
    const quickStatus = (await quick).status;
    const next = await graph(run, token, '/me');
    await Promise.all(slow);
    // Assess
    expect(quickStatus).toBe(200);
    expect(next.status).toBe(200);
    expect(run.emulator.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('checks the bearer first: a request without a valid token gets its 401, not the 429', async () => {
    // Prepare
    await start();
    run.emulator.faults.add({ route: 'calendarView', latencyMs: 300, times: 4 });
    const held = [1, 2, 3, 4].map(() => graph(run, token, VIEW));
    await arrived(run, 4);
    // Act
    const anonymous = await graph(run, 'not-a-token', '/me');
    await Promise.all(held);
    // Assess
    expect(anonymous.status).toBe(401);
  });

  it.each([
    [2, 2],
    [Infinity, 6],
  ])('with mailboxConcurrency %s, serves %i of 6 concurrent requests and answers 429 to the rest', async (limit) => {
    // Prepare
    await start({ mailboxConcurrency: limit });
    run.emulator.faults.add({ route: 'calendarView', latencyMs: 300, times: 6 });
    // Act
    const statuses = (await Promise.all([1, 2, 3, 4, 5, 6].map(() => graph(run, token, VIEW)))).map((r) => r.status);
    // Assess
    const served = Number.isFinite(limit) ? limit : 6;
    expect(statuses.filter((status) => status === 200)).toHaveLength(served);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6 - served);
  });
});

describe('Microsoft emulator: the mailboxConcurrency option', () => {
  it.each([0, -1, Number.NaN])('refuses %s', (limit) => {
    // Act + Assess
    expect(() => createMicrosoftEmulator({ mailboxConcurrency: limit })).toThrow(RangeError);
  });
});
