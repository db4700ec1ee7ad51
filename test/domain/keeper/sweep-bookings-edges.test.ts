/** The bookings sweep's edges: its backoff, its budget, a failure's log line, and records changed since listed. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord, BookingStore } from '../../../functions/domain/ports';
import { SETTLE_MARGIN_MS } from '../../../functions/domain/ports';
import { honestDeps } from '../scheduling/honest-booking.harness';
import type { LogLine } from './keeper-fixtures';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;

type SweepModule = typeof import('../../../functions/domain/keeper/sweep-bookings');

describe('Function: retryDelay', () => {
  let retryDelay: SweepModule['retryDelay'];
  const createdAt = new Date(NOW).toISOString();

  beforeEach(async () => {
    vi.resetModules();
    ({ retryDelay } = await import('../../../functions/domain/keeper/sweep-bookings'));
  });

  it.each([
    { case: 'a record just made waits the least, 15 minutes', age: 0, delay: 15 * MINUTE },
    { case: 'a record 4 hours old waits a quarter of its age', age: 4 * HOUR, delay: HOUR },
    { case: 'a record 2 days old waits the most, 6 hours', age: 48 * HOUR, delay: 6 * HOUR },
  ])('$case', ({ age, delay }) => {
    // Act
    const waited = retryDelay({ createdAt }, NOW + age);
    // Assess
    expect(waited).toBe(delay);
  });

  it('a record whose creation time cannot be read waits the least', () => {
    // Act
    const waited = retryDelay({ createdAt: 'not a time' }, NOW);
    // Assess
    expect(waited).toBe(15 * MINUTE);
  });
});

describe('Function: sweepDueBookings (edges)', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  let lines: LogLine[];
  let sweepDueBookings: SweepModule['sweepDueBookings'];
  const sweep = (deadlineMs = 60_000, limit = 25) =>
    sweepDueBookings(h.deps, { limit, deadline: { at: at.now + deadlineMs } });
  const NOTHING = { looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 };

  /** A booking of conn-1's default calendar, `slot` hours after START, made now. */
  const booking = (bookingId: string, slot = 0, extra: Partial<BookingRecord> = {}): BookingRecord => ({
    managerId: 'mgr',
    bookingId,
    start: new Date(START + slot * HOUR).toISOString(),
    end: new Date(START + slot * HOUR + HOUR / 2).toISOString(),
    startMs: START + slot * HOUR,
    endMs: START + slot * HOUR + HOUR / 2,
    callerName: 'Jane',
    status: 'pending',
    toolCallId: `tc-${bookingId}`,
    callId: `call-${bookingId}`,
    confirmationCode: '123456',
    bookingKey: `key-${bookingId}`,
    createdAt: new Date(at.now).toISOString(),
    cells: [START + slot * HOUR],
    connectionId: 'conn-1',
    calendarId: 'default',
    ...extra,
  });
  /** A pending lock whose invocation was cut off: its lease ends in a minute, it is due 2 minutes after. */
  const lock = async (bookingId: string, slot = 0) => {
    const record = booking(bookingId, slot);
    await h.bookings.reserve(record, record.cells!, at.now + MINUTE, at.now);
    return record;
  };
  const statusOf = (bookingId: string) => [...h.bookings.bookings.values()].find((b) => b.bookingId === bookingId)!;
  /** The due-list as the sweep reads it, with each listed entry changed by `change` (an index lagging the table). */
  const listedAs = (change: (entry: BookingRecord) => BookingRecord) => {
    const listDue = h.bookings.listDue.bind(h.bookings);
    (h.bookings as BookingStore).listDue = async (...a) => (await listDue(...a)).map(change);
  };

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    at.now = NOW;
    vi.resetModules();
    ({ sweepDueBookings } = await import('../../../functions/domain/keeper/sweep-bookings'));
    h = await honestDeps(at);
    lines = [];
    const line = (level: LogLine['level']) => (message: string, extra?: Record<string, unknown>) =>
      lines.push({ level, message, extra });
    h.deps.log = { warn: line('warn'), error: line('error') };
  });
  afterEach(() => vi.useRealTimers());

  it('settles a record due this very millisecond', async () => {
    // Prepare
    await lock('stale');
    at.now += MINUTE + SETTLE_MARGIN_MS;
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, released: 1 });
    expect(statusOf('stale').status).toBe('released');
  });

  it('starts a record with exactly 3 s left', async () => {
    // Prepare
    await lock('stale');
    at.now += HOUR;
    // Act
    const result = await sweep(3_000);
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, released: 1 });
  });

  it('counts every record it had no time left for once the budget runs out midway', async () => {
    // Prepare: three stale locks; letting one go takes 2 s
    for (const [slot, id] of ['a', 'b', 'c'].entries()) await lock(id, slot);
    at.now += HOUR;
    const release = h.bookings.release.bind(h.bookings);
    h.bookings.release = async (...a) => {
      await release(...a);
      at.now += 2_000;
    };
    // Act: 4 s: the first record fits, then 2 s are left
    const result = await sweep(4_000);
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, released: 1, left: 2 });
    expect(['a', 'b', 'c'].map((id) => statusOf(id).status)).toEqual(['released', 'pending', 'pending']);
  });

  it('a listed record gone from its start when read again is looked at and left alone, without a warning', async () => {
    // Prepare: the record is no longer where the list says (moved meanwhile)
    await lock('stale');
    at.now += HOUR;
    vi.spyOn(h.bookings, 'listByManager').mockResolvedValueOnce([]);
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1 });
    expect(lines).toEqual([]);
    expect(statusOf('stale').status).toBe('pending');
  });

  it('a lapsed hold the caller booked just as it was listed is not taken for a stale lock', async () => {
    // Prepare: a hold that lapsed; right after the sweep lists it, the call turns it into a pending booking
    const held = booking('held', 0, { status: 'held', holdUntilMs: at.now + MINUTE });
    await h.bookings.hold(held, held.cells!, at.now);
    at.now += 2 * MINUTE;
    const listDue = h.bookings.listDue.bind(h.bookings);
    h.bookings.listDue = async (...a) => {
      const listed = await listDue(...a);
      const booked = { ...held, status: 'pending' as const, holdUntilMs: undefined, toolCallId: 'tc-book' };
      await h.bookings.convertHold(booked, held.cells!, at.now + MINUTE, at.now);
      return listed;
    };
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1 });
    expect(statusOf('held').status).toBe('pending');
    expect(h.bookings.cells.size).toBe(1);
  });

  it('a pending record the list shows with a different answer than it has now is not settled as due', async () => {
    // Prepare
    await lock('stale');
    at.now += HOUR;
    listedAs((entry) => ({ ...entry, told: 'confirming' }));
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1 });
    expect(statusOf('stale').status).toBe('pending');
  });

  it('a pending record listed with a due time still to come is not settled', async () => {
    // Prepare
    await lock('stale');
    at.now += HOUR;
    listedAs((entry) => ({ ...entry, dueAtMs: at.now + MINUTE }));
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1 });
    expect(statusOf('stale').status).toBe('pending');
  });

  it('a pending record listed without a due time is settled', async () => {
    // Prepare
    await lock('stale');
    at.now += HOUR;
    listedAs(({ dueAtMs: _, ...entry }) => entry);
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, released: 1 });
    expect(statusOf('stale').status).toBe('released');
  });

  it('a record that fails to settle: one WARN line with its retry time, and it is due again then', async () => {
    // Prepare
    await lock('stale');
    at.now += 3 * MINUTE;
    h.bookings.listByManager = () => Promise.reject(new Error('throttled'));
    const retryAt = at.now + 15 * MINUTE;
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, left: 1 });
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'settling a due booking failed; it is tried again later',
        extra: {
          managerId: 'mgr',
          bookingId: 'stale',
          retryAt: new Date(retryAt).toISOString(),
          error: 'Error',
          reason: 'throttled',
        },
      },
    ]);
    expect(await h.bookings.listDue(retryAt - 1, 25)).toEqual([]);
    expect((await h.bookings.listDue(retryAt, 25)).map((b) => b.bookingId)).toEqual(['stale']);
  });

  it('a failed record listed without a due time is not put on the list by its retry', async () => {
    // Prepare: a booking confirmed since (off the list), still listed by a lagging index, without its due time
    const record = await lock('done');
    await h.bookings.confirm(record, record.cells!, 'evt-1');
    const entry = { ...record };
    (h.bookings as BookingStore).listDue = async () => [entry];
    h.bookings.listByManager = () => Promise.reject(new Error('throttled'));
    // Act
    const result = await sweep();
    // Assess
    expect(result).toEqual({ ...NOTHING, looked: 1, left: 1 });
    expect(statusOf('done')).not.toHaveProperty('dueAtMs');
  });
});
