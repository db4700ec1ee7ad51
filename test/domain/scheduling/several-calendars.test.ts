/** Busy time from several calendars and connections: union of busy and book, ignore ignored, failures honest. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { type BookingDeps, setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FAKE_DEFAULT, FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const deadline = { at: NOW + 10_000 };
const call = (toolCallId: string) => ({ toolCallId, context: { callId: `call-${toolCallId}` } });
const busy = (startIso: string, endIso: string) => ({
  start: Date.parse(startIso),
  end: Date.parse(endIso),
  availability: 'busy' as const,
  isCancelled: false,
  isAllDay: false,
});
const starts = (outcome: ToolOutcome) =>
  ('result' in outcome ? (outcome.result.slots as Array<{ start: string }>) : []).map((s) => s.start);

let calendar: FakeCalendar;
let connections: MemoryConnectionStore;
let deps: BookingDeps;
const log = { warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  calendar = new FakeCalendar();
  connections = new MemoryConnectionStore();
  log.warn.mockClear();
  await connections.save(
    managerRecord('mgr', [
      fakeConnection('work', [
        { id: FAKE_DEFAULT, role: 'book' },
        { id: 'showings', role: 'busy' },
        { id: 'holidays', role: 'ignore' },
      ]),
      fakeConnection('personal', [{ id: 'private', role: 'busy' }]),
    ]),
    undefined,
  );
  deps = {
    connections,
    settings: new MemorySettingsStore(),
    bookings: new MemoryBookingStore(),
    calendars: calendar,
    defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0' }),
    clock: () => NOW,
    routing: { defaultManagerId: 'mgr', routes: {} },
    sleep: async () => undefined,
    log,
  };
});

describe('Several calendars: get_availability', () => {
  it('blocks time busy in any busy or book calendar of any connection, and not in an ignored one', async () => {
    // Prepare: Tuesday 09:00-12:00 New York, one hour taken in each of four calendars.
    calendar.entries.push(busy('2026-11-24T14:00:00Z', '2026-11-24T15:00:00Z'));
    calendar.byCalendar.set('showings', [busy('2026-11-24T15:00:00Z', '2026-11-24T16:00:00Z')]);
    calendar.byCalendar.set('private', [busy('2026-11-24T16:00:00Z', '2026-11-24T16:30:00Z')]);
    calendar.byCalendar.set('holidays', [busy('2026-11-24T16:30:00Z', '2026-11-24T17:00:00Z')]);
    // Act
    const outcome = await getAvailability({ date: '2026-11-24', time_of_day: 'morning' }, call('a1'), deps, deadline);
    // Assess: 09:00-11:30 is taken; 11:30 is only "busy" in the ignored calendar.
    expect(starts(outcome)[0]).toBe('2026-11-24T11:30:00-05:00');
    expect(calendar.opened.map((o) => o.connectionId).sort()).toEqual(['personal', 'work']);
  });

  it('offers nothing that could be wrong when one calendar cannot be read, and logs which', async () => {
    // Prepare
    calendar.failList = new ProviderUnavailableError('down');
    calendar.failListFor = 'private';
    // Act
    const outcome = await getAvailability({}, call('a2'), deps, deadline);
    // Assess
    expect(outcome).toEqual({ error: expect.stringMatching(/isn't responding/) });
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringMatching(/could not be read/),
      expect.objectContaining({ connectionId: 'personal', calendarId: 'private' }),
    );
  });

  it('asks for a reconnect when a counted connection needs one; flags the connection on a revoked read', async () => {
    // Prepare
    calendar.failList = new ReconnectRequiredError('revoked');
    calendar.failListFor = 'private';
    // Act
    const first = await getAvailability({}, call('a3'), deps, deadline);
    calendar.failList = undefined;
    const second = await getAvailability({}, call('a4'), deps, deadline);
    // Assess
    const record = await connections.get('mgr');
    expect(record!.connections.find((c) => c.connectionId === 'personal')!.needsReconnect).toBe(true);
    expect(first).toEqual({ error: expect.stringMatching(/can't reach the manager's calendar/) });
    expect(second).toEqual({ error: expect.stringMatching(/can't reach the manager's calendar/) });
  });
});

describe('Several calendars: set_appointment', () => {
  it('books into the book calendar only, after re-checking every counted calendar', async () => {
    // Prepare: 14:00 is busy in the personal calendar.
    calendar.byCalendar.set('private', [busy('2026-11-24T19:00:00Z', '2026-11-24T19:30:00Z')]);
    // Act
    const taken = await setAppointment(
      { start_time: '2026-11-24T14:00', attendee_name: 'Jo' },
      call('b1'),
      deps,
      deadline,
    );
    const booked = await setAppointment(
      { start_time: '2026-11-24T15:00', attendee_name: 'Jo' },
      call('b2'),
      deps,
      deadline,
    );
    // Assess
    expect(taken).toMatchObject({ result: { booked: false, reason: 'taken' } });
    expect(booked).toMatchObject({ result: { booked: true } });
    expect(calendar.created.map((e) => e.calendarId)).toEqual([FAKE_DEFAULT]);
  });
});
