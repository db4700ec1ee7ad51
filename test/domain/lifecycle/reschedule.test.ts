import { beforeEach, describe, expect, it } from 'vitest';
import { versionsOf } from '../../../functions/domain/ports';
import { book, OTHER, resultOf, TUE_2PM, TUE_3PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const THREE_PM_MS = Date.parse('2026-11-24T20:00:00Z');

describe('Tool: reschedule_appointment', () => {
  it('moves the same calendar event, keeps the code, frees the old time and records the move', async () => {
    // Prepare
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' });

    // Act
    const result = resultOf(
      await w.tool(
        'reschedule_appointment',
        { appointment_id: appointment.id, new_start_time: TUE_3PM },
        {
          callId: 'call-b',
        },
      ),
    );

    // Assess
    expect(result).toEqual({
      message: expect.stringContaining('moved to Tuesday, November 24 at 3:00 PM'),
      rescheduled: true,
      appointment: {
        id: appointment.id,
        start: '2026-11-24T15:00:00-05:00',
        end: '2026-11-24T15:30:00-05:00',
        confirmation_code: appointment.confirmation_code,
      },
    });
    expect(w.calendar.created).toHaveLength(1);
    expect(w.calendar.updated).toEqual([
      { calendarId: 'default', eventId: 'evt-1', changes: expect.objectContaining({ start: THREE_PM_MS }) },
    ]);
    const stored = [...w.bookings.bookings.values()].find((b) => b.status === 'confirmed');
    expect(stored).toMatchObject({ startMs: THREE_PM_MS, status: 'confirmed', revision: 2 });
    expect(stored!.history!.at(-1)).toMatchObject({ type: 'rescheduled', by: 'caller', to: result.appointment.start });
    const other = await book(w, TUE_2PM, { callId: 'call-c', number: OTHER });
    expect(other.start).toBe('2026-11-24T14:00:00-05:00');
  });

  it('says taken, with alternatives, when the new time is booked, and keeps the old time', async () => {
    // Prepare
    const mine = await book(w, TUE_2PM, { callId: 'call-a' });
    await book(w, TUE_3PM, { callId: 'call-b', number: OTHER });

    // Act
    const result = resultOf(
      await w.tool('reschedule_appointment', { appointment_id: mine.id, new_start_time: TUE_3PM }, { callId: 'c' }),
    );

    // Assess
    expect(result).toMatchObject({ rescheduled: false, reason: 'taken' });
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(w.calendar.updated).toEqual([]);
    const mineNow = [...w.bookings.bookings.values()].find((b) => b.bookingId === mine.id);
    expect(mineNow).toMatchObject({ start: mine.start, status: 'confirmed' });
  });

  it('gives one winner when 20 callers move their bookings onto one slot at once; the others keep theirs', async () => {
    // Prepare: 20 bookings over Wednesday to Friday, each made by its own number.
    const made = [];
    for (let i = 0; i < 20; i++) {
      const start = `2026-11-${25 + Math.floor(i / 8)}T${String(9 + (i % 8)).padStart(2, '0')}:00`;
      made.push(await book(w, start, { callId: `book-${i}`, number: `+1555000${1000 + i}` }));
    }

    // Act
    const results = await Promise.all(
      made.map((a, i) =>
        w.tool(
          'reschedule_appointment',
          { appointment_id: a.id, new_start_time: TUE_3PM },
          {
            callId: `move-${i}`,
            number: `+1555000${1000 + i}`,
          },
        ),
      ),
    );

    // Assess
    const outcomes = results.map((r) => resultOf(r).rescheduled);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(w.calendar.updated).toHaveLength(1);
    const atThree = [...w.bookings.bookings.values()].filter((b) => b.startMs === THREE_PM_MS);
    expect(atThree).toHaveLength(1);
    const kept = [...w.bookings.bookings.values()].filter((b) => b.status === 'confirmed');
    expect(kept).toHaveLength(20);
  });

  it('changes nothing more on a redelivered tool call or on a second call asking the same', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    const args = { appointment_id: a.id, new_start_time: TUE_3PM };
    const first = await w.tool('reschedule_appointment', args, { callId: 'call-b', tc: 'tc-r' });

    // Act
    const redelivered = await w.tool('reschedule_appointment', args, { callId: 'call-b', tc: 'tc-r' });
    const asked = resultOf(await w.tool('reschedule_appointment', args, { callId: 'call-b' }));

    // Assess
    expect(redelivered).toEqual(first);
    expect(asked).toMatchObject({ rescheduled: true, message: expect.stringContaining('already') });
    expect(w.calendar.updated).toHaveLength(1);
    expect([...w.bookings.bookings.values()].find((b) => b.status === 'confirmed')!.revision).toBe(2);
  });
});

describe('Tool: reschedule_appointment, edge cases from review', () => {
  it('books the old time again after a move with a new event, not the moved one', async () => {
    // Prepare
    const first = await book(w, TUE_2PM, { callId: 'call-a' });
    await w.tool('reschedule_appointment', { appointment_id: first.id, new_start_time: TUE_3PM }, { callId: 'call-a' });

    // Act
    const again = await book(w, TUE_2PM, { callId: 'call-a' });

    // Assess
    expect(w.calendar.created).toHaveLength(2);
    expect(again.id).not.toBe(first.id);
    expect(again.confirmation_code).not.toBe(first.confirmation_code);
    const starts = w.calendar.entries.map((e) => new Date(e.start).toISOString()).sort();
    expect(starts).toEqual(['2026-11-24T19:00:00.000Z', '2026-11-24T20:00:00.000Z']);
  });

  it('keeps a just-moved booking when a booker read the calendar before the move (no stale retire)', async () => {
    // Prepare: A moves to 3 PM; the calendar still shows A's event at 2 PM to the next reader (read before the PATCH).
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await w.tool('reschedule_appointment', { appointment_id: a.id, new_start_time: TUE_3PM }, { callId: 'call-a' });
    const event = w.calendar.entries.find((e) => e.id === 'evt-1')!;
    event.start = Date.parse('2026-11-24T19:00:00Z');
    event.end = Date.parse('2026-11-24T19:30:00Z');

    // Act
    const b = resultOf(
      await w.tool(
        'set_appointment',
        { start_time: TUE_3PM, attendee_name: 'B' },
        {
          callId: 'call-b',
          number: OTHER,
        },
      ),
    );

    // Assess
    expect(b).toMatchObject({ booked: false, reason: 'taken' });
    const stored = [...w.bookings.bookings.values()].find((x) => x.bookingId === a.id && x.status !== 'moved');
    expect(stored).toMatchObject({ status: 'confirmed', startMs: THREE_PM_MS });
  });

  it('moves onto a time this call holds', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await w.tool('hold_slot', { start_time: TUE_3PM }, { callId: 'call-b' });

    // Act
    const result = resultOf(
      await w.tool('reschedule_appointment', { appointment_id: a.id, new_start_time: TUE_3PM }, { callId: 'call-b' }),
    );

    // Assess
    expect(result).toMatchObject({ rescheduled: true });
  });

  it("changes nothing and says so when the booking's calendar is no longer connected", async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    const record = (await w.deps.connections.get('mgr'))!;
    await w.deps.connections.save({ ...record, connections: [] }, versionsOf(record));
    await w.settings.merge('mgr', { workingHours: 'mon-fri 09:00-17:00' }, new Date(w.clock.now).toISOString());

    // Act
    const move = resultOf(
      await w.tool('reschedule_appointment', { appointment_id: a.id, new_start_time: TUE_3PM }, { callId: 'b' }),
    );
    const cancel = resultOf(await w.tool('cancel_appointment', { appointment_id: a.id }, { callId: 'b' }));

    // Assess
    expect(move).toMatchObject({ rescheduled: false, reason: 'unreachable' });
    expect(cancel).toMatchObject({ cancelled: false, reason: 'unreachable' });
    expect(w.calendar.updated).toEqual([]);
    expect(w.calendar.cancelled).toEqual([]);
  });
});

describe('Tool: cancel_appointment', () => {
  it('cancels the event with a comment, marks the booking cancelled with history and frees the slot', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });

    // Act
    const result = resultOf(
      await w.tool(
        'cancel_appointment',
        { confirmation_code: a.confirmation_code, reason: 'moving away' },
        {
          callId: 'call-b',
          number: OTHER,
        },
      ),
    );

    // Assess
    expect(result).toEqual({ message: expect.stringContaining('is cancelled'), cancelled: true });
    expect(w.calendar.cancelled).toEqual([expect.objectContaining({ calendarId: 'default', eventId: 'evt-1' })]);
    const [stored] = [...w.bookings.bookings.values()];
    expect(stored).toMatchObject({ status: 'cancelled' });
    expect(stored!.history!.at(-1)).toMatchObject({ type: 'cancelled', by: 'caller', reason: 'moving away' });
    const again = await book(w, TUE_2PM, { callId: 'call-c', number: '+15550001111' });
    expect(again.start).toBe(a.start);
  });

  it('answers a repeat the same and cancels the event once', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    const first = await w.tool('cancel_appointment', { appointment_id: a.id }, { callId: 'call-b' });

    // Act
    const second = await w.tool('cancel_appointment', { appointment_id: a.id }, { callId: 'call-b' });

    // Assess
    expect(second).toEqual(first);
    expect(w.calendar.cancelled).toHaveLength(1);
    expect([...w.bookings.bookings.values()][0]!.history!.filter((h) => h.type === 'cancelled')).toHaveLength(1);
  });
});
