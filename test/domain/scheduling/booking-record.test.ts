/** newBooking and takeDailyQuota: the record a new booking starts as, and the caller number's unit of a day's cap. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyQuotaOf, newBooking, takeDailyQuota } from '../../../functions/domain/scheduling/booking-record';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';
import type { SetAppointmentArgs } from '../../../functions/domain/vapi/tools';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection } from '../../fakes/manager';
import { MemoryBookingStore } from '../../fakes/stores';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const START = Date.parse('2026-07-16T14:00:00Z');
const check = {
  startIso: '2026-07-16T15:00:00+01:00',
  endIso: '2026-07-16T15:30:00+01:00',
  slot: { start: START, end: START + 1_800_000 },
};
const call = { toolCallId: 'tc-1', context: { callId: 'call-1', customerNumber: '+15550001111' } };
const calendar = (settings: ManagerCalendar['settings'] = {}): ManagerCalendar => {
  const book = { connection: fakeConnection('work'), provider: new FakeCalendar(), calendarId: 'default' };
  const rules = { timeZone: 'Europe/London', bufferMinutes: 0 } as ManagerCalendar['rules'];
  return { managerId: 'mgr', mode: 'calendar', rules, settings, busy: [book], book };
};
const args = (extra: Partial<SetAppointmentArgs> = {}) =>
  ({ start_time: check.startIso, attendee_name: 'Ana', ...extra }) as SetAppointmentArgs;

describe('Function: newBooking', () => {
  it('starts pending, in person, created by the caller, in the book calendar', () => {
    // Act
    const booking = newBooking(args(), call, calendar(), check, NOW, 'key-1');

    // Assess
    expect(booking).toMatchObject({
      managerId: 'mgr',
      start: check.startIso,
      end: check.endIso,
      callerName: 'Ana',
      callerPhone: '+15550001111',
      status: 'pending',
      online: false,
      invited: false,
      connectionId: 'work',
      calendarId: 'default',
      createdAt: '2026-07-15T12:00:00.000Z',
      revision: 1,
      history: [{ type: 'created', at: '2026-07-15T12:00:00.000Z', by: 'caller' }],
    });
  });

  it('is online when the manager meets online by default, unless the caller asked otherwise', () => {
    // Act
    const byDefault = newBooking(args(), call, calendar({ onlineMeetings: true }), check, NOW, 'key-1');
    const inPerson = newBooking(args({ online: false }), call, calendar({ onlineMeetings: true }), check, NOW, 'k');

    // Assess
    expect(byDefault.online).toBe(true);
    expect(inPerson.online).toBe(false);
  });

  it('names the caller "Caller" when their name holds nothing but markup', () => {
    // Act
    const booking = newBooking(args({ attendee_name: '<b></b>' }), call, calendar(), check, NOW, 'key-1');

    // Assess
    expect(booking.callerName).toBe('Caller');
  });
});

describe('Function: takeDailyQuota', () => {
  let bookings: MemoryBookingStore;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    bookings = new MemoryBookingStore();
  });
  afterEach(() => vi.useRealTimers());

  it("takes a unit of the caller number's day until the cap, and gives it back", async () => {
    // Act
    const first = await takeDailyQuota(bookings, calendar(), call.context, NOW, 1);
    const second = await takeDailyQuota(bookings, calendar(), call.context, NOW, 1);
    await first?.();
    const third = await takeDailyQuota(bookings, calendar(), call.context, NOW, 1);

    // Assess
    expect(first).toBeTypeOf('function');
    expect(second).toBeUndefined();
    expect(third).toBeTypeOf('function');
  });

  it("counts the manager's local day for the caller number", async () => {
    // Prepare
    const take = vi.spyOn(bookings, 'takeCallerQuota');

    // Act
    await takeDailyQuota(bookings, calendar(), call.context, NOW, 3);

    // Assess
    const { day, callerKey } = dailyQuotaOf(calendar(), call.context, NOW);
    expect(day).toBe('2026-07-15');
    expect(take).toHaveBeenCalledWith('mgr', callerKey, '2026-07-15', 3, NOW);
  });

  it('never throws when giving the unit back fails', async () => {
    // Prepare
    vi.spyOn(bookings, 'returnCallerQuota').mockRejectedValue(new Error('throttled'));
    const giveBack = await takeDailyQuota(bookings, calendar(), call.context, NOW, 1);

    // Act & Assess
    await expect(giveBack!()).resolves.toBeUndefined();
  });
});
