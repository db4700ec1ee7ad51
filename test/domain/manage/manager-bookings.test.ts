import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors';
import {
  listingDays,
  listManagerBookings,
  type ManagerBookingsDeps,
  viewOfBooking,
} from '../../../functions/domain/manage/manager-bookings';
import type { BookingRecord, BookingStatus, ManagerSettings } from '../../../functions/domain/ports';
import type { OwnerSchedule } from '../../../functions/domain/types';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

const DAY = 86_400_000;
const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** A booking of manager "pat" starting at `start` (an ISO instant with its offset), half an hour long. */
const booking = (bookingId: string, start: string, extra: Partial<BookingRecord> = {}): BookingRecord => {
  const startMs = Date.parse(start);
  return {
    managerId: 'pat',
    bookingId,
    start,
    end: new Date(startMs + 30 * 60_000).toISOString(),
    startMs,
    endMs: startMs + 30 * 60_000,
    callerName: 'Ada Caller',
    callerPhone: '+1 (555) 010-4321',
    propertyAddress: '12 Elm St',
    status: 'confirmed',
    toolCallId: `tc-${bookingId}`,
    confirmationCode: 'ABC123',
    createdAt: '2026-11-20T10:00:00.000Z',
    ...extra,
  };
};

/**
 * A manager "pat" with `records` in a bookings store that answers [fromMs, toMs) in the order they were stored (the
 * port promises no order), a calendar whose owner schedule is `schedule` (none: no connection at all), and settings.
 */
async function world(
  records: BookingRecord[],
  opts: { schedule?: OwnerSchedule; settings?: ManagerSettings; defaultTimeZone?: string } = {},
) {
  const connections = new MemoryConnectionStore();
  if (opts.schedule) {
    const other = fakeConnection('fake-2', [{ id: 'side', role: 'busy' }], { schedule: { timeZone: 'Asia/Kolkata' } });
    const owner = fakeConnection('fake-1', [{ id: 'main', role: 'book' }], { schedule: opts.schedule });
    await connections.save(managerRecord('pat', [other, owner]), undefined);
  }
  const settings = new MemorySettingsStore();
  if (opts.settings) settings.seed('pat', opts.settings);
  const listByManager = vi.fn(async (managerId: string, fromMs: number, toMs: number) =>
    records.filter((b) => b.managerId === managerId && b.startMs >= fromMs && b.startMs < toMs),
  );
  const deps: ManagerBookingsDeps = {
    bookings: { listByManager },
    connections,
    settings,
    defaultTimeZone: opts.defaultTimeZone ?? 'Asia/Tokyo',
  };
  const ids = async (range = { from: '2026-12-01', to: '2026-12-07' }) =>
    (await listManagerBookings('pat', range, deps)).bookings.map((b) => b.id);
  return { deps, listByManager, ids };
}

const LA = { timeZone: 'America/Los_Angeles' };

describe('Function: listingDays', () => {
  it('gives the day numbers of both ends of the range', () => {
    // Act
    const days = listingDays('2026-12-01', '2026-12-07');

    // Assess
    expect(days).toEqual({ fromDay: day('2026-12-01'), toDay: day('2026-12-07') });
  });

  it('accepts a single day, and a quarter of 92 days counting both ends', () => {
    // Act
    const single = listingDays('2026-12-01', '2026-12-01');
    const quarter = listingDays('2026-01-01', '2026-04-02');

    // Assess
    expect(single).toEqual({ fromDay: day('2026-12-01'), toDay: day('2026-12-01') });
    expect(quarter).toEqual({ fromDay: day('2026-01-01'), toDay: day('2026-04-02') });
  });

  it.each([
    ['2026-02-30', '2026-03-01', 'from', 'from: must be a date YYYY-MM-DD'],
    ['yesterday', '2026-03-01', 'from', 'from: must be a date YYYY-MM-DD'],
    ['2026-12-01', 'tomorrow', 'to', 'to: must be a date YYYY-MM-DD'],
    ['2026-12-07', '2026-12-01', 'to', 'to: must not be before from (both days are included)'],
    ['2026-12-02', '2026-12-01', 'to', 'to: must not be before from (both days are included)'],
    ['2026-01-01', '2026-04-03', 'to', 'to: a listing covers at most 92 days (both ends included)'],
    ['2026-01-01', '2026-12-31', 'to', 'to: a listing covers at most 92 days (both ends included)'],
  ])('refuses from %s to %s, naming the field %s', (from, to, field, message) => {
    // Act
    const act = () => listingDays(from, to);

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(expect.objectContaining({ message, reason: field }));
  });
});

describe('Function: listManagerBookings', () => {
  it('lists the bookings starting on those days, both ends included, by start and then by id', async () => {
    // Prepare: 1 to 7 December in Los Angeles is [08:00Z on the 1st, 08:00Z on the 8th).
    const w = await world(
      [
        booking('b-late', '2026-12-05T09:00:00-08:00', { status: 'pending' }),
        booking('b-tie-b', '2026-12-03T09:00:00-08:00'),
        booking('b-tie-a', '2026-12-03T09:00:00-08:00', { status: 'cancelled' }),
        booking('b-before', '2026-11-30T23:30:00-08:00'),
        booking('b-first', '2026-12-01T00:00:00-08:00'),
        booking('b-x1', '2026-12-06T09:00:00-08:00'),
        booking('b-x2', '2026-12-06T09:00:00-08:00'),
        booking('b-last', '2026-12-07T23:30:00-08:00'),
        booking('b-after', '2026-12-08T00:00:00-08:00'),
      ],
      { schedule: LA },
    );

    // Act
    const listed = await w.ids();

    // Assess
    expect(listed).toEqual(['b-first', 'b-tie-a', 'b-tie-b', 'b-late', 'b-x1', 'b-x2', 'b-last']);
  });

  it("leaves out a call's hold, a booking never made, and the record a move left at the old time", async () => {
    // Prepare
    const statuses: BookingStatus[] = ['held', 'released', 'moved', 'pending', 'confirmed', 'cancelled'];
    const w = await world(
      statuses.map((status, i) => booking(`b-${status}`, `2026-12-0${i + 1}T10:00:00-08:00`, { status })),
      { schedule: LA },
    );

    // Act
    const listed = await w.ids();

    // Assess
    expect(listed).toEqual(['b-pending', 'b-confirmed', 'b-cancelled']);
  });

  it('shows each booking as an operator sees it, in the zone the days were read in', async () => {
    // Prepare
    const history = [{ type: 'created' as const, at: '2026-11-20T10:00:00.000Z', by: 'caller' as const }];
    const w = await world(
      [booking('b-1', '2026-12-02T10:00:00-08:00', { history, callerEmail: 'ada@contoso.example', notes: 'gate 4' })],
      { schedule: LA },
    );

    // Act
    const listing = await listManagerBookings('pat', { from: '2026-12-01', to: '2026-12-07' }, w.deps);

    // Assess
    expect(listing).toStrictEqual({
      timeZone: 'America/Los_Angeles',
      bookings: [
        {
          id: 'b-1',
          start: '2026-12-02T10:00:00-08:00',
          end: '2026-12-02T18:30:00.000Z',
          status: 'confirmed',
          callerName: 'Ada Caller',
          callerPhoneLast4: '4321',
          propertyAddress: '12 Elm St',
          confirmationCode: 'ABC123',
          history,
        },
      ],
    });
  });

  // Records at each zone's midnight starting 1 December, and a minute before it: the first one listed tells which
  // zone the day was read in.
  const midnights = [
    booking('tokyo-before', '2026-11-30T14:59:00Z'),
    booking('tokyo', '2026-11-30T15:00:00Z'),
    booking('london-before', '2026-11-30T23:59:00Z'),
    booking('london', '2026-12-01T00:00:00Z'),
    booking('la-before', '2026-12-01T07:59:00Z'),
    booking('la', '2026-12-01T08:00:00Z'),
  ];
  const oneDay = { from: '2026-12-01', to: '2026-12-01' };

  it.each([
    [
      "the manager's own zone over their calendar's",
      { settings: { timeZone: 'Europe/London' }, schedule: LA },
      'london',
    ],
    ["the manager's own zone, with no calendar connected", { settings: { timeZone: 'Europe/London' } }, 'london'],
    ["the calendar owner's zone, with no settings", { schedule: LA }, 'la'],
    ["the calendar owner's zone, with settings naming none", { settings: { slotMinutes: 45 }, schedule: LA }, 'la'],
    ["the deployment's zone, with neither", {}, 'tokyo'],
    ["the deployment's zone, when the owner's schedule names none", { schedule: {} }, 'tokyo'],
  ] as const)('reads the days in %s', async (_, opts, first) => {
    // Prepare
    const w = await world(midnights, opts);

    // Act
    const listing = await listManagerBookings('pat', oneDay, w.deps);

    // Assess
    const zone = { london: 'Europe/London', la: 'America/Los_Angeles', tokyo: 'Asia/Tokyo' }[first];
    expect(listing.timeZone).toBe(zone);
    expect(listing.bookings[0]?.id).toBe(first);
    expect(listing.bookings.map((b) => b.id)).not.toContain(`${first}-before`);
  });

  it('takes the zone of the connection holding the book calendar, not of the first one connected', async () => {
    // Prepare: the busy-only connection is stored first and says Asia/Kolkata.
    const w = await world(midnights, { schedule: LA });

    // Act
    const listing = await listManagerBookings('pat', oneDay, w.deps);

    // Assess
    expect(listing.timeZone).toBe('America/Los_Angeles');
  });

  it('refuses a bad range before reading anything', async () => {
    // Prepare
    const w = await world([booking('b-1', '2026-12-02T10:00:00-08:00')], { schedule: LA });

    // Act
    const act = listManagerBookings('pat', { from: '2026-12-07', to: '2026-12-01' }, w.deps);

    // Assess
    await expect(act).rejects.toThrow('to: must not be before from (both days are included)');
    expect(w.listByManager).not.toHaveBeenCalled();
  });
});

describe('Function: viewOfBooking', () => {
  it.each([
    ['+1 (555) 010-4321', '4321'],
    ['555.010.9876 ext', '9876'],
    ['12', '12'],
  ])('shows only the last 4 digits of the phone %s', (callerPhone, last4) => {
    // Act
    const view = viewOfBooking(booking('b-1', '2026-12-02T10:00:00-08:00', { callerPhone }));

    // Assess
    expect(view.callerPhoneLast4).toBe(last4);
  });

  it.each([
    ['no phone', undefined],
    ['a phone without digits', 'withheld'],
  ])('shows no digits for %s', (_, callerPhone) => {
    // Act
    const view = viewOfBooking(booking('b-1', '2026-12-02T10:00:00-08:00', { callerPhone }));

    // Assess
    expect(view.callerPhoneLast4).toBeNull();
  });

  it('shows no property and an empty history when the booking has none', () => {
    // Prepare
    const record = booking('b-1', '2026-12-02T10:00:00-08:00', { status: 'pending' });
    delete record.propertyAddress;
    delete record.callerPhone;

    // Act
    const view = viewOfBooking(record);

    // Assess
    expect(view).toStrictEqual({
      id: 'b-1',
      start: '2026-12-02T10:00:00-08:00',
      end: '2026-12-02T18:30:00.000Z',
      status: 'pending',
      callerName: 'Ada Caller',
      callerPhoneLast4: null,
      propertyAddress: null,
      confirmationCode: 'ABC123',
      history: [],
    });
  });
});
