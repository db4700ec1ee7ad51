/**
 * BookingStore contract: the limits counted inside the write that takes the cells (the caller number's day, the
 * call), and the tool call's answer stored by the confirm.
 */
import { expect, it } from 'vitest';
import { CallLimitError, ValidationError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';

const at = (hhmm: string) => `2030-06-07T${hhmm}:00Z`;
const DAY = '2030-06-07';

export function bookingLimitsContract(s: BookingScope) {
  const quota = { day: DAY, callerKey: 'caller-digest' };

  it('reserve counts the day with the cells: at the cap it takes nothing and names the day limit', async () => {
    // Prepare
    const [one, two] = ['1', '2'].map((n, i) => s.booking(n, at(`0${i + 1}:00`), at(`0${i + 1}:30`)));
    const call = { callId: `call-${s.id}`, quota };
    await s.store.reserve({ ...one!.b, ...call }, one!.cells, LEASE_UNTIL, T0, { perCall: 5, perCallerDay: 1 });
    // Act
    const refused = await caught(
      s.store.reserve({ ...two!.b, ...call }, two!.cells, LEASE_UNTIL, T0, { perCall: 5, perCallerDay: 1 }),
    );
    // Assess
    expect(refused).toBeInstanceOf(CallLimitError);
    expect(refused).toMatchObject({ message: 'Daily limit of the caller reached', limit: 'day' });
    expect(await s.store.holderOf(two!.b.managerId, two!.cells[0]!)).toBeUndefined();
    // The call's unit was not taken either: with a call cap of 2 a second booking of the call still fits.
    await s.store.returnCallerQuota(one!.b.managerId, quota.callerKey, DAY);
    await s.store.reserve({ ...two!.b, ...call }, two!.cells, LEASE_UNTIL, T0, { perCall: 2, perCallerDay: 1 });
    expect(await s.store.takeCallerQuota(one!.b.managerId, quota.callerKey, DAY, 1, T0)).toBe(false);
  });

  it('the day is told before the call, and both before a held slot', async () => {
    // Prepare
    const first = s.booking('first', at('04:00'), at('04:30'));
    const mine = s.booking('mine', at('05:00'), at('05:30'));
    const theirs = s.booking('theirs', at('05:00'), at('05:30'));
    const call = { callId: `call-${s.id}`, quota };
    await s.store.reserve(theirs.b, theirs.cells, LEASE_UNTIL, T0);
    await s.store.reserve({ ...first.b, ...call }, first.cells, LEASE_UNTIL, T0, { perCall: 1, perCallerDay: 1 });
    // Act
    const limits = { perCall: 1, perCallerDay: 1 };
    const both = await caught(s.store.reserve({ ...mine.b, ...call }, mine.cells, LEASE_UNTIL, T0, limits));
    const callOnly = await caught(s.store.reserve({ ...mine.b, ...call }, mine.cells, LEASE_UNTIL, T0, { perCall: 1 }));
    // Assess
    expect(both).toMatchObject({ name: 'CallLimitError', limit: 'day' });
    expect(callOnly).toMatchObject({ name: 'CallLimitError', limit: 'call' });
  });

  it('a call at its cap is told as the call limit while the day has room; a day cap of 0 refuses', async () => {
    // Prepare
    const first = s.booking('first', at('10:00'), at('10:30'));
    const next = s.booking('next', at('11:00'), at('11:30'));
    const call = { callId: `call-${s.id}`, quota };
    const limits = { perCall: 1, perCallerDay: 5 };
    const fresh = { callId: `call-${s.id}-fresh`, quota: { day: DAY, callerKey: 'fresh-caller' } };
    await s.store.reserve({ ...first.b, ...call }, first.cells, LEASE_UNTIL, T0, limits);
    // Act
    const callFull = await caught(s.store.reserve({ ...next.b, ...call }, next.cells, LEASE_UNTIL, T0, limits));
    const noDay = await caught(
      // A caller number with nothing counted yet: a cap of 0 still refuses it.
      s.store.reserve({ ...next.b, ...fresh }, next.cells, LEASE_UNTIL, T0, { perCall: 5, perCallerDay: 0 }),
    );
    // Assess
    expect(callFull).toMatchObject({
      name: 'CallLimitError',
      message: 'Booking limit of the call reached',
      limit: 'call',
    });
    expect(noDay).toMatchObject({ name: 'CallLimitError', message: 'Daily limit of the caller reached', limit: 'day' });
    expect(await s.store.holderOf(next.b.managerId, next.cells[0]!)).toBeUndefined();
  });

  it('the counters and the answer take room in the transaction: fewer cells fit with them', async () => {
    // Prepare: 98 distinct cells fit alone, not beside both counters; 99 fit alone, not beside the answer
    const b = s.booking('wide', at('12:00'), at('12:30'));
    const cells = (n: number) => Array.from({ length: n }, (_, i) => b.b.startMs + i * 60_000);
    const call = { callId: `call-${s.id}`, quota };
    const answer = { toolCallId: `${s.id}/wide`, answer: { result: 'ok' }, nowMs: T0 };
    // Act
    const counted = await caught(
      s.store.reserve({ ...b.b, ...call }, cells(98), LEASE_UNTIL, T0, { perCall: 5, perCallerDay: 5 }),
    );
    const answered = await caught(s.store.confirm(b.b, cells(99), 'evt-wide', answer));
    const alone = await caught(s.store.reserve(b.b, cells(98), LEASE_UNTIL, T0));
    // Assess
    expect(counted).toBeInstanceOf(ValidationError);
    expect(answered).toBeInstanceOf(ValidationError);
    expect(alone).toBeUndefined();
    expect(await s.store.holderOf(b.b.managerId, b.b.startMs)).toMatchObject({ bookingId: b.b.bookingId });
  });

  it('convertHold counts the day too, all or nothing', async () => {
    // Prepare
    const held = s.booking('held', at('07:00'), at('07:30'));
    const call = { callId: `call-${s.id}`, quota };
    await s.store.hold({ ...held.b, ...call, status: 'held', holdUntilMs: T0 + 60_000 }, held.cells, T0);
    await s.store.takeCallerQuota(held.b.managerId, quota.callerKey, DAY, 1, T0);
    // Act
    const refused = await caught(
      s.store.convertHold({ ...held.b, ...call }, held.cells, LEASE_UNTIL, T0, { perCallerDay: 1 }),
    );
    await s.store.returnCallerQuota(held.b.managerId, quota.callerKey, DAY);
    await s.store.convertHold({ ...held.b, ...call }, held.cells, LEASE_UNTIL, T0, { perCallerDay: 1 });
    // Assess
    expect(refused).toMatchObject({ name: 'CallLimitError', limit: 'day' });
    expect(await s.store.holderOf(held.b.managerId, held.cells[0]!)).toMatchObject({ status: 'pending' });
    expect(await s.store.takeCallerQuota(held.b.managerId, quota.callerKey, DAY, 1, T0)).toBe(false);
  });

  it('confirm with an answer stores it: a redelivered tool call hears it', async () => {
    // Prepare
    const b = s.booking('answered', at('09:00'), at('09:30'));
    const toolCallId = `${s.id}/confirming`;
    await s.store.claimToolCall(toolCallId, T0);
    await s.store.reserve(b.b, b.cells, LEASE_UNTIL, T0);
    // Act
    await s.store.confirm(b.b, b.cells, 'evt-answered', {
      toolCallId,
      answer: { result: '{"booked":true}' },
      nowMs: T0,
    });
    const redelivered = await s.store.claimToolCall(toolCallId, T0 + 1_000);
    // Assess
    expect(redelivered).toEqual({ claimed: false, state: 'done', answer: { result: '{"booked":true}' } });
    expect(await s.store.holderOf(b.b.managerId, b.cells[0]!)).toMatchObject({ status: 'confirmed' });
  });
}
