import { beforeEach, describe, expect, it } from 'vitest';
import { releaseCallHolds } from '../../../functions/domain/lifecycle/call-ended';
import { book, OTHER, resultOf, TUE_2PM, world, type World } from './harness';

let w: World;
/** Tuesday is busy but for 14:00–14:30 and 16:00–16:30 New York, so its availability lists exactly what is free. */
const busy = (from: string, to: string) => ({
  start: Date.parse(`2026-11-24T${from}:00-05:00`),
  end: Date.parse(`2026-11-24T${to}:00-05:00`),
  availability: 'busy' as const,
  isCancelled: false,
  isAllDay: false,
});
beforeEach(async () => {
  w = await world();
  w.calendar.entries.push(busy('08:00', '14:00'), busy('14:30', '16:00'), busy('16:30', '18:00'));
});

const starts = async (who: { callId: string; number?: string }) =>
  (resultOf(await w.tool('get_availability', { date: '2026-11-24' }, who)).slots as Array<{ start: string }>).map(
    (s) => s.start,
  );
const TWO_PM = '2026-11-24T14:00:00-05:00';

describe('Tool: hold_slot', () => {
  it('holds a slot for five minutes: every other call sees it taken, the holding call still sees it', async () => {
    // Act
    const held = resultOf(await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' }));
    const other = await w.tool(
      'set_appointment',
      { start_time: TUE_2PM, attendee_name: 'Sam' },
      {
        callId: 'call-b',
        number: OTHER,
      },
    );

    // Assess
    expect(held).toEqual({
      message: expect.stringContaining('for 5 minutes'),
      held: true,
      hold: { start: TWO_PM, end: '2026-11-24T14:30:00-05:00', expires_at: '2026-11-23T09:05:00-05:00' },
    });
    expect(resultOf(other)).toMatchObject({ booked: false, reason: 'taken' });
    expect(w.calendar.created).toEqual([]);
    expect(await starts({ callId: 'call-b', number: OTHER })).not.toContain(TWO_PM);
    expect(await starts({ callId: 'call-a' })).toContain(TWO_PM);
  });

  it('is converted by set_appointment of the same call: one event, keeping the hold id and history', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });
    const [hold] = w.bookings.bookings.values();

    // Act
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' });

    // Assess
    expect(appointment.id).toBe(hold!.bookingId);
    expect(w.calendar.created).toHaveLength(1);
    const stored = [...w.bookings.bookings.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'confirmed', eventId: 'evt-1' });
    expect(stored[0]!.history!.map((h) => h.type)).toEqual(['held', 'created']);
  });

  it('refuses a slot another call holds, with alternatives', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });

    // Act
    const result = resultOf(await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-b', number: OTHER }));

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect(result.alternatives.length).toBeGreaterThan(0);
  });

  it('keeps one hold per call: a new hold replaces the old one', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });

    // Act
    await w.tool('hold_slot', { start_time: '2026-11-24T16:00' }, { callId: 'call-a' });

    // Assess
    const statuses = [...w.bookings.bookings.values()].map((b) => [b.start, b.status]);
    expect(statuses).toEqual([
      [TWO_PM, 'released'],
      ['2026-11-24T16:00:00-05:00', 'held'],
    ]);
    expect(await starts({ callId: 'call-b', number: OTHER })).toContain(TWO_PM);
  });

  it('replaces its own hold next door when a buffer makes their lock cells meet', async () => {
    // Prepare: 30 minutes kept free around every entry, so 13:30 and 14:00 share cells
    await w.settings.merge('mgr', { bufferMinutes: 30 }, new Date(w.clock.now).toISOString());
    w.calendar.entries.length = 0;
    await w.tool('hold_slot', { start_time: '2026-11-24T13:00' }, { callId: 'call-a' });

    // Act
    const second = resultOf(await w.tool('hold_slot', { start_time: '2026-11-24T14:00' }, { callId: 'call-a' }));

    // Assess
    expect(second.held).toBe(true);
    const statuses = [...w.bookings.bookings.values()].map((b) => [b.start, b.status]);
    expect(statuses).toEqual([
      ['2026-11-24T13:00:00-05:00', 'released'],
      ['2026-11-24T14:00:00-05:00', 'held'],
    ]);
  });

  it('is released when the call ends, and a repeat of the end finds nothing', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });

    // Act
    const released = await releaseCallHolds({ callId: 'call-a' }, w.deps, { at: w.clock.now + 5_000 });
    const again = await releaseCallHolds({ callId: 'call-a' }, w.deps, { at: w.clock.now + 5_000 });

    // Assess
    expect([released, again]).toEqual([1, 0]);
    expect(await starts({ callId: 'call-b', number: OTHER })).toContain(TWO_PM);
    const other = await book(w, TUE_2PM, { callId: 'call-b', number: OTHER });
    expect(other.start).toBe(TWO_PM);
  });

  it('lapses after HOLD_MINUTES: checked on read, so another call can book it at once', async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });
    w.clock.now += 5 * 60_000 + 1;

    // Act
    const seen = await starts({ callId: 'call-b', number: OTHER });
    const other = await book(w, TUE_2PM, { callId: 'call-b', number: OTHER });

    // Assess
    expect(seen).toContain(TWO_PM);
    expect(other.start).toBe(TWO_PM);
  });

  it('answers a redelivered hold with the first answer and holds once', async () => {
    // Prepare
    const first = await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a', tc: 'tc-h' });

    // Act
    const second = await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a', tc: 'tc-h' });

    // Assess
    expect(second).toEqual(first);
    expect(w.bookings.bookings.size).toBe(1);
  });
});
