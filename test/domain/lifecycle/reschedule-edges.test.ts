import { beforeEach, describe, expect, it, vi } from 'vitest';

type Harness = typeof import('./harness');
type Errors = typeof import('../../../functions/domain/errors');
let h: Harness;
let errors: Errors;
let w: Awaited<ReturnType<Harness['world']>>;

// reschedule_appointment's words (its name in logs, its "busy" line) are a module-level table, built once when the
// module loads. Loading the tools afresh inside each test lets mutation testing see these tests use that table.
beforeEach(async () => {
  vi.resetModules();
  h = await import('./harness');
  errors = await import('../../../functions/domain/errors');
  w = await h.world();
});

const TUE_4PM = '2026-11-24T16:00';
const EMAIL = { attendee_email: 'jane@example.com' };
const live = () => [...w.bookings.bookings.values()].filter((b) => b.status !== 'moved');
const move = async (id: string, start: string, who: { callId?: string; tc?: string } = { callId: 'call-b' }) =>
  w.tool('reschedule_appointment', { appointment_id: id, new_start_time: start }, who);

describe('Tool: reschedule_appointment, refusals', () => {
  it('refuses in full, with no alternatives, when the booking was deleted by the owner', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.length = 0;

    // Act
    const result = h.resultOf(await move(a.id, h.TUE_3PM));

    // Assess
    expect(result).toStrictEqual({
      message: 'That appointment was cancelled by the manager, so there is nothing to move. Shall I book a new time?',
      rescheduled: false,
      reason: 'cancelled',
      alternatives: [],
    });
  });

  it("refuses in full when the booking's calendar is no longer connected", async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    const record = (await w.deps.connections.get('mgr'))!;
    const { versionsOf } = await import('../../../functions/domain/ports');
    await w.deps.connections.save({ ...record, connections: [] }, versionsOf(record));
    await w.settings.merge('mgr', { workingHours: 'mon-fri 09:00-17:00' }, new Date(w.clock.now).toISOString());

    // Act
    const result = h.resultOf(await move(a.id, h.TUE_3PM));

    // Assess
    expect(result).toStrictEqual({
      message:
        "I can't reach the calendar this appointment is in, so I can't change it right now. " +
        'Would you like the manager to call you back?',
      rescheduled: false,
      reason: 'unreachable',
      alternatives: [],
    });
  });

  it("will not move onto the owner's own event, and leaves the booking where it is", async () => {
    // Prepare: the owner has a meeting of their own at 3 PM (in the calendar, not a booking).
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.entries.push({
      id: 'owner-meeting',
      start: Date.parse('2026-11-24T20:00:00Z'),
      end: Date.parse('2026-11-24T21:00:00Z'),
      availability: 'busy',
      isCancelled: false,
      isAllDay: false,
    });

    // Act
    const result = h.resultOf(await move(a.id, h.TUE_3PM));

    // Assess
    expect(result).toMatchObject({ rescheduled: false });
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(w.calendar.updated).toEqual([]);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, start: a.start, status: 'confirmed' })]);
  });
});

describe('Tool: reschedule_appointment, the move', () => {
  it('keeps the length of a longer viewing', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' }, { duration_minutes: 60 });

    // Act
    const result = h.resultOf(await move(a.id, h.TUE_3PM));

    // Assess
    expect(result.appointment).toMatchObject({ start: '2026-11-24T15:00:00-05:00', end: '2026-11-24T16:00:00-05:00' });
    expect(w.calendar.updated).toEqual([
      expect.objectContaining({
        changes: expect.objectContaining({ end: Date.parse('2026-11-24T21:00:00Z') }),
      }),
    ]);
  });

  it('gives the calendar calls a deadline 1.5 s before the tool call has to answer', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    const getEvent = vi.spyOn(w.calendar, 'getEvent');
    const updateEvent = vi.spyOn(w.calendar, 'updateEvent');

    // Act
    await move(a.id, h.TUE_3PM);

    // Assess: the harness gives each tool call 10 s.
    const deadline = { at: h.NOW + 10_000 - 1_500 };
    expect(getEvent).toHaveBeenCalledWith('default', 'evt-1', deadline);
    expect(updateEvent).toHaveBeenCalledWith('default', 'evt-1', expect.anything(), deadline);
  });

  it('moves an invited booking under the default daily cap', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' }, EMAIL);

    // Act
    const result = h.resultOf(await move(a.id, h.TUE_3PM));

    // Assess
    expect(result).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
  });
});

describe("Tool: reschedule_appointment, the caller's daily cap (an updated invitation counts)", () => {
  beforeEach(() => {
    // Prepare: the booking takes one of the two units; a move of an invited booking takes another.
    w.deps.maxBookingsPerCallerPerDay = 2;
  });

  it('refuses a move past the cap and changes nothing', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' }, EMAIL);
    h.resultOf(await move(a.id, h.TUE_3PM));

    // Act
    const result = h.resultOf(await move(a.id, TUE_4PM));

    // Assess
    expect(result).toStrictEqual({
      message: 'I can only change 2 viewings a day for one phone number. The manager can help with more.',
      rescheduled: false,
      reason: 'limit',
      alternatives: [],
    });
    expect(w.calendar.updated).toHaveLength(1);
    expect(live()).toEqual([expect.objectContaining({ bookingId: a.id, start: '2026-11-24T15:00:00-05:00' })]);
  });

  it('gives the unit back when the calendar refuses the move, so a later move still goes through', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' }, EMAIL);
    w.calendar.failUpdate = new errors.ProviderUnavailableError();
    const failed = await move(a.id, h.TUE_3PM);
    w.calendar.failUpdate = undefined;

    // Act
    const result = h.resultOf(await move(a.id, TUE_4PM));

    // Assess
    expect(failed).toStrictEqual({
      error: "The calendar isn't responding right now. Would you like the manager to call you back to set up a time?",
    });
    expect(result).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T16:00:00-05:00' } });
  });

  it('does not count a booking without an invitation', async () => {
    // Prepare
    w.deps.maxBookingsPerCallerPerDay = 1;
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });

    // Act
    const first = h.resultOf(await move(a.id, h.TUE_3PM));
    const second = h.resultOf(await move(a.id, TUE_4PM));

    // Assess
    expect([first.rescheduled, second.rescheduled]).toEqual([true, true]);
  });
});

describe('Tool: reschedule_appointment, one answer per tool call', () => {
  it('logs a failed move under the tool name, and says why', async () => {
    // Prepare
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    w.calendar.failUpdate = new errors.ProviderUnavailableError('Graph timed out');

    // Act
    const outcome = await move(a.id, h.TUE_3PM);

    // Assess
    expect(outcome).toStrictEqual({ error: expect.stringContaining("The calendar isn't responding right now.") });
    expect(w.warnings).toContainEqual({
      message: 'reschedule_appointment failed',
      detail: { error: 'ProviderUnavailableError', reason: 'Graph timed out' },
    });
  });

  it('asks again later while the same tool call is still being worked on elsewhere', async () => {
    // Prepare: another invocation claimed this tool call and has not answered; waiting moves the clock on.
    const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
    await w.bookings.claimToolCall('call-b/tc-r', w.clock.now);
    w.deps.sleep = async (ms) => {
      w.clock.now += ms;
    };

    // Act
    const outcome = await move(a.id, h.TUE_3PM, { callId: 'call-b', tc: 'tc-r' });

    // Assess
    expect(outcome).toStrictEqual({ error: "I'm still moving that appointment. Please ask again." });
    expect(w.calendar.updated).toEqual([]);
  });
});
