import { beforeEach, describe, expect, it } from 'vitest';
import { lockCells } from '../../../functions/domain/booking/lock-cells';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';
import { setAppointment, type BookingDeps } from '../../../functions/domain/scheduling/booking-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { FakeCalendar } from '../../fakes/calendar';
import { MemoryBookingStore, MemoryConnectionStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const SLOT = '2026-11-24T14:00'; // Tuesday 14:00 New York = 19:00Z
const SLOT_MS = Date.parse('2026-11-24T19:00:00Z');
const deadline = { at: NOW + 10_000 };
const args = { start_time: SLOT, attendee_name: 'Jane Doe' };
/** The result object of an outcome (fails the test when it is an error). */
const resultOf = (outcome: ToolOutcome) => {
  if (!('result' in outcome)) throw new Error(`expected a result, got error: ${outcome.error}`);
  return outcome.result as Record<string, any>;
};
const call = (toolCallId: string, callId = 'call-1') => ({ toolCallId, context: { callId, customerNumber: '+15551234567' } });

let calendar: FakeCalendar;
let bookings: MemoryBookingStore;
let connections: MemoryConnectionStore;
let deps: BookingDeps;

beforeEach(async () => {
  calendar = new FakeCalendar();
  bookings = new MemoryBookingStore();
  connections = new MemoryConnectionStore();
  await connections.put({ managerId: 'mgr', provider: 'microsoft', account: 'pat@contoso.example', homeAccountId: 'h', timeZone: 'America/New_York',
    needsReconnect: false, connectedAt: new Date(NOW).toISOString(), version: 1, tokenCache: 'v1.sealed' });
  deps = { connections, bookings, calendars: calendar, defaults: readBookingDefaults({}), clock: () => NOW,
    routing: { defaultManagerId: 'mgr', routes: {} }, sleep: async () => undefined };
});

describe('Function: setAppointment', () => {
  it('books a free slot once: one event with a transactionId, a confirmed booking, the caller number by default', async () => {
    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true, appointment: { start: '2026-11-24T14:00:00-05:00', end: '2026-11-24T14:30:00-05:00' } } });
    expect(calendar.created).toHaveLength(1);
    expect(calendar.created[0]).toMatchObject({ subject: 'Appointment — Jane Doe', start: '2026-11-24T14:00:00', timeZone: 'America/New_York' });
    const [booking] = bookings.bookings.values();
    expect(booking).toMatchObject({ status: 'confirmed', eventId: 'evt-1', callerPhone: '+15551234567', toolCallId: 'tc-1' });
  });

  it('answers a redelivered tool call with the stored first answer and creates nothing', async () => {
    // Prepare
    const first = await setAppointment(args, call('tc-1'), deps, deadline);

    // Act
    const second = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(second).toEqual(first);
    expect(calendar.created).toHaveLength(1);
  });

  it('waits for a twin delivery that is still in progress and returns its answer', async () => {
    // Prepare
    await bookings.claimToolCall('tc-1');
    deps.sleep = async () => { await bookings.completeToolCall('tc-1', { result: JSON.stringify({ message: 'done', booked: true }) }); };

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toEqual({ result: { message: 'done', booked: true } });
    expect(calendar.created).toHaveLength(0);
  });

  it('says it is still finishing when the twin is in progress and time is nearly up', async () => {
    // Prepare
    await bookings.claimToolCall('tc-1');

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, { at: NOW + 1_000 });

    // Assess
    expect(outcome).toEqual({ error: expect.stringContaining('still finishing') });
  });

  it('tells the loser of a lock race that the time was just taken, with alternatives that exclude it', async () => {
    // Prepare
    const holder = { managerId: 'mgr', bookingId: 'other', startMs: SLOT_MS, endMs: SLOT_MS + 1_800_000, status: 'pending', callId: 'call-other' } as BookingRecord;
    await bookings.reserve(holder, lockCells({ start: SLOT_MS, end: SLOT_MS + 1_800_000 }), NOW + 60_000, NOW);

    // Act
    const outcome = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: false, reason: 'taken', message: expect.stringMatching(/^Sorry, someone just booked that time\. The closest openings are/) } });
    const alternatives = resultOf(outcome).alternatives as Array<{ start: string }>;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.map((a) => a.start)).not.toContain('2026-11-24T14:00:00-05:00');
    expect(calendar.created).toHaveLength(0);
  });

  it('gives the same call its own booking back when it asks for the same slot under a new tool call id', async () => {
    // Prepare
    const first = await setAppointment(args, call('tc-1', 'call-9'), deps, deadline);
    calendar.entries = []; // the new event is not visible yet (eventual consistency), so the lock decides

    // Act
    const again = await setAppointment(args, call('tc-2', 'call-9'), deps, deadline);

    // Assess
    expect(resultOf(again).appointment).toEqual(resultOf(first).appointment);
    expect(calendar.created).toHaveLength(1);
  });

  it('releases the locks and the claim when the provider fails, so a redelivery can book', async () => {
    // Prepare
    calendar.failCreate = new ProviderUnavailableError();

    // Act
    const failed = await setAppointment(args, call('tc-1'), deps, deadline);
    calendar.failCreate = undefined;
    const retried = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(failed).toEqual({ error: expect.stringMatching(/isn't responding.*call you back/) });
    expect(retried).toMatchObject({ result: { booked: true } });
    expect(calendar.created).toHaveLength(1);
  });

  it('flags the connection for reconnect when the grant is revoked, and offers a call back', async () => {
    // Prepare
    calendar.failList = new ReconnectRequiredError();

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toEqual({ error: expect.stringMatching(/can't reach the manager's calendar.*call you back/) });
    expect((await connections.get('mgr'))!.needsReconnect).toBe(true);
  });

  it('does not book a time outside working hours and stores that answer', async () => {
    // Act
    const outcome = await setAppointment({ ...args, start_time: '2026-11-24T21:00' }, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: false, reason: 'outside_hours' } });
    expect(calendar.created).toHaveLength(0);
    expect(await bookings.claimToolCall('tc-1')).toMatchObject({ state: 'done' });
  });
});
