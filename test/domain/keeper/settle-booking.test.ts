/** Settling one unfinished booking: "booked" is kept, anything else is cancelled or let go, its event with it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyError } from '../../../functions/domain/errors';
import { RECHECK_AFTER_MS, type SettleDeps, settleBooking } from '../../../functions/domain/keeper/settle-booking';
import type { BookingRecord } from '../../../functions/domain/ports';
import { honestDeps } from '../scheduling/honest-booking.harness';
import type { LogLine } from './keeper-fixtures';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');
const HOUR = 3_600_000;
const QUOTA = { day: '2026-11-24', callerKey: 'caller-digest' };
const deadline = () => ({ at: NOW + 60_000 });

describe('Function: settleBooking', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  let lines: LogLine[];
  let deps: SettleDeps;

  /** A booking of call-1 at Tuesday 10:00 New York, written to the fake's default calendar of conn-1. */
  const booking = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord => ({
    managerId: 'mgr',
    bookingId,
    start: '2026-11-24T10:00:00-05:00',
    end: '2026-11-24T10:30:00-05:00',
    startMs: START,
    endMs: START + HOUR / 2,
    callerName: 'Jane',
    status: 'pending',
    toolCallId: `tc-${bookingId}`,
    callId: 'call-1',
    confirmationCode: '123456',
    bookingKey: `key-${bookingId}`,
    createdAt: new Date(NOW).toISOString(),
    cells: [START, START + 300_000],
    connectionId: 'conn-1',
    calendarId: 'default',
    ...extra,
  });
  /** The record as stored now (what the sweep reads before settling it). */
  const read = async (bookingId: string) =>
    (await h.bookings.listByManager('mgr', 0, Number.MAX_SAFE_INTEGER)).find((b) => b.bookingId === bookingId)!;
  /** A pending booking whose lease ended, optionally answered about ("told"). */
  const pending = async (record: BookingRecord, told?: 'confirming' | 'booked', eventId?: string) => {
    await h.bookings.reserve(record, record.cells!, at.now + 60_000, at.now);
    if (told) await h.bookings.markUnsettled(record, record.cells!, { told, eventId, untilMs: NOW, dueAtMs: NOW });
    return read(record.bookingId);
  };
  /** A booking voided earlier and due for its recheck, optionally with the event id it recorded. */
  const voided = async (record: BookingRecord, eventId?: string) => {
    await pending(record, 'confirming');
    const entry = { type: 'cancelled' as const, at: new Date(NOW).toISOString(), reason: 'unconfirmed' };
    await h.bookings.voidPending(record, record.cells!, { entry, eventId, retryAtMs: at.now });
    return read(record.bookingId);
  };
  /** An event carrying `bookingKey` in the booking's slot, as a create that landed leaves it. */
  const event = async (bookingKey: string) =>
    (
      await h.calendar.createEvent('default', {
        subject: 'Viewing',
        bodyText: '',
        start: START,
        end: START + HOUR / 2,
        timeZone: 'America/New_York',
        bookingKey,
      })
    ).id;
  const live = () => h.calendar.entries.filter((e) => !e.isCancelled).map((e) => e.id);
  const cancelledIds = () => h.calendar.cancelled.map((c) => c.eventId);
  const due = async (untilMs: number) => (await h.bookings.listDue(untilMs, 25)).map((b) => b.bookingId);
  /** Whether the caller's daily unit is free again (a cap of one can be taken). */
  const unitFree = () => h.bookings.takeCallerQuota('mgr', QUOTA.callerKey, QUOTA.day, 1, at.now);
  const warned = (message: string) => lines.filter((l) => l.level === 'warn' && l.message === message);
  const ids = (bookingId: string) => ({ managerId: 'mgr', bookingId });

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    at.now = NOW;
    h = await honestDeps(at);
    lines = [];
    const line = (level: LogLine['level']) => (message: string, extra?: Record<string, unknown>) =>
      lines.push({ level, message, extra });
    deps = { ...h.deps, log: { warn: line('warn'), error: line('error') } };
  });
  afterEach(() => vi.useRealTimers());

  describe('a hold', () => {
    const held = async (untilMs: number) => {
      const hold = booking('h', { status: 'held', holdUntilMs: untilMs, bookingKey: undefined });
      await h.bookings.hold(hold, hold.cells!, at.now);
      return read('h');
    };

    it('is left alone while it still keeps its slot', async () => {
      // Prepare
      const hold = await held(NOW + 60_000);
      // Act
      const settled = await settleBooking(hold, true, deps, deadline());
      // Assess
      expect(settled).toBe('skipped');
      expect((await read('h')).status).toBe('held');
      expect(h.bookings.cells.size).toBe(2);
    });

    it('is released once it lapses, at the very instant it ends', async () => {
      // Prepare
      const hold = await held(NOW + 60_000);
      at.now = NOW + 60_000;
      // Act
      const settled = await settleBooking(hold, true, deps, deadline());
      // Assess
      expect(settled).toBe('released');
      expect(await read('h')).toMatchObject({
        status: 'released',
        history: [{ type: 'released', at: new Date(at.now).toISOString(), by: 'caller' }],
      });
      expect(h.bookings.cells.size).toBe(0);
    });

    it('is released when it has no end recorded', async () => {
      // Prepare: a hold whose end the record lost
      const hold = await held(NOW + 60_000);
      delete hold.holdUntilMs;
      // Act
      const settled = await settleBooking(hold, true, deps, deadline());
      // Assess
      expect(settled).toBe('released');
      expect((await read('h')).status).toBe('released');
    });

    it('is skipped when releasing it fails (it lapses on its own)', async () => {
      // Prepare
      const hold = await held(NOW + 60_000);
      at.now += HOUR;
      vi.spyOn(h.bookings, 'releaseHold').mockRejectedValueOnce(new Error('throttled'));
      // Act
      const settled = await settleBooking(hold, true, deps, deadline());
      // Assess
      expect(settled).toBe('skipped');
      expect((await read('h')).status).toBe('held');
    });
  });

  describe('a booking neither pending nor held nor cancelled', () => {
    it('only leaves the due-list', async () => {
      // Prepare: a confirmed booking still listed as due (its confirm landed after the list was read)
      const record = booking('a');
      await h.bookings.reserve(record, record.cells!, at.now + 60_000, at.now);
      const id = await event(record.bookingKey!);
      await h.bookings.confirm(record, record.cells!, id);
      h.bookings.bookings.get(`mgr#${START}#a`)!.dueAtMs = NOW;
      // Act
      const settled = await settleBooking(await read('a'), true, deps, deadline());
      // Assess
      expect(settled).toBe('skipped');
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(await read('a')).toMatchObject({ status: 'confirmed', eventId: id });
      expect(live()).toEqual([id]);
      expect(h.bookings.cells.size).toBe(2);
    });
  });

  describe('a pending booking nobody was answered about', () => {
    it('is left alone until it is due (an invocation may still be writing it)', async () => {
      // Prepare
      const record = await pending(booking('a'));
      // Act
      const settled = await settleBooking(record, false, deps, deadline());
      // Assess
      expect(settled).toBe('skipped');
      expect((await read('a')).status).toBe('pending');
      expect(h.bookings.cells.size).toBe(2);
      expect(lines).toEqual([]);
    });

    it('is released once due when no event was made, and says it was not superseded', async () => {
      // Prepare
      const record = await pending(booking('a'));
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('released');
      expect((await read('a')).status).toBe('released');
      expect(h.bookings.cells.size).toBe(0);
      expect(h.calendar.opened).toHaveLength(1);
      expect(lines).toEqual([
        { level: 'warn', message: 'released a stale pending booking', extra: { ...ids('a'), superseded: false } },
      ]);
    });

    it('is released without looking at the calendar when a later attempt of its key took over', async () => {
      // Prepare: B, a later attempt with A's key, confirmed the event
      const a = await pending(booking('a'));
      const id = await event(a.bookingKey!);
      const b = booking('b', { status: 'confirmed', bookingKey: a.bookingKey, eventId: id });
      // Act
      const settled = await settleBooking(a, true, deps, deadline(), [a, b]);
      // Assess
      expect(settled).toBe('released');
      expect(live()).toEqual([id]);
      expect(h.calendar.cancelled).toEqual([]);
      expect(h.calendar.opened).toEqual([]);
      expect(lines).toEqual([
        { level: 'warn', message: 'released a stale pending booking', extra: { ...ids('a'), superseded: true } },
      ]);
    });

    it('is not superseded by another record that has no key either: its calendar is still read', async () => {
      // Prepare: an older record without a key, beside another keyless booking of the manager
      const a = await pending(booking('a', { bookingKey: undefined }));
      const other = booking('c', { bookingKey: undefined, status: 'confirmed', eventId: 'evt-other' });
      // Act
      const settled = await settleBooking(a, true, deps, deadline(), [a, other]);
      // Assess
      expect(settled).toBe('released');
      expect(h.calendar.opened).toHaveLength(1);
      expect(lines).toEqual([
        { level: 'warn', message: 'released a stale pending booking', extra: { ...ids('a'), superseded: false } },
      ]);
    });

    it('is cancelled with its event when the create landed, counted and logged', async () => {
      // Prepare
      const record = await pending(booking('a'));
      const id = await event(record.bookingKey!);
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(await read('a')).toMatchObject({
        status: 'cancelled',
        eventId: id,
        history: [{ type: 'cancelled', at: new Date(NOW).toISOString(), reason: 'unconfirmed' }],
      });
      expect(cancelledIds()).toEqual([id]);
      expect(live()).toEqual([]);
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(h.metrics.counts).toEqual([{ name: 'BookingReconciled', dimensions: { outcome: 'cancelled' } }]);
      expect(warned('cancelled a booking the caller was not told was booked')).toEqual([
        {
          level: 'warn',
          message: 'cancelled a booking the caller was not told was booked',
          extra: { ...ids('a'), eventFound: true },
        },
      ]);
    });

    it('is cancelled, not released, when its calendar is disconnected; its unit is kept', async () => {
      // Prepare: the connection it was written to is gone
      await h.bookings.takeCallerQuota('mgr', QUOTA.callerKey, QUOTA.day, 1, at.now);
      const record = await pending(booking('a', { connectionId: 'conn-gone', quota: QUOTA }));
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect((await read('a')).status).toBe('cancelled');
      expect(await due(NOW + RECHECK_AFTER_MS - 1)).toEqual([]);
      expect(await due(NOW + RECHECK_AFTER_MS)).toEqual(['a']);
      expect(await unitFree()).toBe(false);
      expect(warned('cancelled a booking the caller was not told was booked')).toMatchObject([
        { extra: { ...ids('a'), eventFound: false } },
      ]);
    });
  });

  describe('a pending booking answered "booked"', () => {
    it('is kept (confirmed with its event), even before it is due, with a warning and a count', async () => {
      // Prepare
      const id = await event('key-a');
      const record = await pending(booking('a'), 'booked', id);
      // Act
      const settled = await settleBooking(record, false, deps, deadline());
      // Assess
      expect(settled).toBe('kept');
      expect(await read('a')).toMatchObject({ status: 'confirmed', eventId: id });
      expect(live()).toEqual([id]);
      expect(h.metrics.counts).toEqual([{ name: 'BookingReconciled', dimensions: { outcome: 'kept' } }]);
      expect(lines).toEqual([{ level: 'warn', message: 'kept a booking the caller heard booked', extra: ids('a') }]);
    });

    it('without an event id is left for the operator, with an error', async () => {
      // Prepare: a "booked" note that never named its event
      const record = { ...(await pending(booking('a'))), told: 'booked' as const };
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('skipped');
      expect((await read('a')).status).toBe('pending');
      expect(h.calendar.opened).toEqual([]);
      expect(lines).toEqual([
        {
          level: 'error',
          message: 'a booking heard booked has no event id; left for the operator',
          extra: ids('a'),
        },
      ]);
    });
  });

  describe('a pending booking answered "confirming"', () => {
    it('is cancelled even before it is due, stays due for a recheck, and gives the caller unit back', async () => {
      // Prepare: no event was made (yet)
      await h.bookings.takeCallerQuota('mgr', QUOTA.callerKey, QUOTA.day, 1, at.now);
      const record = await pending(booking('a', { quota: QUOTA }), 'confirming');
      // Act
      const settled = await settleBooking(record, false, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(await read('a')).toMatchObject({
        status: 'cancelled',
        history: [{ type: 'cancelled', at: new Date(NOW).toISOString(), reason: 'unconfirmed' }],
      });
      expect(h.bookings.cells.size).toBe(0);
      expect(await due(NOW + RECHECK_AFTER_MS - 1)).toEqual([]);
      expect(await due(NOW + RECHECK_AFTER_MS)).toEqual(['a']);
      expect(await unitFree()).toBe(true);
      expect(h.calendar.cancelled).toEqual([]);
    });

    it('whose event id is recorded is cancelled with that event, not kept', async () => {
      // Prepare
      const id = await event('key-a');
      const record = await pending(booking('a'), 'confirming', id);
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect((await read('a')).status).toBe('cancelled');
      expect(cancelledIds()).toEqual([id]);
      expect(h.calendar.cancelled[0]!.comment).toBe(
        'This viewing could not be confirmed during the call, so it has been cancelled.',
      );
    });

    it('without a key, and no siblings given, is looked up by its event id', async () => {
      // Prepare
      const id = await event('other-key');
      const record = await pending(booking('a', { bookingKey: undefined }), 'confirming', id);
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('cancelled');
      expect(cancelledIds()).toEqual([id]);
      expect(live()).toEqual([]);
    });

    it('keeps its unit for a later attempt that took over its key, and leaves that one its event', async () => {
      // Prepare
      await h.bookings.takeCallerQuota('mgr', QUOTA.callerKey, QUOTA.day, 1, at.now);
      const a = await pending(booking('a', { quota: QUOTA }), 'confirming');
      const id = await event(a.bookingKey!);
      const b = booking('b', { bookingKey: a.bookingKey });
      // Act
      const settled = await settleBooking(a, true, deps, deadline(), [a, b]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(await unitFree()).toBe(false);
      expect(live()).toEqual([id]);
      expect(h.calendar.opened).toEqual([]);
    });

    it.each([
      { case: 'a released attempt of the same key', sibling: { bookingKey: 'key-a', status: 'released' as const } },
      { case: 'a live booking of another key', sibling: { bookingKey: 'key-c', status: 'confirmed' as const } },
    ])('is not superseded by $case: its unit is given back', async ({ sibling }) => {
      // Prepare
      await h.bookings.takeCallerQuota('mgr', QUOTA.callerKey, QUOTA.day, 1, at.now);
      const a = await pending(booking('a', { quota: QUOTA }), 'confirming');
      // Act
      const settled = await settleBooking(a, true, deps, deadline(), [a, booking('c', sibling)]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(await unitFree()).toBe(true);
      expect(h.calendar.opened).toHaveLength(1);
    });

    it('without a recorded unit is still cancelled', async () => {
      // Prepare
      const record = await pending(booking('a'), 'confirming');
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(warned('giving back the caller quota of a voided booking failed')).toEqual([]);
    });

    it('is still cancelled when giving its unit back fails, with a warning', async () => {
      // Prepare
      const record = await pending(booking('a', { quota: QUOTA }), 'confirming');
      vi.spyOn(h.bookings, 'returnCallerQuota').mockRejectedValueOnce(new Error('throttled'));
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(warned('giving back the caller quota of a voided booking failed')).toEqual([
        {
          level: 'warn',
          message: 'giving back the caller quota of a voided booking failed',
          extra: { error: 'Error', reason: 'throttled' },
        },
      ]);
    });

    it('is skipped when it changed since it was read (another invocation confirmed it)', async () => {
      // Prepare
      const record = await pending(booking('a'), 'confirming');
      const id = await event(record.bookingKey!);
      await h.bookings.confirm(record, record.cells!, id);
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('skipped');
      expect(await read('a')).toMatchObject({ status: 'confirmed', eventId: id });
      expect(live()).toEqual([id]);
      expect(h.metrics.counts).toEqual([]);
      expect(lines).toEqual([]);
    });

    it('fails with any other error of the void, changing nothing', async () => {
      // Prepare
      const record = await pending(booking('a'), 'confirming');
      const throttled = new Error('throttled');
      vi.spyOn(h.bookings, 'voidPending').mockRejectedValueOnce(throttled);
      // Act
      const settled = settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      await expect(settled).rejects.toBe(throttled);
      expect((await read('a')).status).toBe('pending');
      expect(h.metrics.counts).toEqual([]);
    });

    it('in manual mode (no calendar) is cancelled without a lookup', async () => {
      // Prepare
      const record = await pending(booking('a', { connectionId: undefined }), 'confirming');
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(h.calendar.opened).toEqual([]);
      expect(await due(NOW + RECHECK_AFTER_MS)).toEqual(['a']);
    });
  });

  describe('the recheck of a voided booking', () => {
    it('cancels the event that landed late, and leaves the due-list', async () => {
      // Prepare
      const record = await voided(booking('a'));
      const id = await event(record.bookingKey!);
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('finished');
      expect(cancelledIds()).toEqual([id]);
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(lines).toEqual([]);
    });

    it('cancels nothing when no event landed', async () => {
      // Prepare
      const record = await voided(booking('a'));
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('finished');
      expect(h.calendar.cancelled).toEqual([]);
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
    });

    it.each([
      { case: 'released', status: 'released' as const },
      { case: 'cancelled', status: 'cancelled' as const },
    ])('is not stopped by a $case attempt of the same key', async ({ status }) => {
      // Prepare
      const record = await voided(booking('a'));
      const id = await event(record.bookingKey!);
      const other = booking('b', { bookingKey: record.bookingKey, status });
      // Act
      await settleBooking(record, true, deps, deadline(), [record, other]);
      // Assess
      expect(cancelledIds()).toEqual([id]);
    });

    it('is not stopped by a live booking of another key', async () => {
      // Prepare
      const record = await voided(booking('a'));
      const id = await event(record.bookingKey!);
      const other = booking('c', { status: 'confirmed', eventId: 'evt-other' });
      // Act
      await settleBooking(record, true, deps, deadline(), [record, other]);
      // Assess
      expect(cancelledIds()).toEqual([id]);
      expect(warned("the event of an unconfirmed booking is a later attempt's; it is kept")).toEqual([]);
    });

    it('without a key is not taken for a later attempt of a live booking that has no key either', async () => {
      // Prepare: records written before bookings carried a key
      const record = await voided(booking('a', { bookingKey: undefined }));
      const other = booking('c', { bookingKey: undefined, status: 'confirmed', eventId: 'evt-other' });
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record, other]);
      // Assess
      expect(settled).toBe('finished');
      expect(lines).toEqual([]);
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
    });

    it.each([
      { case: 'pending', status: 'pending' as const },
      { case: 'confirmed', status: 'confirmed' as const },
      { case: 'moved away', status: 'moved' as const },
    ])('keeps the event of a later attempt of the same key that is $case, with a warning', async ({ status }) => {
      // Prepare
      const record = await voided(booking('a'));
      const id = await event(record.bookingKey!);
      const later = booking('b', { bookingKey: record.bookingKey, status, eventId: id });
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record, later]);
      // Assess
      expect(settled).toBe('finished');
      expect(h.calendar.cancelled).toEqual([]);
      expect(live()).toEqual([id]);
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: "the event of an unconfirmed booking is a later attempt's; it is kept",
          extra: ids('a'),
        },
      ]);
    });

    it("keeps the event when the later attempt confirmed the voided booking's own event", async () => {
      // Prepare: A recorded evt-1; B resumed A's key and confirmed that same event; C is another call's booking
      const id = await event('key-a');
      const record = await voided(booking('a'), id);
      const later = booking('b', { bookingKey: 'key-a', status: 'confirmed', eventId: id });
      const another = booking('c', { status: 'confirmed', eventId: 'evt-other' });
      // Act
      await settleBooking(record, true, deps, deadline(), [record, later, another]);
      // Assess
      expect(h.calendar.cancelled).toEqual([]);
      expect(live()).toEqual([id]);
      expect(warned("the event of an unconfirmed booking is a later attempt's; it is kept")).toHaveLength(1);
    });

    it("cancels only the voided booking's own event when a later attempt of the key has another", async () => {
      // Prepare: A's create landed as evt-1; B, a later attempt of the key, made and confirmed evt-2
      const own = await event('key-a');
      const record = await voided(booking('a'), own);
      const theirs = await event('key-a');
      const later = booking('b', { bookingKey: 'key-a', status: 'confirmed', eventId: theirs });
      // Act
      await settleBooking(record, true, deps, deadline(), [record, later]);
      // Assess
      expect(cancelledIds()).toEqual([own]);
      expect(live()).toEqual([theirs]);
      expect(lines).toEqual([]);
    });

    it('cancels the event a pending booking recorded, though its siblings were read while pending', async () => {
      // Prepare: the end of the call read A pending, and settles it with those records
      const id = await event('key-a');
      const record = await pending(booking('a'), 'confirming', id);
      // Act
      const settled = await settleBooking(record, true, deps, deadline(), [record]);
      // Assess
      expect(settled).toBe('cancelled');
      expect(cancelledIds()).toEqual([id]);
    });

    it('warns when its calendar is disconnected, and leaves the due-list', async () => {
      // Prepare
      const record = await voided(booking('a', { connectionId: 'conn-gone' }));
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('finished');
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: 'the calendar of an unconfirmed booking is disconnected; its event cannot be checked',
          extra: ids('a'),
        },
      ]);
    });

    it('in manual mode (no calendar) only leaves the due-list, silently', async () => {
      // Prepare
      const record = await voided(booking('a', { connectionId: undefined }));
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('finished');
      expect(await due(NOW + 24 * HOUR)).toEqual([]);
      expect(h.calendar.opened).toEqual([]);
      expect(lines).toEqual([]);
    });

    it('is finished even when taking it off the due-list fails, with a warning', async () => {
      // Prepare
      const record = await voided(booking('a'));
      vi.spyOn(h.bookings, 'clearDue').mockRejectedValueOnce(new ConcurrencyError('changed'));
      // Act
      const settled = await settleBooking(record, true, deps, deadline());
      // Assess
      expect(settled).toBe('finished');
      expect(lines).toEqual([
        {
          level: 'warn',
          message: 'taking a settled booking off the due-list failed',
          extra: { error: 'ConcurrencyError', reason: 'changed' },
        },
      ]);
    });
  });

  describe('with no log and no metrics', () => {
    let quiet: SettleDeps;
    beforeEach(() => {
      quiet = { ...deps, log: undefined, metrics: undefined };
    });

    it('keeps a booking heard "booked" and cancels one heard "confirming"', async () => {
      // Prepare
      const id = await event('key-a');
      const kept = await pending(booking('a'), 'booked', id);
      const unheard = await pending(booking('b', { startMs: START + HOUR, cells: [START + HOUR] }), 'confirming');
      // Act
      const settled = [
        await settleBooking(kept, true, quiet, deadline()),
        await settleBooking(unheard, true, quiet, deadline()),
      ];
      // Assess
      expect(settled).toEqual(['kept', 'cancelled']);
    });

    it('leaves a "booked" booking without an event id', async () => {
      // Prepare
      const record = { ...(await pending(booking('a'))), told: 'booked' as const };
      // Act
      const settled = await settleBooking(record, true, quiet, deadline());
      // Assess
      expect(settled).toBe('skipped');
    });

    it('survives a failed unit give-back, a kept later event, a lost calendar, a failed clear', async () => {
      // Prepare
      const a = await pending(booking('a', { quota: QUOTA }), 'confirming');
      vi.spyOn(h.bookings, 'returnCallerQuota').mockRejectedValueOnce(new Error('throttled'));
      const b = await voided(booking('b', { startMs: START + HOUR, cells: [START + HOUR] }));
      const later = booking('b2', { bookingKey: b.bookingKey, status: 'confirmed' });
      const c = await voided(booking('c', { startMs: START + 2 * HOUR, cells: [START + 2 * HOUR], connectionId: 'x' }));
      const d = await voided(booking('d', { startMs: START + 3 * HOUR, cells: [START + 3 * HOUR] }));
      vi.spyOn(h.bookings, 'clearDue').mockImplementation(async (r) => {
        if (r.bookingId === 'd') throw new Error('throttled');
      });
      // Act
      const settled = [
        await settleBooking(a, true, quiet, deadline()),
        await settleBooking(b, true, quiet, deadline(), [b, later]),
        await settleBooking(c, true, quiet, deadline()),
        await settleBooking(d, true, quiet, deadline()),
      ];
      // Assess
      expect(settled).toEqual(['cancelled', 'finished', 'finished', 'finished']);
    });
  });
});
