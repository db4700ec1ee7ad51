import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord, CalendarConnection } from '../../../functions/domain/ports';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';

type Harness = typeof import('./harness');
type Home = typeof import('../../../functions/domain/lifecycle/event-home');
type Manager = typeof import('../../../functions/domain/scheduling/manager-calendar');
type Ports = typeof import('../../../functions/domain/ports');
let h: Harness;
let home: Home;
let manager: Manager;
let ports: Ports;
let w: Awaited<ReturnType<Harness['world']>>;

// The "can't reach the calendar" line is a module-level constant, built once when the module loads. Loading the
// tools afresh inside each test lets mutation testing see these tests use it.
beforeEach(async () => {
  vi.resetModules();
  h = await import('./harness');
  home = await import('../../../functions/domain/lifecycle/event-home');
  manager = await import('../../../functions/domain/scheduling/manager-calendar');
  ports = await import('../../../functions/domain/ports');
  w = await h.world();
});

const UNREACHABLE =
  "I can't reach the calendar this appointment is in, so I can't change it right now. " +
  'Would you like the manager to call you back?';
const records = () => [...w.bookings.bookings.values()];
const live = () => records().filter((b) => b.status !== 'moved');
const find = async () => h.resultOf(await w.tool('find_appointment', {}, { callId: 'call-b' }));
const move = async (id: string, start = h.TUE_3PM) =>
  h.resultOf(await w.tool('reschedule_appointment', { appointment_id: id, new_start_time: start }, { callId: 'b' }));

/** Replaces the manager's connections (the owner changed accounts or calendar roles). */
async function connect(...connections: CalendarConnection[]) {
  const record = await w.deps.connections.get('mgr');
  if (!record) return w.deps.connections.save(managerRecord('mgr', connections), undefined);
  const next = { ...managerRecord('mgr', connections), revision: record.revision };
  await w.deps.connections.save(next, ports.versionsOf(record));
}

/** The manager disconnects every account and keeps their hours (manual mode). */
async function goManual() {
  await connect();
  await w.settings.merge('mgr', { workingHours: 'mon-fri 09:00-17:00' }, new Date(w.clock.now).toISOString());
}

/** A booking recorded before bookings noted where their event went (no connection or calendar id). */
function makeLegacy(bookingId: string) {
  const stored = records().find((b) => b.bookingId === bookingId)!;
  delete stored.connectionId;
  delete stored.calendarId;
}

/** One provider client per account, each its own calendar, with every open() counted. */
function twoAccounts() {
  const clients: Record<string, FakeCalendar> = { 'conn-1': new FakeCalendar(), 'conn-2': new FakeCalendar() };
  const opened: string[] = [];
  w.deps.calendars = {
    open: (_managerId, connection) => {
      opened.push(connection.connectionId);
      return clients[connection.connectionId]!;
    },
  };
  return { clients, opened };
}

describe('eventHome: a booking made in manual mode', () => {
  it('is never looked up in a calendar connected later, and moves without a calendar change', async () => {
    // Prepare
    await goManual();
    const a = await h.book(w, h.TUE_2PM);
    expect(records()[0]!.eventId).toMatch(/^manual-/);
    await connect(fakeConnection('conn-1'));
    const getEvent = vi.spyOn(w.calendar, 'getEvent');

    // Act
    const found = await find();
    const moved = await move(a.id);

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(moved).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
    expect(getEvent).not.toHaveBeenCalled();
    expect(w.calendar.updated).toEqual([]);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'confirmed' })]);
  });
});

describe('eventHome: a booking that did not record its calendar', () => {
  it('is still found in manual mode, and is not moved since its calendar is out of reach', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    makeLegacy(a.id);
    await goManual();

    // Act
    const found = await find();
    const moved = await move(a.id);

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(moved).toStrictEqual({ message: UNREACHABLE, rescheduled: false, reason: 'unreachable', alternatives: [] });
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'confirmed', start: a.start })]);
  });

  it('is looked up in the calendar that takes bookings now', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    makeLegacy(a.id);
    const getEvent = vi.spyOn(w.calendar, 'getEvent');

    // Act
    const found = await find();

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(getEvent).toHaveBeenCalledWith('default', 'evt-1', expect.anything());
  });
});

describe('eventHome: which account and calendar the event is in', () => {
  it("reads the event through its own account's client, opened once per call", async () => {
    // Prepare: the second account's calendar takes bookings; the first only counts as busy.
    const { clients, opened } = twoAccounts();
    await connect(
      fakeConnection('conn-1', [{ id: 'default', role: 'busy' }]),
      fakeConnection('conn-2', [{ id: 'team-cal', role: 'book' }]),
    );
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    opened.length = 0;
    const getEvent = vi.spyOn(clients['conn-2']!, 'getEvent');

    // Act
    const found = await find();

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(getEvent).toHaveBeenCalledWith('team-cal', 'evt-1', expect.anything());
    expect(opened).toEqual(['conn-1', 'conn-2']);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'confirmed' })]);
  });

  it('opens the account of a booking whose calendar no longer counts for busy time, and finds it', async () => {
    // Prepare: booked in the second account; then the owner makes the first take bookings and ignores the second.
    const { clients, opened } = twoAccounts();
    await connect(
      fakeConnection('conn-1', [{ id: 'default', role: 'busy' }]),
      fakeConnection('conn-2', [{ id: 'team-cal', role: 'book' }]),
    );
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    await connect(
      fakeConnection('conn-1', [{ id: 'default', role: 'book' }]),
      fakeConnection('conn-2', [{ id: 'team-cal', role: 'ignore' }]),
    );
    opened.length = 0;
    const getEvent = vi.spyOn(clients['conn-2']!, 'getEvent');

    // Act
    const found = await find();

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(getEvent).toHaveBeenCalledWith('team-cal', 'evt-1', expect.anything());
    expect(opened).toEqual(['conn-1', 'conn-2']);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'confirmed' })]);
  });

  it('looks in the calendar the booking went to, after bookings moved to another calendar', async () => {
    // Prepare: booked in the first account's calendar; then the second account's calendar takes bookings.
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    await connect(
      fakeConnection('conn-1', [{ id: 'default', role: 'busy' }]),
      fakeConnection('conn-2', [{ id: 'team-cal', role: 'book' }]),
    );

    // Act
    const found = await find();

    // Assess
    expect(found.appointments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'confirmed', start: a.start })]);
  });
});

describe('followCalendar: what the calendar says now', () => {
  it('follows an event whose start the owner moved earlier, keeping its end', async () => {
    // Prepare: the owner makes the 2:00 PM viewing start at 1:30 PM.
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.find((e) => e.id === 'evt-1')!.start = Date.parse('2026-11-24T18:30:00Z');

    // Act
    const found = await find();

    // Assess
    expect(found.appointments).toEqual([
      expect.objectContaining({ id: a.id, start: '2026-11-24T13:30:00-05:00', end: a.end }),
    ]);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, startMs: Date.parse('2026-11-24T18:30:00Z') })]);
  });

  it('warns the operator when it cancels a booking the owner deleted', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.length = 0;

    // Act
    await find();

    // Assess
    expect(w.warnings).toStrictEqual([
      {
        message: 'a booking was deleted in the calendar; cancelling it',
        detail: { managerId: 'mgr', bookingId: a.id },
      },
    ]);
  });

  it('cancels a booking the owner deleted when no log is configured', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.length = 0;
    w.deps.log = undefined;

    // Act
    const found = await find();

    // Assess
    expect(found.appointments).toEqual([]);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, status: 'cancelled' })]);
  });

  it('returns a deleted booking as gone and cancelled', async () => {
    // Prepare
    await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.length = 0;
    const calendar = await manager.openManagerCalendar('mgr', w.deps);
    const [booking] = (await w.bookings.listByManager('mgr', 0, Number.MAX_SAFE_INTEGER)) as [BookingRecord];

    // Act
    const followed = await home.followCalendar(calendar, booking, { at: w.clock.now + 5_000 }, w.deps);

    // Assess
    expect(followed).toStrictEqual({ kind: 'gone', booking: { ...booking, status: 'cancelled' } });
  });

  it('returns a cancelled booking as gone without asking the calendar', async () => {
    // Prepare
    await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    const calendar = await manager.openManagerCalendar('mgr', w.deps);
    const [stored] = (await w.bookings.listByManager('mgr', 0, Number.MAX_SAFE_INTEGER)) as [BookingRecord];
    const booking: BookingRecord = { ...stored, status: 'cancelled' };
    const getEvent = vi.spyOn(w.calendar, 'getEvent');

    // Act
    const followed = await home.followCalendar(calendar, booking, { at: w.clock.now + 5_000 }, w.deps);

    // Assess
    expect(followed).toStrictEqual({ kind: 'gone', booking });
    expect(getEvent).not.toHaveBeenCalled();
  });
});
