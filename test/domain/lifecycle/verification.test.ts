import { beforeEach, describe, expect, it } from 'vitest';
import { LOCKED, NONE_FOR_NUMBER, WRONG_CODE } from '../../../functions/domain/lifecycle/answers';
import { normalizePhone, samePhone } from '../../../functions/domain/lifecycle/caller-identity';
import { book, OTHER, resultOf, TUE_2PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

describe('Function: samePhone', () => {
  it.each([
    ['+1 (555) 123-4567', '+15551234567', true],
    ['0015551234567', '+15551234567', true],
    ['5551234567', '+15551234567', true],
    ['+445551234567', '+15551234567', false],
    ['1234567', '+15551234567', false],
    [undefined, '+15551234567', false],
    ['+266696687', '+266696687', false],
    ['anonymous', 'anonymous', false],
    ['+7378742833', '+7378742833', false],
  ])('%s vs %s → %s', (recorded, caller, same) => {
    // Act / Assess
    expect(samePhone(recorded, caller)).toBe(same);
  });

  it('reads "00" as "+" and keeps bare digits bare', () => {
    // Act / Assess
    expect([normalizePhone('00 44 20 7946 0000'), normalizePhone('020 7946 0000')]).toEqual([
      '+442079460000',
      '02079460000',
    ]);
  });
});

describe('Tool: find_appointment (who may see a booking)', () => {
  it('finds the booking made from the same number, read by id from the calendar', async () => {
    // Prepare
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' }, { property_address: '12 Elm St' });

    // Act
    const result = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b' }));

    // Assess
    expect(result.appointments).toEqual([
      {
        id: appointment.id,
        start: appointment.start,
        end: appointment.end,
        spoken: 'Tuesday, November 24 at 2:00 PM',
        property_address: '12 Elm St',
        confirmation_code: appointment.confirmation_code,
      },
    ]);
    expect(result.message).toContain('12 Elm St');
  });

  it('tells another number nothing about the booking, not even that it exists, and asks for the code', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' }, { property_address: '12 Elm St' });

    // Act
    const result = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b', number: OTHER }));

    // Assess
    expect(result).toEqual({ message: NONE_FOR_NUMBER, reason: 'not_found', appointments: [] });
    expect(JSON.stringify(result)).not.toMatch(/Elm|Jane|2:00|Tuesday/);
  });

  it('gives the booking to another number that says its code, in any spacing or case', async () => {
    // Prepare
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' });
    const said = appointment.confirmation_code.toLowerCase().split('').join(' ');

    // Act
    const result = resultOf(
      await w.tool('find_appointment', { confirmation_code: said }, { callId: 'call-b', number: OTHER }),
    );

    // Assess
    expect(result.appointments.map((a: { id: string }) => a.id)).toEqual([appointment.id]);
  });

  it('locks lookups for the rest of the call after five wrong codes, the right code too, with WARNs', async () => {
    // Prepare
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' });
    const who = { callId: 'call-b', number: OTHER };
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(resultOf(await w.tool('find_appointment', { confirmation_code: 'QQQQQQ' }, who)).message);
    }

    // Act
    const after = resultOf(await w.tool('find_appointment', { confirmation_code: appointment.confirmation_code }, who));
    const otherCall = resultOf(
      await w.tool('find_appointment', { confirmation_code: appointment.confirmation_code }, { ...who, callId: 'c' }),
    );

    // Assess
    expect(answers).toEqual([WRONG_CODE, WRONG_CODE, WRONG_CODE, WRONG_CODE, LOCKED]);
    expect(after).toEqual({ message: LOCKED, reason: 'locked', appointments: [] });
    expect(otherCall.appointments).toHaveLength(1);
    const warned = w.warnings.filter((x) => x.message === 'a wrong confirmation code was said');
    expect(warned).toHaveLength(5);
    expect(warned[4]!.detail).toMatchObject({ callId: 'call-b', wrongCodes: 5 });
  });

  it('refuses to cancel or move with a wrong number and no code, changing nothing', async () => {
    // Prepare
    const appointment = await book(w, TUE_2PM, { callId: 'call-a' });
    const who = { callId: 'call-b', number: OTHER };

    // Act
    const cancel = resultOf(await w.tool('cancel_appointment', { appointment_id: appointment.id }, who));
    const move = resultOf(
      await w.tool(
        'reschedule_appointment',
        { appointment_id: appointment.id, new_start_time: '2026-11-24T16:00' },
        who,
      ),
    );

    // Assess
    expect(cancel).toEqual({ message: NONE_FOR_NUMBER, cancelled: false, reason: 'not_found' });
    expect(move).toMatchObject({ rescheduled: false, reason: 'not_found' });
    expect(w.calendar.cancelled).toEqual([]);
    expect(w.calendar.updated).toEqual([]);
    expect([...w.bookings.bookings.values()].map((b) => b.status)).toEqual(['confirmed']);
  });

  it('counts the right code of a cancelled booking as no wrong guess, and says it is cancelled', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await w.tool('cancel_appointment', { appointment_id: a.id }, { callId: 'call-a' });
    const who = { callId: 'call-b', number: OTHER };

    // Act
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(resultOf(await w.tool('find_appointment', { confirmation_code: a.confirmation_code }, who)));
    }
    const byNumber = resultOf(await w.tool('find_appointment', {}, { callId: 'call-c' }));
    const move = resultOf(
      await w.tool(
        'reschedule_appointment',
        { confirmation_code: a.confirmation_code, new_start_time: '2026-11-24T16:00' },
        who,
      ),
    );

    // Assess
    expect(answers.map((r) => r.reason)).toEqual(Array(6).fill('cancelled'));
    expect(byNumber).toMatchObject({ reason: 'cancelled', appointments: [] });
    expect(move).toMatchObject({ rescheduled: false, reason: 'cancelled' });
    expect(w.warnings.filter((x) => x.message === 'a wrong confirmation code was said')).toEqual([]);
  });

  it("keeps withheld callers (carriers' ANONYMOUS sentinel) from seeing each other's bookings", async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a', number: '+266696687' }, { property_address: '12 Elm St' });

    // Act
    const other = resultOf(await w.tool('find_appointment', {}, { callId: 'call-b', number: '+266696687' }));

    // Assess
    expect(other).toEqual({ message: NONE_FOR_NUMBER, reason: 'not_found', appointments: [] });
  });
});
