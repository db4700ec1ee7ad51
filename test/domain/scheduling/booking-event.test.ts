/** writeBookingEvent: the booking's event in the `book` calendar, found again after a create whose answer was lost. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import { writeBookingEvent } from '../../../functions/domain/scheduling/booking-event';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection } from '../../fakes/manager';
import { MemoryConnectionStore } from '../../fakes/stores';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const slot = { start: NOW + 3_600_000, end: NOW + 5_400_000 };
const event: NewCalendarEvent = {
  subject: 'Viewing: Ana',
  start: slot.start,
  end: slot.end,
  bookingKey: 'key-ana',
} as NewCalendarEvent;
const timedOut = () => new ProviderUnavailableError('timed out', { outcomeUnknown: true });

let provider: FakeCalendar;
let calendar: ManagerCalendar;
const deps = () =>
  ({
    connections: new MemoryConnectionStore(),
    clock: () => Date.now(),
  }) as never;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  provider = new FakeCalendar();
  const book = { connection: fakeConnection('work'), provider, calendarId: 'default' };
  calendar = { managerId: 'mgr', mode: 'calendar', rules: {} as never, settings: {}, busy: [book], book };
  return () => vi.useRealTimers();
});

describe('Function: writeBookingEvent', () => {
  it('finds the event a timed-out create made (same booking key), with a second left', async () => {
    // Prepare
    provider.failCreate = timedOut();
    provider.createThenFail = true;

    // Act
    const created = await writeBookingEvent(calendar, event, slot, { at: NOW + 1_000 }, deps());

    // Assess
    expect(created).toEqual({ id: 'evt-1' });
  });

  it('gives up without looking when under a second is left (the lookup could not finish)', async () => {
    // Prepare
    provider.failCreate = timedOut();
    provider.createThenFail = true;
    const list = vi.spyOn(provider, 'listEntries');

    // Act
    const write = writeBookingEvent(calendar, event, slot, { at: NOW + 999 }, deps());

    // Assess
    await expect(write).rejects.toThrow('timed out');
    expect(list).not.toHaveBeenCalled();
  });

  it('passes on a failure that is not the provider being unavailable, without looking', async () => {
    // Prepare
    provider.failCreate = new Error('bad request');
    provider.createThenFail = true;
    const list = vi.spyOn(provider, 'listEntries');

    // Act
    const write = writeBookingEvent(calendar, event, slot, { at: NOW + 10_000 }, deps());

    // Assess
    await expect(write).rejects.toThrow('bad request');
    expect(list).not.toHaveBeenCalled();
  });

  it("never takes another booking's event in the slot for its own", async () => {
    // Prepare
    provider.entries.push({
      id: 'evt-other',
      start: slot.start,
      end: slot.end,
      availability: 'busy',
      isCancelled: false,
      isAllDay: false,
      bookingKey: 'key-bo',
    });
    provider.failCreate = timedOut();

    // Act
    const write = writeBookingEvent(calendar, event, slot, { at: NOW + 10_000 }, deps());

    // Assess
    await expect(write).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('passes on the create failure when the lookup fails too', async () => {
    // Prepare
    provider.failCreate = timedOut();
    provider.createThenFail = true;
    provider.failList = new Error('lookup failed');

    // Act
    const write = writeBookingEvent(calendar, event, slot, { at: NOW + 10_000 }, deps());

    // Assess
    await expect(write).rejects.toThrow('timed out');
  });

  it('in manual mode makes no event: the id is our own, from the booking key', async () => {
    // Act
    const created = await writeBookingEvent(
      { ...calendar, mode: 'manual', busy: [], book: undefined },
      event,
      slot,
      { at: NOW + 10_000 },
      deps(),
    );

    // Assess
    expect(created).toEqual({ id: 'manual-key-ana' });
    expect(provider.created).toEqual([]);
  });
});
