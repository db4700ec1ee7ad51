import { beforeEach, describe, expect, it, vi } from 'vitest';

type Harness = typeof import('./harness');
type Errors = typeof import('../../../functions/domain/errors');
let h: Harness;
let errors: Errors;
let w: Awaited<ReturnType<Harness['world']>>;

// hold_slot's words (its name in logs, its "busy" line) are a module-level table, built once when the module loads.
// Loading the tools afresh inside each test (not at the top of the file, where no test is running yet) is what lets
// mutation testing see these tests use that table. The harness and the errors are loaded in the same fresh module
// graph, so the store's SlotTakenError is the class hold-slot.ts checks for.
beforeEach(async () => {
  vi.resetModules();
  h = await import('./harness');
  errors = await import('../../../functions/domain/errors');
  w = await h.world();
});

const TWO_PM = '2026-11-24T14:00:00-05:00';
const ny = (time: string) => `2026-11-24T${time}:00-05:00`;
const records = () => [...w.bookings.bookings.values()];
const statusAt = (start: string) => records().find((b) => b.start === ny(start))?.status;
const hold = (start: string, extra: { duration_minutes?: number } = {}, callId = 'call-a') =>
  w.tool('hold_slot', { start_time: `2026-11-24T${start}`, ...extra }, { callId });
/** Another call takes the cells between this call's read and its write, once. */
const raceOnce = () =>
  vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(new errors.SlotTakenError('Slot already taken', 'tc-x', 'call-x'));

describe('Tool: hold_slot', () => {
  describe('a new hold', () => {
    it('is stored as a held record of this call with no name or code yet', async () => {
      // Act
      const result = h.resultOf(await hold('14:00'));

      // Assess
      expect(result).toStrictEqual({
        message: "I'm holding Tuesday, November 24 at 2:00 PM for you for 5 minutes while we finish the booking.",
        held: true,
        hold: { start: TWO_PM, end: ny('14:30'), expires_at: '2026-11-23T09:05:00-05:00' },
      });
      const [stored] = records();
      expect(records()).toHaveLength(1);
      expect(stored).toMatchObject({
        managerId: 'mgr',
        start: TWO_PM,
        end: ny('14:30'),
        startMs: Date.parse(TWO_PM),
        endMs: Date.parse(ny('14:30')),
        callerName: '',
        callerNumber: h.CALLER,
        status: 'held',
        callId: 'call-a',
        confirmationCode: '',
        createdAt: '2026-11-23T14:00:00.000Z',
        holdUntilMs: h.NOW + 5 * 60_000,
        history: [{ type: 'held', at: '2026-11-23T14:00:00.000Z', by: 'caller' }],
      });
      expect(stored!.bookingId).toMatch(/^[0-9a-f-]{36}$/);
      expect(stored!.toolCallId).toMatch(/^tc-/);
    });

    it('lasts the requested length, else the standard slot', async () => {
      // Act
      const long = h.resultOf(await hold('14:00', { duration_minutes: 60 }));
      const standard = h.resultOf(await hold('16:00'));

      // Assess
      expect(long.hold).toMatchObject({ start: TWO_PM, end: ny('15:00') });
      expect(standard.hold).toMatchObject({ start: ny('16:00'), end: ny('16:30') });
    });

    it('lasts HOLD_MINUTES when it is set', async () => {
      // Prepare
      w.deps.holdMinutes = 10;

      // Act
      const result = h.resultOf(await hold('14:00'));

      // Assess
      expect(result.message).toContain('for 10 minutes');
      expect(result.hold.expires_at).toBe('2026-11-23T09:10:00-05:00');
    });

    it('reads the calendars with a second to spare before the deadline', async () => {
      // Prepare
      const reads = vi.spyOn(w.calendar, 'listEntries');

      // Act
      await hold('14:00');

      // Assess
      expect(reads).toHaveBeenCalled();
      expect(reads.mock.calls.map((call) => (call as unknown[])[2])).toEqual(
        reads.mock.calls.map(() => ({ at: h.NOW + 9_000 })),
      );
    });

    it('is refused on a call without a call id, which could never let it go', async () => {
      // Act
      const result = h.resultOf(await hold('14:00', {}, ''));

      // Assess
      expect(result).toStrictEqual({
        message: "I can't hold a time on this call, but I can book it straight away.",
        held: false,
        reason: 'no_call',
        alternatives: [],
      });
      expect(records()).toEqual([]);
    });

    it('is refused with the reason and alternatives of the start check', async () => {
      // Act
      const result = h.resultOf(await hold('14:10'));

      // Assess
      expect(result).toMatchObject({ held: false, reason: 'misaligned' });
      expect(result.alternatives.length).toBeGreaterThan(0);
      expect(records()).toEqual([]);
    });
  });

  describe('the same slot again', () => {
    it('keeps the live hold as it is, with the minutes it has left', async () => {
      // Prepare
      await hold('14:00');
      w.clock.now += 2 * 60_000;

      // Act
      const result = h.resultOf(await hold('14:00'));

      // Assess
      expect(result).toStrictEqual({
        message: "I'm holding Tuesday, November 24 at 2:00 PM for you for 3 minutes while we finish the booking.",
        held: true,
        hold: { start: TWO_PM, end: ny('14:30'), expires_at: '2026-11-23T09:05:00-05:00' },
      });
      expect(records().map((b) => b.status)).toEqual(['held']);
    });

    it('places a new hold when the old one has lapsed', async () => {
      // Prepare
      await hold('14:00');
      w.clock.now += 6 * 60_000;

      // Act
      const result = h.resultOf(await hold('14:00'));

      // Assess
      expect(result.message).toContain('for 5 minutes');
      expect(result.hold.expires_at).toBe('2026-11-23T09:11:00-05:00');
      expect(records().map((b) => b.status)).toEqual(['released', 'held']);
    });

    it('places a new hold for another length from the same start', async () => {
      // Prepare
      await hold('14:00', { duration_minutes: 60 });

      // Act
      const result = h.resultOf(await hold('14:00', { duration_minutes: 30 }));

      // Assess
      expect(result.hold).toMatchObject({ start: TWO_PM, end: ny('14:30') });
      const live = records().filter((b) => b.status === 'held');
      expect(live.map((b) => b.end)).toEqual([ny('14:30')]);
    });
  });

  describe("a clash with the call's own hold", () => {
    it('lets the overlapping hold go first and takes the slot', async () => {
      // Prepare
      await hold('14:00', { duration_minutes: 60 });
      const releases = vi.spyOn(w.bookings, 'releaseHold');

      // Act
      const result = h.resultOf(await hold('14:30'));

      // Assess
      expect(result).toMatchObject({ held: true, hold: { start: ny('14:30'), end: ny('15:00') } });
      expect(releases).toHaveBeenCalledTimes(1);
      expect(records().map((b) => [b.start, b.end, b.status])).toEqual([
        [TWO_PM, ny('15:00'), 'released'],
        [ny('14:30'), ny('15:00'), 'held'],
      ]);
    });

    it("lets a hold go that starts within the new hold's buffer", async () => {
      // Prepare
      w.deps.defaults = { ...w.deps.defaults, bufferMinutes: 30 };
      await hold('14:30');

      // Act
      const result = h.resultOf(await hold('14:00', { duration_minutes: 15 }));

      // Assess
      expect(result).toMatchObject({ held: true, hold: { start: TWO_PM, end: ny('14:15') } });
      expect([statusAt('14:30'), statusAt('14:00')]).toEqual(['released', 'held']);
    });
  });

  describe('a clash with another call', () => {
    it.each([
      ['ends where the new one starts', '13:30'],
      ['starts where the new one ends', '14:30'],
    ])("is refused and keeps the call's own hold that %s", async (_where, own) => {
      // Prepare
      await hold(own);
      raceOnce();

      // Act
      const result = h.resultOf(await hold('14:00'));

      // Assess
      expect(result).toMatchObject({ held: false, reason: 'taken' });
      expect(result.alternatives.length).toBeGreaterThan(0);
      expect(records().map((b) => [b.start, b.status])).toEqual([[ny(own), 'held']]);
    });
  });

  describe('failures', () => {
    it('speaks a store failure and logs it under the tool name', async () => {
      // Prepare
      vi.spyOn(w.bookings, 'hold').mockRejectedValue(new Error('throttled'));

      // Act
      const outcome = await hold('14:00');

      // Assess
      expect('error' in outcome).toBe(true);
      expect(w.warnings.map((x) => x.message)).toContain('hold_slot failed');
      expect(records()).toEqual([]);
    });

    it('says it is still holding while the same tool call runs elsewhere', async () => {
      // Prepare
      await w.bookings.claimToolCall('call-a/tc-twin', w.clock.now);
      w.deps.sleep = async (ms) => {
        w.clock.now += ms;
      };

      // Act
      const outcome = await w.tool('hold_slot', { start_time: h.TUE_2PM }, { callId: 'call-a', tc: 'tc-twin' });

      // Assess
      expect(outcome).toEqual({ error: "I'm still holding that time. Please ask me again in a moment." });
      expect(records()).toEqual([]);
    });

    it('starts nothing with less than 2.5 seconds left', async () => {
      // Prepare
      const call = { toolCallId: 'tc-late', context: { callId: 'call-a', customerNumber: h.CALLER } };
      const { holdSlot } = await import('../../../functions/domain/lifecycle/hold-slot');

      // Act
      const late = await holdSlot({ start_time: h.TUE_2PM }, call, w.deps, { at: w.clock.now + 2_499 });
      const inTime = await holdSlot({ start_time: h.TUE_2PM }, call, w.deps, { at: w.clock.now + 2_500 });

      // Assess
      expect(late).toEqual({ error: 'I need a moment longer for that. Please ask me again.' });
      expect(inTime).toMatchObject({ result: { held: true } });
    });
  });
});
