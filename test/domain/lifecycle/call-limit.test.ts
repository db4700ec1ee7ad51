/** The per-call booking limit is one counted condition: parallel tool calls cannot pass it, a move is not a booking. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../functions/domain/errors';
import { book, resultOf, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
  // The per-number daily cap is another rule: out of the way here.
  w.deps.maxBookingsPerCallerPerDay = 50;
});

const TUESDAY = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'].map((t) => `2026-11-24T${t}`);
const TEN = [...TUESDAY, '2026-11-25T09:00', '2026-11-25T10:00'];

describe('Rule: at most 3 bookings per call', () => {
  it('10 parallel bookings of one call on 10 slots: exactly 3 booked, 7 told the limit, 3 events', async () => {
    // Act
    const outcomes = await Promise.all(
      TEN.map((start) => w.tool('set_appointment', { start_time: start, attendee_name: 'Jane' }, { callId: 'c1' })),
    );
    // Assess
    const results = outcomes.map(resultOf);
    expect(results.filter((r) => r.booked === true)).toHaveLength(3);
    expect(results.filter((r) => r.reason === 'limit')).toHaveLength(7);
    expect(results.find((r) => r.reason === 'limit')!.message).toBe(
      'I can book up to 3 viewings per call. The manager can help with more.',
    );
    expect(w.calendar.created).toHaveLength(3);
  });

  it('a move in the same call is not a new booking', async () => {
    // Prepare
    const first = await book(w, TUESDAY[0]!, { callId: 'c1' });
    await book(w, TUESDAY[1]!, { callId: 'c1' });
    const moved = await w.tool(
      'reschedule_appointment',
      { appointment_id: first.id, new_start_time: TUESDAY[4]! },
      { callId: 'c1' },
    );
    // Act
    const third = resultOf(
      await w.tool('set_appointment', { start_time: TUESDAY[2]!, attendee_name: 'Jane' }, { callId: 'c1' }),
    );
    const fourth = resultOf(
      await w.tool('set_appointment', { start_time: TUESDAY[3]!, attendee_name: 'Jane' }, { callId: 'c1' }),
    );
    // Assess
    expect(resultOf(moved).rescheduled).toBe(true);
    expect(third.booked).toBe(true);
    expect(fourth).toMatchObject({ booked: false, reason: 'limit' });
  });

  it('a booking the calendar refused gives its unit back', async () => {
    // Prepare
    w.calendar.failCreate = new ProviderError('refused', 400, 'ErrorInvalidRequest');
    const refused = await w.tool(
      'set_appointment',
      { start_time: TUESDAY[0]!, attendee_name: 'Jane' },
      { callId: 'c1' },
    );
    w.calendar.failCreate = undefined;
    // Act
    const results = [];
    for (const start of TUESDAY.slice(1, 5))
      results.push(
        resultOf(await w.tool('set_appointment', { start_time: start, attendee_name: 'J' }, { callId: 'c1' })),
      );
    // Assess
    expect(refused).toHaveProperty('error');
    expect(results.map((r) => r.booked)).toEqual([true, true, true, false]);
  });
});
