import { beforeEach, describe, expect, it } from 'vitest';
import { book, OTHER, resultOf, TUE_2PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

describe('Following the calendar (the owner moved or deleted a booking in Outlook)', () => {
  it('reports a booking the owner moved at its current time, and takes the record along', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    const event = w.calendar.entries.find((e) => e.id === 'evt-1')!;
    event.start = Date.parse('2026-11-25T16:00:00Z');
    event.end = Date.parse('2026-11-25T16:30:00Z');

    // Act
    const result = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b' }));

    // Assess
    expect(result.appointments).toEqual([
      expect.objectContaining({
        id: a.id,
        start: '2026-11-25T11:00:00-05:00',
        spoken: 'Wednesday, November 25 at 11:00 AM',
      }),
    ]);
    const stored = [...w.bookings.bookings.values()].find((b) => b.status === 'confirmed');
    expect(stored).toMatchObject({ startMs: event.start, status: 'confirmed' });
    expect(stored!.history!.at(-1)).toMatchObject({ type: 'rescheduled', by: 'owner' });
    const other = await book(w, TUE_2PM, { callId: 'call-c', number: OTHER });
    expect(other.start).toBe(a.start);
    const atNewTime = resultOf(
      await w.tool(
        'set_appointment',
        { start_time: '2026-11-25T11:00', attendee_name: 'Sam' },
        {
          callId: 'call-d',
          number: '+15550002222',
        },
      ),
    );
    expect(atNewTime).toMatchObject({ booked: false });
    expect(w.calendar.created).toHaveLength(2);
  });

  it('reports a booking the owner deleted as cancelled, and frees its cells', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.splice(
      w.calendar.entries.findIndex((e) => e.id === 'evt-1'),
      1,
    );

    // Act
    const result = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b' }));

    // Assess
    expect(result).toEqual({ message: expect.stringContaining('cancelled by the manager'), appointments: [] });
    const [stored] = [...w.bookings.bookings.values()];
    expect(stored).toMatchObject({ bookingId: a.id, status: 'cancelled' });
    expect(stored!.history!.at(-1)).toMatchObject({ type: 'cancelled', by: 'owner' });
    const other = await book(w, TUE_2PM, { callId: 'call-c', number: OTHER });
    expect(other.start).toBe(a.start);
  });

  it('will not move a booking the owner deleted', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.length = 0;

    // Act
    const result = resultOf(
      await w.tool(
        'reschedule_appointment',
        { appointment_id: a.id, new_start_time: '2026-11-24T16:00' },
        { callId: 'b' },
      ),
    );

    // Assess
    expect(result).toMatchObject({ rescheduled: false, reason: 'cancelled' });
    expect(w.calendar.updated).toEqual([]);
  });

  it('tells a booking the calendar still has unchanged with its times as recorded, though the zone changed since', async () => {
    // Prepare: booked in New York time, then the manager's zone becomes Chicago
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await w.settings.merge('mgr', { timeZone: 'America/Chicago' }, new Date(w.clock.now).toISOString());

    // Act
    const result = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b' }));

    // Assess
    expect(result.appointments).toEqual([
      expect.objectContaining({ id: a.id, start: '2026-11-24T14:00:00-05:00', end: '2026-11-24T14:30:00-05:00' }),
    ]);
  });
});
