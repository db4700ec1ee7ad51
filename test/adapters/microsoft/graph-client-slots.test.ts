import { afterEach, describe, expect, it, vi } from 'vitest';
import { GRAPH_MAILBOX_CONCURRENCY, GraphClient } from '../../../functions/adapters/microsoft/graph-client';
import { ConcurrencyGate, type Slots } from '../../../functions/adapters/shared/concurrency-gate';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import { GRAPH_TEST_BASE, fakeTokens, fixture, graphHarness, json, manualClock } from './helpers';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** fetch whose answers (200 {}) wait until the test lets them go; it counts what is in flight. */
function heldFetch() {
  const waiting: Array<() => void> = [];
  const state = { inFlight: 0, most: 0, sent: 0 };
  const fetch = (async () => {
    state.sent += 1;
    state.inFlight += 1;
    state.most = Math.max(state.most, state.inFlight);
    await new Promise<void>((resolve) => waiting.push(resolve));
    state.inFlight -= 1;
    return json(200, {});
  }) as typeof globalThis.fetch;
  /** Answers the oldest `n` requests in flight. */
  const answer = async (n = waiting.length) => {
    for (const resolve of waiting.splice(0, n)) resolve();
    await settle();
  };
  return { fetch, state, answer };
}

function client(fetch: typeof globalThis.fetch, slots?: Slots, time = manualClock()) {
  const graph = new GraphClient({
    baseUrl: GRAPH_TEST_BASE,
    tokens: fakeTokens().tokens,
    fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
    slots,
  });
  return { graph, deadline: (ms = 10_000) => ({ at: time.state.now + ms }) };
}

const read = (n: number) => ({ method: 'GET' as const, path: `/me/calendars/c${n}/calendarView` });

describe('Class: GraphClient (mailbox slots)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most 4 requests at once by default; the others go as answers come back', async () => {
    // Prepare
    const http = heldFetch();
    const { graph, deadline } = client(http.fetch);
    // Act
    const sends = [0, 1, 2, 3, 4, 5].map((n) => graph.send(read(n), deadline()));
    await settle();
    const firstWave = http.state.sent;
    await http.answer(1);
    const afterOne = http.state.sent;
    await http.answer();
    await http.answer();
    await Promise.all(sends);
    // Assess
    expect(GRAPH_MAILBOX_CONCURRENCY).toBe(4);
    expect([firstWave, afterOne, http.state.sent, http.state.most]).toEqual([4, 5, 6, 4]);
  });

  it("shares a mailbox's slots between clients given the same lane; another mailbox has its own", async () => {
    // Prepare
    const http = heldFetch();
    const gate = new ConcurrencyGate(GRAPH_MAILBOX_CONCURRENCY);
    const [a, b, other] = [gate.lane('adele'), gate.lane('adele'), gate.lane('pat')].map((lane) =>
      client(http.fetch, lane),
    );
    // Act
    const sends = [a!, a!, a!, b!, b!, b!, other!].map((c, n) => c.graph.send(read(n), c.deadline()));
    await settle();
    const held = [gate.inFlight('adele'), gate.queued('adele'), gate.inFlight('pat'), http.state.sent];
    while (http.state.inFlight) await http.answer();
    await Promise.all(sends);
    // Assess
    expect(held).toEqual([4, 2, 1, 5]);
    expect(http.state.sent).toBe(7);
    expect(gate.keys()).toBe(0);
  });

  it('gives up waiting for a slot when no attempt could start before the deadline, sending nothing', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const http = heldFetch();
    const { graph, deadline } = client(http.fetch);
    const busy = [0, 1, 2, 3].map((n) => graph.send(read(n), deadline()));
    await settle();
    // Act
    const late = graph.send(read(4), deadline(1_000)).catch((error: unknown) => error);
    // The wait ends where an attempt is no longer worth starting: 1000 - margin 250 - minimum attempt 200.
    await vi.advanceTimersByTimeAsync(549);
    const stillWaiting = await Promise.race([late, settle().then(() => 'waiting')]);
    await vi.advanceTimersByTimeAsync(1);
    const error = await late;
    await http.answer();
    await Promise.all(busy);
    // Assess
    expect(stillWaiting).toBe('waiting');
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/^Microsoft Graph GET \/me\/calendars\/c4\/calendarView: mailbox busy/);
    expect(http.state.sent).toBe(4);
  });

  it('holds no slot while it waits to retry', async () => {
    // Prepare
    const gate = new ConcurrencyGate(1);
    const sent: string[] = [];
    let wake: () => void = () => undefined;
    const time = manualClock();
    time.sleep = (ms) => {
      time.state.sleeps.push(ms);
      return new Promise<void>((resolve) => (wake = resolve));
    };
    const fetch = (async (input: string | URL) => {
      sent.push(new URL(String(input)).pathname);
      return sent.length === 1 ? json(429, fixture('mailbox-concurrency'), { 'Retry-After': '1' }) : json(200, {});
    }) as typeof globalThis.fetch;
    const first = client(fetch, gate.lane('m'), time);
    const second = client(fetch, gate.lane('m'), time);
    // Act
    const retried = first.graph.send(read(1), first.deadline());
    await settle();
    await second.graph.send(read(2), second.deadline());
    wake();
    await retried;
    // Assess
    expect(time.state.sleeps).toEqual([1_000]);
    expect(sent.map((path) => path.split('/')[4])).toEqual(['c1', 'c2', 'c1']);
  });
});

describe("Class: GraphClient (Graph's MailboxConcurrency 429)", () => {
  it('waits the Retry-After of 429 ApplicationThrottled, then retries', async () => {
    // Prepare
    const {
      client: graph,
      http,
      time,
      deadline,
    } = graphHarness(json(429, fixture('mailbox-concurrency'), { 'Retry-After': '1' }), json(200, { value: [] }));
    // Act
    const page = await graph.send(read(1), deadline());
    // Assess
    expect(page).toEqual({ value: [] });
    expect(http.requests).toHaveLength(2);
    expect(time.state.sleeps).toEqual([1_000]);
  });

  it('answers ProviderUnavailableError naming ApplicationThrottled once the attempts are spent', async () => {
    // Prepare
    const {
      client: graph,
      http,
      deadline,
    } = graphHarness(json(429, fixture('mailbox-concurrency'), { 'Retry-After': '1' }));
    // Act
    const error = await graph.send(read(1), deadline()).catch((thrown: unknown) => thrown);
    // Assess
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toContain('429 ApplicationThrottled');
    expect(http.requests).toHaveLength(3);
  });
});
