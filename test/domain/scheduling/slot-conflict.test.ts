import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callRecord } from './call-records';
import type { BookingRecord } from '../../../functions/domain/ports';
import type { CalendarEntry } from '../../../functions/domain/types';
import { at, rules } from '../availability/fixtures';
import { MemoryBookingStore } from '../../fakes/booking-store';

type SlotConflict = typeof import('../../../functions/domain/scheduling/slot-conflict');
let sc: SlotConflict;

// How old a lock must be before it counts as stale is a module-level constant, set once when the module loads.
// Loading the module afresh inside each test lets mutation testing see these tests use it.
beforeEach(async () => {
  vi.resetModules();
  sc = await import('../../../functions/domain/scheduling/slot-conflict');
});

const MINUTE = 60_000;
/** When the calendar view was read: Monday, November 23, 2026, 9:00 AM in New York. */
const FETCHED_AT = Date.parse('2026-11-23T14:00:00.000Z');
const AN_HOUR_AGO = new Date(FETCHED_AT - 60 * MINUTE).toISOString();
/** The requested slot: Tuesday, November 24 at 2:00 PM in New York, 30 minutes. */
const SLOT_START = Date.parse('2026-11-24T19:00:00.000Z');
const SLOT_END = SLOT_START + 30 * MINUTE;
const SPOKEN = 'Tuesday, November 24 at 2:00 PM';
const CELL = SLOT_START;

/** A booking record of call-a on the requested slot (times, cells and ISO texts follow `extra`'s times). */
const record = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord =>
  callRecord(bookingId, { startMs: SLOT_START, endMs: SLOT_END, createdAt: AN_HOUR_AGO, ...extra });

/** The live calendar event of a booking, as the provider lists it. */
const eventOf = (holder: BookingRecord, extra: Partial<CalendarEntry> = {}): CalendarEntry => ({
  id: holder.eventId,
  start: holder.startMs,
  end: holder.endMs,
  availability: 'busy',
  isCancelled: false,
  isAllDay: false,
  ...extra,
});

/** The attempt asking for the slot now: call-a's new pending draft. */
const MINE = record('b-new');

/** Classifies `holder` as the holder of the slot's first cell, against `entries` read at FETCHED_AT. */
async function classify(holder: BookingRecord | undefined, entries: CalendarEntry[] = [], mine = MINE) {
  const bookings = new MemoryBookingStore();
  const holderOf = vi.spyOn(bookings, 'holderOf').mockResolvedValue(holder);
  const conflict = await sc.classifyConflict(bookings, mine, CELL, entries, FETCHED_AT, SPOKEN);
  return { conflict, holderOf };
}

describe('Function: classifyConflict', () => {
  it('tries again when the cell was freed since the clash', async () => {
    // Act
    const { conflict, holderOf } = await classify(undefined);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'retry' });
    expect(holderOf).toHaveBeenCalledExactlyOnceWith('mgr', CELL);
  });

  it('gives the same call its own confirmed booking of the slot back as booked', async () => {
    // Prepare
    const holder = record('b-first', { status: 'confirmed', eventId: 'evt-1' });

    // Act
    const { conflict } = await classify(holder, [eventOf(holder)]);

    // Assess
    expect(conflict).toStrictEqual({
      kind: 'mine',
      outcome: {
        result: {
          message: `You're booked for ${SPOKEN}. Your confirmation code is K, 7, P, 2, Q, X.`,
          booked: true,
          appointment: { id: 'b-first', start: holder.start, end: holder.end, confirmation_code: 'K7P2QX' },
        },
      },
    });
  });

  it.each([
    ['starts earlier', { startMs: SLOT_START - 30 * MINUTE }],
    ['ends later', { endMs: SLOT_END + 30 * MINUTE }],
  ])('says taken for a confirmed booking of the same call that %s', async (_, times) => {
    // Prepare
    const holder = record('b-first', { status: 'confirmed', eventId: 'evt-1', ...times });

    // Act
    const { conflict } = await classify(holder, [eventOf(holder)]);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'taken' });
  });

  it('resumes an earlier, cut-off attempt of the same call at the same slot', async () => {
    // Prepare
    const holder = record('b-first', { status: 'pending' });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'resume', holder });
  });

  it('says taken for another call’s attempt in flight, however old and absent from the calendar', async () => {
    // Prepare
    const holder = record('b-other', { status: 'pending', callId: 'call-b' });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'taken' });
  });

  it('says taken for an attempt of the same call at an overlapping other time', async () => {
    // Prepare
    const holder = record('b-first', {
      status: 'pending',
      startMs: SLOT_START + 15 * MINUTE,
      endMs: SLOT_END + 15 * MINUTE,
    });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'taken' });
  });

  it('releases the same call’s hold on an overlapping other time', async () => {
    // Prepare
    const holder = record('h-1', { status: 'held', endMs: SLOT_END + 30 * MINUTE, holdUntilMs: FETCHED_AT + MINUTE });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'release', holder });
  });

  it('says taken for another call’s hold', async () => {
    // Prepare
    const holder = record('h-2', { status: 'held', callId: 'call-b', holdUntilMs: FETCHED_AT + MINUTE });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'taken' });
  });

  it('says taken for a hold without a call id when the asking booking has none either', async () => {
    // Prepare
    const holder = record('h-3', { status: 'held', callId: undefined, holdUntilMs: FETCHED_AT + MINUTE });
    const mine = record('b-new', { callId: undefined });

    // Act
    const { conflict } = await classify(holder, [], mine);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'taken' });
  });

  it('finishes a release cut off half-way, whoever made the record', async () => {
    // Prepare
    const holder = record('b-other', { status: 'released', callId: 'call-b' });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'release', holder });
  });

  it('retires a lock a cut-off cancel left behind', async () => {
    // Prepare
    const holder = record('b-other', { status: 'cancelled', callId: 'call-b', eventId: 'evt-9' });

    // Act
    const { conflict } = await classify(holder);

    // Assess
    expect(conflict).toStrictEqual({ kind: 'stale', holder });
  });

  describe('a confirmed booking of another call', () => {
    const holder = record('b-other', { status: 'confirmed', callId: 'call-b', eventId: 'evt-9' });

    it('is taken while its event is in the calendar', async () => {
      // Act
      const { conflict } = await classify(holder, [eventOf(holder)]);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'taken' });
    });

    it.each<[string, CalendarEntry[]]>([
      ['no event at all', []],
      ['only another event at its time', [eventOf(holder, { id: 'evt-other' })]],
      ['its event cancelled', [eventOf(holder, { isCancelled: true })]],
      ['its event moved to end as it starts', [eventOf(holder, { start: SLOT_START - 60 * MINUTE, end: SLOT_START })]],
      ['its event moved to start as it ends', [eventOf(holder, { start: SLOT_END, end: SLOT_END + 30 * MINUTE })]],
    ])('is stale, an hour after its last change, with %s', async (_, entries) => {
      // Act
      const { conflict } = await classify(holder, entries);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'stale', holder });
    });

    it.each([
      ['a minute', 'taken', MINUTE],
      ['exactly two minutes', 'taken', 2 * MINUTE],
      ['just over two minutes', 'stale', 2 * MINUTE + 1],
    ])('with its event gone, made %s before the view was read, is %s', async (_, kind, age) => {
      // Prepare
      const young = { ...holder, createdAt: new Date(FETCHED_AT - age).toISOString() };

      // Act
      const { conflict } = await classify(young);

      // Assess
      expect(conflict.kind).toBe(kind);
    });

    it('is taken, with its event not in the view, when it was moved here just before the read', async () => {
      // Prepare
      const moved = {
        ...holder,
        history: [
          { type: 'created' as const, at: AN_HOUR_AGO, by: 'caller' as const },
          { type: 'rescheduled' as const, at: new Date(FETCHED_AT - 30_000).toISOString(), by: 'caller' as const },
        ],
      };

      // Act
      const { conflict } = await classify(moved);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'taken' });
    });

    it('is stale when a history entry has an unreadable time', async () => {
      // Prepare
      const garbled = { ...holder, history: [{ type: 'rescheduled' as const, at: 'not a time' }] };

      // Act
      const { conflict } = await classify(garbled);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'stale', holder: garbled });
    });
  });
});

describe('Function: takenAnswer', () => {
  const NOW = at('2026-11-23T08:00');
  const input = { startText: '2026-11-24T14:00', durationMinutes: 30, rules: rules(), entries: [], now: NOW };

  it('offers the nearest openings around the held slot, the held slot counted as busy', () => {
    // Act
    const answer = sc.takenAnswer(input, { start: at('2026-11-24T14:00'), end: at('2026-11-24T14:30') });

    // Assess
    expect(answer.message).toBe(
      'Sorry, someone just booked that time. The closest openings are Tuesday, November 24 at 1:00 PM, ' +
        'Tuesday, November 24 at 1:30 PM, or Tuesday, November 24 at 2:30 PM. Would one of those work?',
    );
    expect(answer.alternatives.map((o) => o.start)).toStrictEqual([
      '2026-11-24T13:00:00-05:00',
      '2026-11-24T13:30:00-05:00',
      '2026-11-24T14:30:00-05:00',
    ]);
  });
});

describe('Function: takenOutcome', () => {
  it('is not booked, for the reason taken, with takenAnswer’s words and openings', () => {
    // Prepare
    const input = {
      startText: '2026-11-24T14:00',
      durationMinutes: 30,
      rules: rules(),
      entries: [],
      now: at('2026-11-23T08:00'),
    };
    const held = { start: at('2026-11-24T14:00'), end: at('2026-11-24T14:30') };

    // Act
    const outcome = sc.takenOutcome(input, held);

    // Assess
    const { message, alternatives } = sc.takenAnswer(input, held);
    expect(outcome).toStrictEqual({ result: { message, booked: false, reason: 'taken', alternatives } });
  });
});
