import { beforeEach, describe, expect, it } from 'vitest';
import { lockCells } from '../../../functions/domain/booking/lock-cells';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';
import { setAppointment, type BookingDeps } from '../../../functions/domain/scheduling/booking-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

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
const call = (toolCallId: string, callId = 'call-1') => ({
  toolCallId,
  context: { callId, customerNumber: '+15551234567' },
});

let calendar: FakeCalendar;
let bookings: MemoryBookingStore;
let connections: MemoryConnectionStore;
let deps: BookingDeps;

beforeEach(async () => {
  calendar = new FakeCalendar();
  bookings = new MemoryBookingStore();
  connections = new MemoryConnectionStore();
  await connections.save(managerRecord('mgr', [fakeConnection('conn-1')]), undefined);
  deps = {
    connections,
    settings: new MemorySettingsStore(),
    bookings,
    calendars: calendar,
    defaults: readBookingDefaults({}),
    clock: () => NOW,
    routing: { defaultManagerId: 'mgr', routes: {} },
    sleep: async () => undefined,
  };
});

describe('Function: setAppointment', () => {
  it('books a free slot once: one event with a bookingKey, a confirmed booking, caller number by default', async () => {
    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({
      result: { booked: true, appointment: { start: '2026-11-24T14:00:00-05:00', end: '2026-11-24T14:30:00-05:00' } },
    });
    expect(calendar.created).toHaveLength(1);
    expect(calendar.created[0]).toMatchObject({
      subject: 'Appointment — Jane Doe',
      start: Date.parse('2026-11-24T14:00:00-05:00'),
      timeZone: 'America/New_York',
    });
    const [booking] = bookings.bookings.values();
    expect(booking).toMatchObject({
      status: 'confirmed',
      eventId: 'evt-1',
      callerPhone: '+15551234567',
      toolCallId: 'tc-1',
    });
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
    await bookings.claimToolCall('call-1/tc-1');
    deps.sleep = async () => {
      await bookings.completeToolCall('call-1/tc-1', { result: JSON.stringify({ message: 'done', booked: true }) });
    };

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toEqual({ result: { message: 'done', booked: true } });
    expect(calendar.created).toHaveLength(0);
  });

  it('says it is still finishing when the twin is in progress and time is nearly up', async () => {
    // Prepare: every wait moves the clock on a second
    await bookings.claimToolCall('call-1/tc-1');
    let t = NOW;
    deps.clock = () => t;
    deps.sleep = async () => {
      t += 1_000;
    };

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, { at: NOW + 5_000 });

    // Assess
    expect(outcome).toEqual({ error: expect.stringContaining('still finishing') });
  });

  it('does not start a booking it cannot finish in the time left', async () => {
    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, { at: NOW + 3_000 });

    // Assess
    expect(outcome).toEqual({ error: expect.stringContaining('moment longer') });
    expect(calendar.created).toHaveLength(0);
  });

  it('resumes its booking when an earlier try was cut off after reserving (no "taken" for the caller)', async () => {
    // Prepare: the first attempt's create fails and its release cannot run either, so its pending lock stays
    calendar.failCreate = new ProviderUnavailableError('timeout');
    const release = bookings.release.bind(bookings);
    bookings.release = async () => {
      throw new Error('aborted at the deadline');
    };
    await setAppointment(args, call('tc-1'), deps, deadline);
    calendar.failCreate = undefined;
    bookings.release = release;

    // Act
    const outcome = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(calendar.created).toHaveLength(1);
    expect([...bookings.bookings.values()].filter((b) => b.status === 'confirmed')).toHaveLength(1);
  });

  it('tells the caller the same confirmation code the calendar event carries, on every attempt', async () => {
    // Prepare
    calendar.failCreate = new Error('Lambda died');
    calendar.createThenFail = true;
    await setAppointment(args, call('tc-1'), deps, deadline);
    calendar.failCreate = undefined;

    // Act
    const outcome = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    const code = resultOf(outcome).appointment.confirmation_code as string;
    expect(calendar.created[0]!.bodyText).toContain(`Confirmation code: ${code}`);
  });

  it('finishes a retire that was cut off, so a half-freed slot does not stay blocked', async () => {
    // Prepare: an old booking whose event is gone was marked cancelled, but its cells were never freed
    await setAppointment(args, call('tc-1', 'call-old'), deps, deadline);
    const [old] = bookings.bookings.values();
    old!.status = 'cancelled';
    calendar.entries = [];
    deps.clock = () => NOW + 10 * 60_000;

    // Act
    const outcome = await setAppointment(args, call('tc-2', 'call-new'), deps, { at: NOW + 10 * 60_000 + 10_000 });

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
  });

  it('tells the loser of a lock race that the time was just taken, with alternatives that exclude it', async () => {
    // Prepare
    const holder = {
      managerId: 'mgr',
      bookingId: 'other',
      startMs: SLOT_MS,
      endMs: SLOT_MS + 1_800_000,
      status: 'pending',
      callId: 'call-other',
    } as BookingRecord;
    await bookings.reserve(holder, lockCells({ start: SLOT_MS, end: SLOT_MS + 1_800_000 }), NOW + 60_000, NOW);

    // Act
    const outcome = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({
      result: {
        booked: false,
        reason: 'taken',
        message: expect.stringMatching(/^Sorry, someone just booked that time\. The closest openings are/),
      },
    });
    const alternatives = resultOf(outcome).alternatives as Array<{ start: string }>;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.map((a) => a.start)).not.toContain('2026-11-24T14:00:00-05:00');
    expect(calendar.created).toHaveLength(0);
  });

  it('gives the same call its own booking back when it asks for the same slot under a new tool call id', async () => {
    // Prepare
    const first = await setAppointment(args, call('tc-1', 'call-9'), deps, deadline);

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
    expect((await connections.get('mgr'))!.connections[0]!.needsReconnect).toBe(true);
  });

  it('does not book a time outside working hours and stores that answer', async () => {
    // Act
    const outcome = await setAppointment({ ...args, start_time: '2026-11-24T21:00' }, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: false, reason: 'outside_hours' } });
    expect(calendar.created).toHaveLength(0);
    expect(await bookings.claimToolCall('call-1/tc-1')).toMatchObject({ state: 'done' });
  });

  it('stays booked when bookkeeping fails once the event exists (confirm and answer storage both fail)', async () => {
    // Prepare
    bookings.confirm = async () => {
      throw new Error('DynamoDB throttled');
    };
    bookings.completeToolCall = async () => {
      throw new Error('DynamoDB throttled');
    };

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(calendar.created).toHaveLength(1);
  });

  it('adopts the event of a create that timed out after Graph made it, instead of reporting a failure', async () => {
    // Prepare
    calendar.failCreate = new ProviderUnavailableError('timeout');
    calendar.createThenFail = true;

    // Act
    const outcome = await setAppointment(args, call('tc-1'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(calendar.created).toHaveLength(1);
    expect([...bookings.bookings.values()][0]).toMatchObject({ status: 'confirmed', eventId: 'evt-1' });
  });

  it('adopts its own event that a cut-off earlier attempt created with no booking, creating nothing new', async () => {
    // Prepare: an earlier attempt of this call created the event, then died before any bookkeeping.
    calendar.failCreate = new Error('Lambda died');
    calendar.createThenFail = true;
    await setAppointment(args, call('tc-1'), deps, deadline);
    calendar.failCreate = undefined;

    // Act
    const outcome = await setAppointment(args, call('tc-2'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect(calendar.created).toHaveLength(1);
  });

  it('retires a confirmed lock whose event the manager deleted in their calendar, and books the slot', async () => {
    // Prepare
    await setAppointment(args, call('tc-1', 'call-old'), deps, { at: NOW + 10_000 });
    calendar.entries = [];
    const later = NOW + 10 * 60_000;
    deps.clock = () => later;

    // Act
    const outcome = await setAppointment(args, call('tc-2', 'call-new'), deps, { at: later + 10_000 });

    // Assess
    expect(outcome).toMatchObject({ result: { booked: true } });
    expect([...bookings.bookings.values()].map((b) => b.status).sort()).toEqual(['cancelled', 'confirmed']);
  });

  it('keeps a just-confirmed lock whose event is not visible yet (no retiring within two minutes)', async () => {
    // Prepare
    await setAppointment(args, call('tc-1', 'call-old'), deps, deadline);
    calendar.entries = [];

    // Act
    const outcome = await setAppointment(args, call('tc-2', 'call-new'), deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { booked: false, reason: 'taken' } });
  });

  it('books at most three viewings per phone call', async () => {
    // Prepare
    for (const [i, start] of ['2026-11-24T10:00', '2026-11-24T11:00', '2026-11-24T12:00'].entries()) {
      await setAppointment({ ...args, start_time: start }, call(`tc-${i}`, 'call-busy'), deps, deadline);
    }

    // Act
    const fourth = await setAppointment(
      { ...args, start_time: '2026-11-24T15:00' },
      call('tc-9', 'call-busy'),
      deps,
      deadline,
    );

    // Assess
    expect(fourth).toMatchObject({ result: { booked: false, reason: 'limit' } });
    expect(calendar.created).toHaveLength(3);
  });
});
