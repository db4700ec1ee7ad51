import { beforeEach, describe, expect, it, vi } from 'vitest';

type Harness = typeof import('./harness');
let h: Harness;
let w: Awaited<ReturnType<Harness['world']>>;

// cancel_appointment's words (its name in logs, its "busy" line) are a module-level table, built once when the module
// loads. Loading the tools afresh inside each test (not at the top of the file, where no test is running yet) is what
// lets mutation testing see these tests use that table.
beforeEach(async () => {
  vi.resetModules();
  h = await import('./harness');
  w = await h.world();
});

const CANCELLED =
  'Your appointment on Tuesday, November 24 at 2:00 PM is cancelled. Would you like to book another time?';
const stored = () => [...w.bookings.bookings.values()];
/** Books Tuesday 14:00 in a calendar (the booking has an event) on call-a. */
const booked = async () => {
  const a = await h.book(w, h.TUE_2PM, { callId: 'call-a' });
  w.calendar.cancelled.length = 0;
  return a;
};
const cancel = (args: Record<string, unknown>, tc?: string) =>
  w.tool('cancel_appointment', args, { callId: 'call-a', ...(tc ? { tc } : {}) });

describe('Tool: cancel_appointment', () => {
  describe('a booked appointment', () => {
    it('cancels the event with the reason in its comment and records it', async () => {
      // Prepare
      const a = await booked();

      // Act
      const result = h.resultOf(await cancel({ appointment_id: a.id, reason: 'moving away' }));

      // Assess
      expect(result).toStrictEqual({ message: CANCELLED, cancelled: true });
      expect(w.calendar.cancelled).toEqual([
        { calendarId: 'default', eventId: 'evt-1', comment: 'This appointment was cancelled by phone: moving away' },
      ]);
      expect(stored()[0]).toMatchObject({ status: 'cancelled' });
      expect(stored()[0]!.history!.at(-1)).toStrictEqual({
        type: 'cancelled',
        at: '2026-11-23T14:00:00.000Z',
        by: 'caller',
        reason: 'moving away',
      });
    });

    it('says only that it was cancelled by phone when no reason is given', async () => {
      // Prepare
      const a = await booked();

      // Act
      await cancel({ appointment_id: a.id });

      // Assess
      expect(w.calendar.cancelled.map((c) => c.comment)).toEqual(['This appointment was cancelled by phone.']);
      expect(stored()[0]!.history!.at(-1)).toStrictEqual({
        type: 'cancelled',
        at: '2026-11-23T14:00:00.000Z',
        by: 'caller',
      });
    });

    it("passes the caller's reason on as plain text", async () => {
      // Prepare
      const a = await booked();

      // Act
      await cancel({ appointment_id: a.id, reason: 'found a <b>better</b> place at evil.example' });

      // Assess
      expect(w.calendar.cancelled.map((c) => c.comment)).toEqual([
        'This appointment was cancelled by phone: found a better place at',
      ]);
      expect(stored()[0]!.history!.at(-1)).toMatchObject({ reason: 'found a better place at' });
    });

    it('cancels the event with a second and a half to spare before the deadline', async () => {
      // Prepare
      const a = await booked();
      const cancels = vi.spyOn(w.calendar, 'cancelEvent');

      // Act
      await cancel({ appointment_id: a.id });

      // Assess
      expect(cancels).toHaveBeenCalledWith('default', 'evt-1', { at: h.NOW + 8_500 }, expect.any(String));
    });

    it('frees the slot for another caller', async () => {
      // Prepare
      const a = await booked();

      // Act
      await cancel({ appointment_id: a.id });
      const again = await h.book(w, h.TUE_2PM, { callId: 'call-b', number: h.OTHER });

      // Assess
      expect(again.start).toBe(a.start);
    });
  });

  describe('an appointment already cancelled', () => {
    it('answers the same again without a second cancel or history entry', async () => {
      // Prepare
      const a = await booked();
      await cancel({ appointment_id: a.id, reason: 'moving away' });

      // Act
      const result = h.resultOf(await cancel({ appointment_id: a.id, reason: 'really' }));

      // Assess
      expect(result).toStrictEqual({ message: CANCELLED, cancelled: true });
      expect(w.calendar.cancelled).toHaveLength(1);
      expect(stored()[0]!.history!.filter((x) => x.type === 'cancelled')).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('speaks a calendar failure, logs it under the tool name and keeps the booking', async () => {
      // Prepare
      const a = await booked();
      w.calendar.failCancel = new Error('Graph is down');

      // Act
      const outcome = await cancel({ appointment_id: a.id });

      // Assess
      expect('error' in outcome).toBe(true);
      expect(w.warnings.map((x) => x.message)).toContain('cancel_appointment failed');
      expect(stored()[0]).toMatchObject({ status: 'confirmed' });
    });

    it('says it is still cancelling while the same tool call runs elsewhere', async () => {
      // Prepare
      const a = await booked();
      await w.bookings.claimToolCall('call-a/tc-twin', w.clock.now);
      w.deps.sleep = async (ms) => {
        w.clock.now += ms;
      };

      // Act
      const outcome = await cancel({ appointment_id: a.id }, 'tc-twin');

      // Assess
      expect(outcome).toEqual({ error: "I'm still cancelling that. Please ask me again." });
      expect(stored()[0]).toMatchObject({ status: 'confirmed' });
    });

    it('starts nothing with less than 3 seconds left', async () => {
      // Prepare
      const a = await booked();
      const { cancelAppointment } = await import('../../../functions/domain/lifecycle/cancel');
      const call = { toolCallId: 'tc-late', context: { callId: 'call-a', customerNumber: h.CALLER } };

      // Act
      const late = await cancelAppointment({ appointment_id: a.id }, call, w.deps, { at: w.clock.now + 2_999 });
      const inTime = await cancelAppointment({ appointment_id: a.id }, call, w.deps, { at: w.clock.now + 3_000 });

      // Assess
      expect(late).toEqual({ error: 'I need a moment longer for that. Please ask me again.' });
      expect(inTime).toEqual({ result: { message: CANCELLED, cancelled: true } });
    });
  });
});
