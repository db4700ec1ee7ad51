import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';
import { readCalendar } from '../../../functions/domain/scheduling/calendar-reads';
import { type ManagerCalendar, openManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';
import type { CalendarEntry, Interval } from '../../../functions/domain/types';
import type { MemoryBookingStore, MemorySettingsStore } from '../../fakes/stores';
import { entry, HOUR, type PrefetchWorld, prefetchWorld } from './prefetch-fixtures';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const DAY = 24 * HOUR;
const deadline = { at: NOW + 10_000 };
/** The range read: from an hour ahead to three days ahead. */
const RANGE: Interval = { start: NOW + HOUR, end: NOW + 3 * DAY };

/** A record of manager "mgr" starting `fromNow` hours ahead, `hours` long; confirmed on connection "work". */
const record = (bookingId: string, fromNow: number, hours: number, extra: Partial<BookingRecord> = {}) => {
  const startMs = NOW + fromNow * HOUR;
  const endMs = startMs + hours * HOUR;
  return {
    managerId: 'mgr',
    bookingId,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    startMs,
    endMs,
    callerName: 'Jane',
    status: 'confirmed',
    toolCallId: `tc-${bookingId}`,
    confirmationCode: 'ABC123',
    createdAt: '2026-11-20T10:00:00.000Z',
    eventId: `evt-${bookingId}`,
    connectionId: 'work',
    bookingKey: `key-${bookingId}`,
    ...extra,
  } satisfies BookingRecord;
};
/** The busy entry a record stands for. */
const busyOf = (b: BookingRecord): CalendarEntry => ({
  id: b.eventId,
  start: b.startMs,
  end: b.endMs,
  availability: 'busy',
  isCancelled: false,
  isAllDay: false,
  bookingKey: b.bookingKey,
});

let w: PrefetchWorld;
let calendar: ManagerCalendar;
const bookings = () => w.deps.bookings as MemoryBookingStore;
const seed = (...records: BookingRecord[]) => bookings().seed(...records);
/** The entries readCalendar returns with `records` already listed (a booking's read beside its claim). */
const withListed = async (records: BookingRecord[], extra: { callId?: string; readAtMs?: number } = {}) => {
  const prefetched = extra.readAtMs === undefined ? undefined : { entries: [], readAtMs: extra.readAtMs };
  const known = { listed: Promise.resolve(records), ...(prefetched && { prefetched }) };
  return (await readCalendar(calendar, RANGE, deadline, w.deps, extra.callId, known)).entries;
};

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  w = await prefetchWorld();
  calendar = await openManagerCalendar('mgr', w.deps);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: readCalendar', () => {
  describe('a calendar that cannot be read', () => {
    it('fails the whole read as unavailable, keeping the cause, and logs which calendar', async () => {
      // Prepare
      const cause = new Error('socket hang up');
      w.calendar.failList = cause;
      w.calendar.failListFor = 'showings';
      const warnings: Array<{ message: string; extra?: Record<string, unknown> }> = [];
      w.deps.log = { warn: (message, extra) => warnings.push({ message, extra }), error: () => undefined };

      // Act
      const read = readCalendar(calendar, RANGE, deadline, w.deps);

      // Assess
      const error = await read.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ message: 'Calendar read failed', cause });
      expect(warnings).toEqual([
        {
          message: 'a calendar could not be read; nothing is offered that could be wrong',
          extra: {
            managerId: 'mgr',
            connectionId: 'personal',
            calendarId: 'showings',
            error: 'Error',
            reason: 'socket hang up',
          },
        },
      ]);
    });

    it('passes a revoked grant on as it is, so the manager is told to reconnect', async () => {
      // Prepare
      const revoked = new ReconnectRequiredError('revoked');
      w.calendar.failList = revoked;

      // Act
      const read = readCalendar(calendar, RANGE, deadline, w.deps);

      // Assess
      await expect(read).rejects.toBe(revoked);
    });

    it('passes an unavailable provider on as it is', async () => {
      // Prepare
      const down = new ProviderUnavailableError('503');
      w.calendar.failList = down;

      // Act
      const read = readCalendar(calendar, RANGE, deadline, w.deps);

      // Assess
      await expect(read).rejects.toBe(down);
    });
  });

  describe('bookings only our records know', () => {
    it('lists them from a day before the range, telling the store which calendars were read', async () => {
      // Prepare: a manual booking that began 23 h before the range and lasts into it
      const early = record('early', 1 - 23, 25, { eventId: 'manual-early', connectionId: undefined });
      seed(early);
      const listBusy = vi.spyOn(bookings(), 'listBusy');

      // Act
      const { entries } = await readCalendar(calendar, RANGE, deadline, w.deps);

      // Assess
      expect(entries).toEqual([busyOf(early)]);
      expect(listBusy).toHaveBeenCalledWith('mgr', RANGE.start - DAY, RANGE.end, {
        connectionIds: expect.arrayContaining(['work', 'personal']),
        exceptPrefix: 'manual-',
        readAtMs: undefined,
      });
    });

    it('keeps, of records listed already, those starting from a day before the range to its end', async () => {
      // Prepare
      const manual = { eventId: undefined, connectionId: 'gone' };
      const tooEarly = record('too-early', 1 - 24 - 1, 30, manual);
      const dayBefore = record('day-before', 1 - 24, 30, manual);
      const inside = record('inside', 5, 1, manual);
      const lastMoment = record('last', 72 - 1, 1, manual);
      const atEnd = record('at-end', 72, 1, manual);

      // Act
      const entries = await withListed([tooEarly, dayBefore, inside, lastMoment, atEnd]);

      // Assess
      expect(entries.map((e) => e.start)).toEqual([dayBefore.startMs, inside.startMs, lastMoment.startMs]);
    });

    it('counts only those still busy inside the range (one ending as the range starts is not)', async () => {
      // Prepare
      const manual = { eventId: 'manual-x', connectionId: undefined };
      const endsAtStart = record('ends-at-start', -1, 2, manual);
      const endsJustAfter = record('ends-after', -1, 2.5, manual);

      // Act
      const entries = await withListed([endsAtStart, endsJustAfter]);

      // Assess
      expect(entries).toEqual([busyOf(endsJustAfter)]);
    });

    it('counts a booking recorded in manual mode (its own event id) as busy', async () => {
      // Prepare
      const manual = record('m', 5, 1, { eventId: 'manual-key-m', connectionId: undefined });

      // Act
      const entries = await withListed([manual]);

      // Assess
      expect(entries).toEqual([busyOf(manual)]);
    });

    it('counts a booking of an account since disconnected, not one whose calendar was read', async () => {
      // Prepare
      const disconnected = record('gone', 5, 1, { connectionId: 'old-account' });
      const shown = record('shown', 8, 1, { connectionId: 'work' });
      const shownBusy = record('shown-busy', 9, 1, { connectionId: 'personal' });

      // Act
      const entries = await withListed([disconnected, shown, shownBusy]);

      // Assess
      expect(entries).toEqual([busyOf(disconnected)]);
    });

    it('does not count a booking with neither a connection nor a manual event id in calendar mode', async () => {
      // Prepare
      const unplaced = record('unplaced', 5, 1, { connectionId: undefined, eventId: 'evt-unplaced' });
      const noEvent = record('no-event', 6, 1, { eventId: undefined });

      // Act
      const entries = await withListed([unplaced, noEvent]);

      // Assess
      expect(entries).toEqual([]);
    });

    it('counts nothing that is not confirmed, such as a released or cancelled manual booking', async () => {
      // Prepare
      const manual = { eventId: 'manual-x', connectionId: undefined };
      const released = record('released', 5, 1, { ...manual, status: 'released' });
      const cancelled = record('cancelled', 7, 1, { ...manual, status: 'cancelled' });

      // Act
      const entries = await withListed([released, cancelled]);

      // Assess
      expect(entries).toEqual([]);
    });

    it('counts every confirmed booking in manual mode, whatever its event id', async () => {
      // Prepare
      (w.deps.settings as MemorySettingsStore).seed('solo', { workingHours: 'mon-sun 08:00-20:00' });
      calendar = await openManagerCalendar('solo', w.deps);
      const old = record('old', 5, 1, { managerId: 'solo', eventId: 'evt-from-before', connectionId: undefined });

      // Act
      const entries = await withListed([old]);

      // Assess
      expect(entries).toEqual([busyOf(old)]);
    });

    it("counts another call's live hold but not the asking call's own", async () => {
      // Prepare
      const hold = { status: 'held' as const, eventId: undefined, connectionId: undefined, holdUntilMs: NOW + 60_000 };
      const theirs = record('theirs', 5, 1, { ...hold, callId: 'call-b' });
      const mine = record('mine', 7, 1, { ...hold, callId: 'call-a' });

      // Act
      const entries = await withListed([theirs, mine], { callId: 'call-a' });

      // Assess
      expect(entries).toEqual([busyOf(theirs)]);
    });
  });

  describe('after a call-start prefetch', () => {
    const READ_AT = NOW - 30_000;

    it('counts a booking made at or after the calendars were read', async () => {
      // Prepare
      const atRead = record('at-read', 5, 1, { createdAt: new Date(READ_AT).toISOString() });
      const later = record('later', 7, 1, { createdAt: new Date(READ_AT + 1).toISOString() });
      const before = record('before', 9, 1, { createdAt: new Date(READ_AT - 1).toISOString() });

      // Act
      const entries = await withListed([atRead, later, before], { readAtMs: READ_AT });

      // Assess
      expect(entries).toEqual([busyOf(atRead), busyOf(later)]);
    });

    it('counts a booking moved since it was made (revision above 1), not one never moved', async () => {
      // Prepare
      const moved = record('moved', 5, 1, { revision: 2 });
      const first = record('first', 7, 1, { revision: 1 });
      const unversioned = record('unversioned', 9, 1);

      // Act
      const entries = await withListed([moved, first, unversioned], { readAtMs: READ_AT });

      // Assess
      expect(entries).toEqual([busyOf(moved)]);
    });

    it('without a prefetch, trusts the calendars read for bookings made or moved lately', async () => {
      // Prepare
      const recent = record('recent', 5, 1, { createdAt: new Date(NOW).toISOString(), revision: 3 });

      // Act
      const entries = await withListed([recent]);

      // Assess
      expect(entries).toEqual([]);
    });
  });

  it('returns the calendars entries with the recorded ones, as plain timed busy entries', async () => {
    // Prepare
    w = await prefetchWorld([entry(NOW, 2, 1)], [entry(NOW, 4, 1)]);
    calendar = await openManagerCalendar('mgr', w.deps);
    const manual = record('m', 6, 1, { eventId: 'manual-m', connectionId: undefined });
    seed(manual);

    // Act
    const { entries } = await readCalendar(calendar, RANGE, deadline, w.deps);

    // Assess
    expect(entries).toEqual([entry(NOW, 4, 1), entry(NOW, 2, 1), busyOf(manual)]);
    expect(entries[2]!.isAllDay).toBe(false);
  });
});
