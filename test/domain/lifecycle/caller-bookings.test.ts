/** callerBookings: which bookings a caller finds, and how wrong codes are counted and lock the lookups. */
import { describe, expect, it } from 'vitest';
import { callerBookings, MAX_WRONG_CODES } from '../../../functions/domain/lifecycle/caller-bookings';
import type { BookingRecord, Log } from '../../../functions/domain/ports';
import { MemoryBookingStore } from '../../fakes/booking-store';
import { callRecord } from '../scheduling/call-records';
import { CALLER, NOW, OTHER } from './harness';

const MIN = 60_000;

/** A confirmed booking of CALLER from `startMs` for 30 minutes. */
const booking = (bookingId: string, startMs: number): BookingRecord =>
  callRecord(bookingId, {
    startMs,
    endMs: startMs + 30 * MIN,
    createdAt: new Date(NOW - 86_400_000).toISOString(),
    callerNumber: CALLER,
    status: 'confirmed',
    confirmationCode: 'KQ7MXC',
  });

/** The bookings seeded into the memory store, and the log's warnings. */
function store(records: BookingRecord[]) {
  const bookings = new MemoryBookingStore({ clock: () => NOW });
  bookings.seed(...records);
  const warnings: string[] = [];
  const log: Log = { error: () => undefined, warn: (message) => warnings.push(message) };
  return { bookings, log, warnings };
}

describe('Function: callerBookings', () => {
  it('finds a booking under way (started before now) by the call’s number', async () => {
    // Prepare
    const started = booking('b1', NOW - 20 * MIN);
    const deps = store([started]);

    // Act
    const found = await callerBookings('mgr', { callId: 'call-a', customerNumber: CALLER }, {}, deps, NOW);

    // Assess
    expect(found).toStrictEqual({ kind: 'found', bookings: [started] });
  });

  it('finds nothing, with no wrong code, once the booking has ended, up to the very instant', async () => {
    // Prepare
    const deps = store([booking('b1', NOW - 30 * MIN)]);

    // Act
    const found = await callerBookings('mgr', { callId: 'call-a', customerNumber: CALLER }, {}, deps, NOW);

    // Assess
    expect(found).toStrictEqual({ kind: 'none', wrongCode: false });
  });

  it('locks on the fifth wrong code itself, and counts them with no log configured', async () => {
    // Prepare
    const { bookings } = store([booking('b1', NOW + 60 * MIN)]);
    const context = { callId: 'call-a', customerNumber: CALLER };
    const say = () => callerBookings('mgr', context, { code: 'ZZZZZZ' }, { bookings }, NOW);

    // Act
    const answers = [];
    for (let i = 0; i < MAX_WRONG_CODES; i++) answers.push(await say());

    // Assess
    expect(answers.slice(0, -1)).toEqual(Array(MAX_WRONG_CODES - 1).fill({ kind: 'none', wrongCode: true }));
    expect(answers.at(-1)).toStrictEqual({ kind: 'locked' });
  });

  it('counts wrong codes without a call id per caller number, so one caller locked does not lock another', async () => {
    // Prepare
    const deps = store([booking('b1', NOW + 60 * MIN)]);
    const say = (customerNumber: string) => callerBookings('mgr', { customerNumber }, { code: 'ZZZZZZ' }, deps, NOW);
    for (let i = 0; i < MAX_WRONG_CODES; i++) await say(CALLER);

    // Act
    const other = await say(OTHER);

    // Assess
    expect(other).toStrictEqual({ kind: 'none', wrongCode: true });
    expect(await say(CALLER)).toStrictEqual({ kind: 'locked' });
    expect(deps.warnings).toHaveLength(MAX_WRONG_CODES + 1);
  });
});
