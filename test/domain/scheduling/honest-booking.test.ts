/** Booked means booked: an ambiguous create is answered "confirming", settled by a repeat or by the end of the call. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../functions/domain/errors';
import { releaseCallHolds } from '../../../functions/domain/lifecycle/call-ended';
import type { BookingRecord } from '../../../functions/domain/ports';
import { setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { honestDeps, lostAnswer } from './honest-booking.harness';

const resultOf = (outcome: ToolOutcome) => {
  if (!('result' in outcome)) throw new Error(`expected a result, got error: ${outcome.error}`);
  return outcome.result as Record<string, any>;
};
const context = { callId: 'call-1', customerNumber: '+15551234567' };
const call = (toolCallId: string) => ({ toolCallId, context });

// Monday 09:00 in New York, booking Tuesday 14:00 local: in winter (EST) and in summer (EDT).
describe.each([
  { season: 'winter', now: '2026-11-23T14:00:00Z', slot: '2026-11-24T14:00' },
  { season: 'summer', now: '2026-07-13T13:00:00Z', slot: '2026-07-14T14:00' },
])('Function: setAppointment after an ambiguous create ($season)', ({ now, slot }) => {
  const at = { now: Date.parse(now) };
  const args = { start_time: slot, attendee_name: 'Jane Doe' };
  const deadline = () => ({ at: at.now + 10_000 });
  let h: Awaited<ReturnType<typeof honestDeps>>;
  const records = () => [...h.bookings.bookings.values()] as BookingRecord[];

  beforeEach(async () => {
    vi.useFakeTimers({ now: Date.parse(now) });
    at.now = Date.parse(now);
    h = await honestDeps(at);
  });
  afterEach(() => vi.useRealTimers());

  it('answers "confirming" (never booked), keeps the booking pending and its slot, and stores no answer', async () => {
    // Prepare
    h.calendar.loseAnswers = 1;
    // Act
    const outcome = resultOf(await setAppointment(args, call('tc-1'), h.deps, deadline()));
    // Assess
    expect(outcome).toEqual({
      message: "I'm confirming that booking — ask me again in a moment.",
      booked: false,
      reason: 'confirming',
      alternatives: [],
    });
    expect(records()).toMatchObject([{ status: 'pending', told: 'confirming' }]);
    expect(h.bookings.calls.has('call-1/tc-1')).toBe(false);
    expect([...h.bookings.cells.values()].every((c) => c.status === 'pending')).toBe(true);
  });

  it('a redelivery of the same tool call finds the event by its key and says booked: exactly one event', async () => {
    // Prepare
    h.calendar.loseAnswers = 1;
    await setAppointment(args, call('tc-1'), h.deps, deadline());
    h.calendar.hidden.clear();
    at.now += 5_000;
    // Act
    const outcome = resultOf(await setAppointment(args, call('tc-1'), h.deps, deadline()));
    // Assess
    expect(outcome.booked).toBe(true);
    expect(h.calendar.created).toHaveLength(1);
    expect(records()).toMatchObject([{ status: 'confirmed', eventId: 'evt-1' }]);
    expect(records()[0]!.told).toBeUndefined();
  });

  it('at the per-call cap, asking again for the "confirming" slot books it: one event, not "limit"', async () => {
    // Prepare: a call allowed one booking, whose only create lost its answer
    h.deps.maxBookingsPerCall = 1;
    h.calendar.loseAnswers = 1;
    const first = resultOf(await setAppointment(args, call('tc-1'), h.deps, deadline()));
    h.calendar.hidden.clear();
    at.now += 5_000;
    // Act
    const again = resultOf(await setAppointment(args, call('tc-2'), h.deps, deadline()));
    // Assess
    expect(first.reason).toBe('confirming');
    expect(again.booked).toBe(true);
    expect(h.calendar.created).toHaveLength(1);
    expect(records()).toMatchObject([{ status: 'confirmed', eventId: 'evt-1' }]);
  });

  it('at the per-call cap, asking again after a confirming answer with no event made books it once', async () => {
    // Prepare: the create never reached the calendar
    h.deps.maxBookingsPerCall = 1;
    h.calendar.failCreate = lostAnswer();
    await setAppointment(args, call('tc-1'), h.deps, deadline());
    h.calendar.failCreate = undefined;
    at.now += 5_000;
    // Act
    const again = resultOf(await setAppointment(args, call('tc-2'), h.deps, deadline()));
    // Assess
    expect(again.booked).toBe(true);
    expect(h.calendar.created).toHaveLength(1);
    expect(records()).toMatchObject([{ status: 'confirmed', toolCallId: 'tc-1' }]);
  });

  it('a repeat in the same call that finds no event books fresh with the same key: one event', async () => {
    // Prepare: the create never reached the calendar
    h.calendar.failCreate = lostAnswer();
    await setAppointment(args, call('tc-1'), h.deps, deadline());
    h.calendar.failCreate = undefined;
    at.now += 5_000;
    // Act
    const outcome = resultOf(await setAppointment(args, call('tc-2'), h.deps, deadline()));
    // Assess
    expect(outcome.booked).toBe(true);
    expect(h.calendar.created).toHaveLength(1);
    expect(records()).toMatchObject([{ status: 'confirmed', toolCallId: 'tc-1' }]);
  });

  it('the end of the call cancels the event nobody heard booked, once, and counts it', async () => {
    // Prepare
    h.calendar.loseAnswers = 1;
    await setAppointment(args, call('tc-1'), h.deps, deadline());
    h.calendar.hidden.clear();
    at.now += 60_000;
    // Act
    await releaseCallHolds(context, h.deps, deadline());
    await releaseCallHolds(context, h.deps, deadline());
    // Assess
    expect(h.calendar.cancelled.map((c) => c.eventId)).toEqual(['evt-1']);
    expect(h.calendar.live()).toEqual([]);
    expect(records()).toMatchObject([{ status: 'cancelled', history: [{}, { type: 'cancelled' }] }]);
    expect(h.bookings.cells.size).toBe(0);
    expect(h.metrics.reconciled('cancelled')).toBe(1);
  });

  it('a confirm write that fails still says booked, and the end of the call keeps that event', async () => {
    // Prepare: the first confirm fails
    const confirm = h.bookings.confirm.bind(h.bookings);
    let failures = 1;
    h.bookings.confirm = async (...a) => (failures-- > 0 ? Promise.reject(new Error('throttled')) : confirm(...a));
    const outcome = resultOf(await setAppointment(args, call('tc-1'), h.deps, deadline()));
    // Act
    await releaseCallHolds(context, h.deps, deadline());
    // Assess
    expect(outcome.booked).toBe(true);
    expect(h.calendar.cancelled).toEqual([]);
    expect(records()).toMatchObject([{ status: 'confirmed', eventId: 'evt-1' }]);
    expect(h.metrics.reconciled('kept')).toBe(1);
  });

  it('when not even the note can be written after a failed confirm, the caller is not told booked', async () => {
    // Prepare
    h.bookings.confirm = async () => Promise.reject(new Error('throttled'));
    h.bookings.markUnsettled = async () => Promise.reject(new Error('throttled'));
    // Act
    const outcome = resultOf(await setAppointment(args, call('tc-1'), h.deps, deadline()));
    // Assess
    expect(outcome).toMatchObject({ booked: false, reason: 'confirming' });
  });

  it('a refused create (4xx) still releases the slot and says so', async () => {
    // Prepare
    h.calendar.failCreate = new ProviderError('refused', 400, 'ErrorInvalidRequest');
    // Act
    const outcome = await setAppointment(args, call('tc-1'), h.deps, deadline());
    // Assess
    expect(outcome).toHaveProperty('error');
    expect(records()).toMatchObject([{ status: 'released' }]);
    expect(records()[0]!.told).toBeUndefined();
    expect(h.bookings.cells.size).toBe(0);
  });
});
