import { beforeEach, describe, expect, it } from 'vitest';
import { versionsOf } from '../../../functions/domain/ports';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { book, OTHER, resultOf, TUE_2PM, TUE_3PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const stored = () => [...w.bookings.bookings.values()];

describe('Lifecycle in manual mode (hours only, no calendar)', () => {
  beforeEach(async () => {
    // Prepare: the manager disconnects and keeps their hours.
    const record = (await w.deps.connections.get('mgr'))!;
    await w.deps.connections.save({ ...record, connections: [] }, versionsOf(record));
    await w.settings.merge('mgr', { workingHours: 'mon-fri 09:00-17:00' }, new Date(w.clock.now).toISOString());
  });

  it('finds, moves and cancels a manual booking with no provider call at all', async () => {
    // Prepare
    const a = await book(w, TUE_2PM);

    // Act
    const found = resultOf(await w.tool('find_appointment', {}));
    const moved = resultOf(await w.tool('reschedule_appointment', { appointment_id: a.id, new_start_time: TUE_3PM }));
    const cancelled = resultOf(await w.tool('cancel_appointment', { appointment_id: a.id }));

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(moved).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
    expect(cancelled).toMatchObject({ cancelled: true });
    expect([w.calendar.created, w.calendar.updated, w.calendar.cancelled]).toEqual([[], [], []]);
    expect(stored().find((b) => b.bookingId === a.id && b.status !== 'moved')).toMatchObject({ status: 'cancelled' });
  });

  it('says plainly there is no video link when asked for one', async () => {
    // Act
    const result = resultOf(await w.tool('set_appointment', { start_time: TUE_2PM, attendee_name: 'J', online: true }));

    // Assess
    expect(result).toMatchObject({ booked: true, message: expect.stringContaining('there is no link') });
  });
});

describe('Lifecycle with two connected accounts', () => {
  it("moves and cancels the event through the account that holds it, not the other one's", async () => {
    // Prepare: the second account's calendar takes bookings.
    const record = (await w.deps.connections.get('mgr'))!;
    const first = fakeConnection('conn-1', [{ id: 'default', role: 'busy' }]);
    const second = fakeConnection('conn-2', [{ id: 'team-cal', role: 'book' }]);
    await w.deps.connections.save(
      { ...managerRecord('mgr', [first, second]), revision: record.revision },
      versionsOf(record),
    );
    const a = await book(w, TUE_2PM);
    w.calendar.opened.length = 0;

    // Act
    await w.tool('reschedule_appointment', { appointment_id: a.id, new_start_time: TUE_3PM });
    await w.tool('cancel_appointment', { appointment_id: a.id });

    // Assess
    expect(stored().find((b) => b.bookingId === a.id && b.status !== 'moved')).toMatchObject({
      connectionId: 'conn-2',
      calendarId: 'team-cal',
    });
    expect(w.calendar.updated.map((u) => u.calendarId)).toEqual(['team-cal']);
    expect(w.calendar.cancelled.map((c) => c.calendarId)).toEqual(['team-cal']);
  });
});

describe('Who the caller is, edge cases', () => {
  it('finds a booking by the number it was made from and by the callback number it was made for', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' }, { attendee_phone: '+1 555 000 7777' });

    // Act
    const fromCaller = resultOf(await w.tool('find_appointment', {}, { callId: 'b' }));
    const fromCallback = resultOf(await w.tool('find_appointment', {}, { callId: 'c', number: '+15550007777' }));
    const stranger = resultOf(await w.tool('find_appointment', {}, { callId: 'd', number: OTHER }));

    // Assess
    expect(fromCaller.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(fromCallback.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(stranger.appointments).toEqual([]);
  });

  it('does not offer a booking that is over, nor a hold, as an appointment', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    await w.tool('hold_slot', { start_time: TUE_3PM }, { callId: 'call-a' });
    w.clock.now = Date.parse('2026-11-24T19:40:00Z'); // 2:40 PM New York: the 2 PM viewing is over

    // Act
    const found = resultOf(await w.tool('find_appointment', {}, { callId: 'b' }));

    // Assess
    expect(found).toMatchObject({ reason: 'not_found', appointments: [] });
  });

  it('tells the end change of an event the owner lengthened, keeping the record where it is', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.find((e) => e.id === 'evt-1')!.end = Date.parse('2026-11-24T20:00:00Z');

    // Act
    const found = resultOf(await w.tool('find_appointment', {}, { callId: 'b' }));

    // Assess
    expect(found.appointments).toEqual([expect.objectContaining({ id: a.id, end: '2026-11-24T15:00:00-05:00' })]);
    expect(stored().filter((b) => b.bookingId === a.id)).toHaveLength(1);
  });
});

describe('Holds, edge cases', () => {
  it('answers a second hold of the same slot in the same call with the same hold, and a lapsed one anew', async () => {
    // Prepare
    const first = resultOf(await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' }));
    w.clock.now += 60_000;

    // Act
    const again = resultOf(await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' }));
    w.clock.now += 5 * 60_000;
    const renewed = resultOf(await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' }));

    // Assess
    expect(again.hold).toEqual(first.hold);
    expect(stored().filter((b) => b.status === 'held')).toHaveLength(1);
    expect(renewed.hold.expires_at).not.toBe(first.hold.expires_at);
    expect(
      stored()
        .map((b) => b.status)
        .sort(),
    ).toEqual(['held', 'released']);
  });

  it("never converts another call's hold on the same slot", async () => {
    // Prepare
    await w.tool('hold_slot', { start_time: TUE_2PM }, { callId: 'call-a' });

    // Act
    const other = resultOf(
      await w.tool('set_appointment', { start_time: TUE_2PM, attendee_name: 'Sam' }, { callId: 'b', number: OTHER }),
    );

    // Assess
    expect(other.booked).toBe(false);
    expect(stored().map((b) => b.status)).toEqual(['held']);
  });
});
