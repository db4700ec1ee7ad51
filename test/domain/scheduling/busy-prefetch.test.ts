/**
 * The call-start prefetch: stored at call start, served to the call's get_availability for at most 60 s with the
 * answer a live read gives, never to another call, dropped by the call's own writes, off with the switch.
 */
import { describe, expect, it, vi } from 'vitest';
import { PREFETCH_FRESH_MS, prefetchBusy, spendingPrefetch } from '../../../functions/domain/scheduling/busy-prefetch';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { setAppointmentSchema } from '../../../functions/domain/vapi/tool-schemas';
import { versionsOf } from '../../../functions/domain/ports';
import { FakeCalendar } from '../../fakes/calendar';
import { eachSeason } from '../../support/seasons';
import { entry, type PrefetchWorld, prefetchWorld } from './prefetch-fixtures';

const deadline = () => ({ at: Date.now() + 10_000 });
const started = (callId: string, phoneNumberId?: string) => ({ callId, ...(phoneNumberId ? { phoneNumberId } : {}) });
const ask = (w: PrefetchWorld, callId: string, args = {}, deps = w.deps) =>
  getAvailability(args, { toolCallId: `tc-${callId}-${Math.random()}`, context: { callId } }, deps, deadline());
/** The same question answered by a live read (prefetch off), at the same instant. */
const live = (w: PrefetchWorld, args = {}) => ask(w, 'live-call', args, { ...w.deps, busyCache: undefined });
const slots = (o: ToolOutcome) => ('result' in o ? (o.result.slots as Array<{ start: string }>) : []);
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

/** Entries of every kind the engine reads: busy, tentative, free, cancelled, all-day, in both calendars. */
function calendarOf(now: number) {
  return {
    book: [
      entry(now, 26, 1),
      entry(now, 28, 2, { availability: 'tentative' }),
      entry(now, 30, 1, { availability: 'free' }),
      entry(now, 50, 1, { isCancelled: true }),
    ],
    busy: [
      entry(now, 27, 1.5),
      entry(now, 72, 24, { isAllDay: true, allDay: { startDate: '2030-01-01', endDate: '2030-01-02' } }),
    ],
  };
}

eachSeason('Call-start prefetch: freshness', (now) => {
  it('serves the call 59 s after the read with no provider read, the same answer a live read gives', async () => {
    // Prepare
    const { book, busy } = calendarOf(now);
    const w = await prefetchWorld(book, busy);
    expect(await prefetchBusy(started('c1'), 'status-update', w.deps, deadline())).toBe('stored');
    const afterPrefetch = w.reads();
    later(59_000);

    // Act
    const cached = await ask(w, 'c1', { time_of_day: 'afternoon' });
    const servedReads = w.reads() - afterPrefetch;
    const expected = await live(w, { time_of_day: 'afternoon' });

    // Assess
    expect(afterPrefetch).toBe(2);
    expect(servedReads).toBe(0);
    expect(slots(cached).length).toBeGreaterThan(0);
    expect(cached).toEqual(expected);
  });

  it('reads live 61 s after the read, and answers the same', async () => {
    // Prepare
    const { book, busy } = calendarOf(now);
    const w = await prefetchWorld(book, busy);
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const before = w.reads();
    later(61_000);

    // Act
    const answer = await ask(w, 'c1');

    // Assess
    expect(w.reads() - before).toBe(2);
    expect(answer).toEqual(await live(w));
  });

  it('reads live exactly past PREFETCH_FRESH_MS, and serves at it', async () => {
    // Prepare
    const w = await prefetchWorld([entry(now, 30, 1)]);
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const before = w.reads();

    // Act
    later(PREFETCH_FRESH_MS);
    await ask(w, 'c1');
    const atBound = w.reads() - before;
    later(1);
    await ask(w, 'c1');

    // Assess
    expect(atBound).toBe(0);
    expect(w.reads() - before).toBe(2);
  });

  it('shows an event added after the read once the prefetch is stale', async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const first = slots(await ask(w, 'c1'))[0]!;
    const start = Date.parse(first.start);
    w.calendar.entries.push(entry(start, 0, 0.5));

    // Act
    later(61_000);
    const after = slots(await ask(w, 'c1')).map((s) => s.start);

    // Assess
    expect(after).not.toContain(first.start);
  });
});

describe('Call-start prefetch: what is served', () => {
  it('serves only the call that prefetched: another call of the same manager reads live', async () => {
    // Prepare
    const w = await prefetchWorld([entry(Date.now(), 30, 1)]);
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const before = w.reads();

    // Act
    await ask(w, 'c2');

    // Assess
    expect(w.reads() - before).toBe(2);
  });

  it('reads live when the manager gained a calendar since the read', async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const record = (await w.connections.get('mgr'))!;
    const read = versionsOf(record);
    const personal = record.connections.find((c) => c.connectionId === 'personal')!;
    personal.calendars.push({ id: 'extra', name: 'extra', role: 'busy', canEdit: true });
    await w.connections.save(record, read);
    const before = w.reads();

    // Act
    await ask(w, 'c1');

    // Assess
    expect(w.reads() - before).toBe(3);
  });

  it('reads live (and warns) when the cache cannot be read', async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    w.cache.failGet = new Error('ProvisionedThroughputExceededException');
    const before = w.reads();

    // Act
    const answer = await ask(w, 'c1');

    // Assess
    expect(w.reads() - before).toBe(2);
    expect('result' in answer).toBe(true);
    expect(w.warnings).toContain('reading the call-start prefetch failed; reading the calendar');
  });

  it('keeps across local midnight: a read at 23:59:30 serves a question 40 s later, as a live read answers it', async () => {
    // Prepare: 23:59:30 in New York (winter, UTC-5)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-01-16T04:59:30Z'));
    try {
      const w = await prefetchWorld([entry(Date.now(), 12, 1)]);
      await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
      const before = w.reads();
      later(40_000);

      // Act
      const answer = await ask(w, 'c1');

      // Assess
      expect(w.reads() - before).toBe(0);
      expect(answer).toEqual(await live(w));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Call-start prefetch: call-start messages', () => {
  it('prefetches once when both call-start messages come (the second finds the first fresh)', async () => {
    // Prepare
    const w = await prefetchWorld();

    // Act
    const first = await prefetchBusy(started('c1', 'pn-mgr'), 'assistant-request', w.deps, deadline());
    const second = await prefetchBusy(started('c1', 'pn-mgr'), 'status-update', w.deps, deadline());

    // Assess
    expect([first, second]).toEqual(['stored', 'already']);
    expect(w.reads()).toBe(2);
  });

  it('skips an assistant-request whose phone number has no route of its own (its assistant may route elsewhere)', async () => {
    // Prepare
    const w = await prefetchWorld();

    // Act
    const outcomes = [
      await prefetchBusy(started('c1'), 'assistant-request', w.deps, deadline()),
      await prefetchBusy(started('c2', 'pn-unknown'), 'assistant-request', w.deps, deadline()),
      await prefetchBusy({}, 'status-update', w.deps, deadline()),
    ];

    // Assess
    expect(outcomes).toEqual(['not-routed', 'not-routed', 'no-call']);
    expect(w.reads()).toBe(0);
    expect(w.cache.puts).toBe(0);
  });

  it('with the switch off (no cache) reads nothing at call start, and get_availability reads live', async () => {
    // Prepare
    const w = await prefetchWorld();
    const off = { ...w.deps, busyCache: undefined };

    // Act
    const outcome = await prefetchBusy(started('c1'), 'status-update', off, deadline());
    const afterStart = w.reads();
    await ask(w, 'c1', {}, off);

    // Assess
    expect(outcome).toBe('off');
    expect(afterStart).toBe(0);
    expect(w.reads()).toBe(2);
    expect(w.cache.gets + w.cache.puts).toBe(0);
  });

  it('stores nothing when the call wrote while the read ran (a spent slot is never overwritten)', async () => {
    // Prepare
    const w = await prefetchWorld();
    vi.spyOn(w.calendar, 'listEntries').mockImplementation(async function (this: FakeCalendar, id) {
      await w.cache.spend('c1');
      return FakeCalendar.prototype.listEntries.call(w.calendar, id);
    });

    // Act
    const outcome = await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());

    // Assess
    expect(outcome).toBe('refused');
    expect(await w.cache.get('c1')).toBe('spent');
  });
});

eachSeason('Call-start prefetch: invalidation by the call own writes', () => {
  it('a booking marks the call spent: its next get_availability reads live and no longer offers the slot', async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    const [slot] = slots(await ask(w, 'c1'));
    const args = setAppointmentSchema.parse({
      start_time: slot!.start,
      attendee_name: 'Ana',
      attendee_email: 'ana@example.com',
      property_address: '1 Main St',
    });
    const call = { toolCallId: 'tc-book', context: { callId: 'c1', customerNumber: '+15550001111' } };
    const booked = await spendingPrefetch('c1', w.deps, () => setAppointment(args, call, w.deps, deadline()));
    const before = w.reads();

    // Act
    const after = await ask(w, 'c1');

    // Assess
    expect('result' in booked && booked.result.booked).toBe(true);
    expect(await w.cache.get('c1')).toBe('spent');
    expect(w.reads() - before).toBe(2);
    expect(slots(after).map((s) => s.start)).not.toContain(slot!.start);
  });

  it("another call's booking made after the read is not offered from the prefetch, as a live read answers", async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());
    // The last offered, not the first: the clock moves 2 s below, and the first may start right now (notice 0).
    const slot = slots(await live(w)).at(-1);
    const args = setAppointmentSchema.parse({
      start_time: slot!.start,
      attendee_name: 'Bo',
      property_address: '2 Elm',
    });
    const other = { toolCallId: 'tc-other', context: { callId: 'c2', customerNumber: '+15550002222' } };
    later(2_000);
    const booked = await setAppointment(args, other, w.deps, deadline());
    const before = w.reads();

    // Act
    const served = await ask(w, 'c1');
    const expected = await live(w);

    // Assess
    expect('result' in booked && booked.result.booked).toBe(true);
    expect(w.reads() - before).toBe(2);
    expect(slots(served).map((s) => s.start)).not.toContain(slot!.start);
    expect(served).toEqual(expected);
  });

  it('marks the call spent even when the write fails, and passes its failure on', async () => {
    // Prepare
    const w = await prefetchWorld();
    await prefetchBusy(started('c1'), 'status-update', w.deps, deadline());

    // Act
    const run = spendingPrefetch('c1', w.deps, () => Promise.reject(new Error('write failed')));

    // Assess
    await expect(run).rejects.toThrow('write failed');
    expect(await w.cache.get('c1')).toBe('spent');
  });

  it('answers the write even when marking spent fails (logged)', async () => {
    // Prepare
    const w = await prefetchWorld();
    vi.spyOn(w.cache, 'spend').mockRejectedValue(new Error('throttled'));

    // Act
    const answer = await spendingPrefetch('c1', w.deps, async () => 'written');

    // Assess
    expect(answer).toBe('written');
    expect(w.warnings).toContain('marking the call-start prefetch spent failed; it lapses on its own');
  });
});
