/** Manual mode: a manager with hours and no calendar is bookable; the booking record is the only record. */
import { beforeEach, describe, expect, it } from 'vitest';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { type BookingDeps, setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FakeCalendar } from '../../fakes/calendar';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 14:00 in London
const deadline = { at: NOW + 10_000 };
// Each caller its own number: one number may book only a few viewings a day.
const call = (toolCallId: string, callId = `call-${toolCallId}`) => ({
  toolCallId,
  context: {
    callId,
    customerNumber: `+1555${[...toolCallId]
      .map((c) => c.charCodeAt(0))
      .join('')
      .padEnd(7, '0')}`,
  },
});
/** The result of an outcome (fails the test on an error). */
function resultOf<T>(outcome: ToolOutcome): T {
  if (!('result' in outcome)) throw new Error(`expected a result, got: ${outcome.error}`);
  return outcome.result as unknown as T;
}

let bookings: MemoryBookingStore;
let settings: MemorySettingsStore;
let calendar: FakeCalendar;
let deps: BookingDeps;

beforeEach(async () => {
  bookings = new MemoryBookingStore();
  settings = new MemorySettingsStore();
  calendar = new FakeCalendar();
  await settings.merge(
    'pat',
    { timeZone: 'Europe/London', workingHours: 'tue 10:00-12:00' },
    new Date(NOW).toISOString(),
  );
  deps = {
    connections: new MemoryConnectionStore(),
    settings,
    bookings,
    calendars: calendar,
    defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0' }),
    clock: () => NOW,
    routing: { defaultManagerId: 'pat', routes: {} },
    sleep: async () => undefined,
  };
});

describe('Manual mode', () => {
  it("offers the manager's own hours in their zone", async () => {
    // Act
    const outcome = await getAvailability({}, call('a1'), deps, deadline);
    // Assess
    const { slots } = resultOf<{ slots: Array<{ start: string }> }>(outcome);
    expect(slots[0]!.start).toBe('2026-11-24T10:00:00+00:00');
    expect(calendar.opened).toEqual([]);
  });

  it('books with locks and idempotency and no calendar event; the booking then blocks its time', async () => {
    // Act
    const booked = await setAppointment(
      { start_time: '2026-11-24T10:00', attendee_name: 'Jo' },
      call('b1'),
      deps,
      deadline,
    );
    const replay = await setAppointment(
      { start_time: '2026-11-24T10:00', attendee_name: 'Jo' },
      call('b1'),
      deps,
      deadline,
    );
    const after = await getAvailability({ date: '2026-11-24' }, call('a2'), deps, deadline);
    // Assess
    expect(booked).toMatchObject({ result: { booked: true, appointment: { start: '2026-11-24T10:00:00+00:00' } } });
    expect(replay).toEqual(booked);
    expect(calendar.created).toEqual([]);
    const stored = [...bookings.bookings.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'confirmed', eventId: expect.stringMatching(/^manual-/) });
    const slots = resultOf<{ slots: Array<{ start: string }> }>(after).slots.map((s) => s.start);
    expect(slots).not.toContain('2026-11-24T10:00:00+00:00');
  });

  it('lets exactly one of 20 parallel bookings of one slot win', async () => {
    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        setAppointment({ start_time: '2026-11-24T11:00', attendee_name: `Caller ${i}` }, call(`p${i}`), deps, deadline),
      ),
    );
    // Assess
    const results = answers.map((a) => resultOf<{ booked: boolean; reason?: string }>(a));
    expect(results.filter((r) => r.booked)).toHaveLength(1);
    expect(results.filter((r) => !r.booked).every((r) => r.reason === 'taken')).toBe(true);
    expect([...bookings.bookings.values()].filter((b) => b.status === 'confirmed')).toHaveLength(1);
  });

  it('says "not set up yet" to a manager with neither hours nor a calendar', async () => {
    // Prepare
    deps.routing = { defaultManagerId: 'nobody', routes: {} };
    // Act
    const outcome = await getAvailability({}, call('a3'), deps, deadline);
    // Assess
    expect(outcome).toEqual({ error: expect.stringMatching(/calendar isn't set up yet/) });
  });
});
