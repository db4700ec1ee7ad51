import { beforeEach, describe, expect, it } from 'vitest';
import { lockCells } from '../../../functions/domain/booking/lock-cells';
import type { CalendarAccess } from '../../../functions/domain/ports';
import { setAppointment, type BookingDeps } from '../../../functions/domain/scheduling/booking-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';
import { Timeline } from '../../fakes/timeline';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const SLOT = '2026-11-24T14:00'; // Tuesday 14:00 New York = 19:00Z
const SLOT_MS = Date.parse('2026-11-24T19:00:00Z');
const deadline = { at: NOW + 10_000 };
const args = { start_time: SLOT, attendee_name: 'Jane Doe' };
const call = (toolCallId: string) => ({ toolCallId, context: { callId: 'call-1', customerNumber: '+15551234567' } });
const STORES = ['bookings', 'connections', 'settings'] as const;

let timeline: Timeline;
let calendar: FakeCalendar;
let bookings: MemoryBookingStore;
let deps: BookingDeps;
let settings: MemorySettingsStore;

beforeEach(async () => {
  timeline = new Timeline(5);
  calendar = new FakeCalendar();
  bookings = new MemoryBookingStore();
  const connections = new MemoryConnectionStore();
  settings = new MemorySettingsStore();
  await connections.save(managerRecord('mgr', [fakeConnection('conn-1')]), undefined);
  const calendars: CalendarAccess = { open: (m, c) => timeline.wrap('provider', calendar.open(m, c)) };
  deps = {
    connections: timeline.wrap('connections', connections),
    settings: timeline.wrap('settings', settings),
    bookings: timeline.wrap('bookings', bookings),
    calendars,
    defaults: readBookingDefaults({}),
    clock: () => NOW,
    routing: { defaultManagerId: 'mgr', routes: {} },
    sleep: async () => undefined,
  };
});

describe('Function: setAppointment (round trips)', () => {
  it('books with 3 sequential store round trips and 2 provider calls: reads beside the claim, one write each side', async () => {
    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);
    const answered = timeline.now();

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(timeline.depth(STORES, answered)).toBe(3);
    expect(timeline.depth(['provider'], answered)).toBe(2);
    expect(timeline.depth([...STORES, 'provider'], answered)).toBe(5);
    expect(timeline.calls(STORES, answered)).toEqual([
      'connections.get',
      'settings.get',
      'bookings.listByManager',
      'bookings.claimToolCall',
      'bookings.reserve',
      'bookings.confirm',
    ]);
  });

  it('stores the answer with the confirm, so a redelivery hears it without another booking', async () => {
    // Prepare
    const first = await setAppointment(args, call('tc-1'), deps, deadline);

    // Act
    const again = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(again).toEqual(first);
    expect(calendar.created).toHaveLength(1);
    expect(timeline.calls(['bookings'])).not.toContain('bookings.completeToolCall');
  });

  it("counts the caller's day in the reserve: at the cap nothing is taken and the caller hears the daily limit", async () => {
    // Prepare
    deps.maxBookingsPerCallerPerDay = 1;
    await setAppointment(args, call('tc-1'), deps, deadline);

    // Act
    const outcome = await setAppointment({ ...args, start_time: '2026-11-24T15:00' }, call('tc-2'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: false, reason: 'limit' } });
    expect(JSON.stringify(outcome)).toContain('1 viewing a day for one phone number');
    expect(calendar.created).toHaveLength(1);
    expect([...bookings.bookings.values()].filter((b) => b.status === 'pending')).toHaveLength(0);
    expect(timeline.calls(['bookings'])).not.toContain('bookings.takeCallerQuota');
  });

  it("gives the day's unit back when the provider refuses the create", async () => {
    // Prepare
    deps.maxBookingsPerCallerPerDay = 1;
    calendar.failCreate = new Error('refused');

    // Act
    const refused = await setAppointment(args, call('tc-1'), deps, deadline);
    calendar.failCreate = undefined;
    const booked = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    expect(refused).toHaveProperty('error');
    expect(booked).toMatchObject({ result: { booked: true } });
  });

  it('converts the call’s own hold within the same 3 round trips', async () => {
    // Prepare
    const cells = lockCells({ start: SLOT_MS, end: SLOT_MS + 1_800_000 });
    const hold = {
      managerId: 'mgr',
      bookingId: 'hold-1',
      start: '2026-11-24T14:00:00-05:00',
      end: '2026-11-24T14:30:00-05:00',
      startMs: SLOT_MS,
      endMs: SLOT_MS + 1_800_000,
      callerName: 'Caller',
      status: 'held' as const,
      toolCallId: 'tc-hold',
      callId: 'call-1',
      confirmationCode: '123456',
      createdAt: new Date(NOW).toISOString(),
      cells,
      holdUntilMs: NOW + 300_000,
    };
    await bookings.hold(hold, cells, NOW);

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);
    const answered = timeline.now();

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(timeline.depth(STORES, answered)).toBe(3);
    expect(timeline.calls(['bookings'])).toContain('bookings.convertHold');
  });

  it('a manager whose horizon reaches past the default reads the rest beside the calendar, not after it', async () => {
    // Prepare
    await settings.merge('mgr', { horizonDays: 60 }, new Date(NOW).toISOString());
    const farOut = '2027-01-12T14:00'; // 50 days ahead: beyond the default 14-day span read beside the claim

    // Act
    const outcome = await setAppointment({ ...args, start_time: farOut }, call('tc-1'), deps, deadline);
    const answered = timeline.now();

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(timeline.calls(['bookings'], answered).filter((c) => c === 'bookings.listByManager')).toHaveLength(2);
    // The extra read overlaps the calendar read: the caller waits no longer than with the default horizon.
    expect(timeline.depth([...STORES, 'provider'], answered)).toBe(5);
  });
});
