/** BookingStore contract: listBusy reads only the records that can block time, with only the fields that tell so. */
import { expect, it } from 'vitest';
import type { BookingRecord } from '../../functions/domain/ports';
import { LEASE_UNTIL, T0, type BookingScope } from './harness';

const at = (hhmm: string) => `2030-06-08T${hhmm}:00Z`;
const FROM = Date.parse('2030-06-08T00:00:00Z');
const TO = Date.parse('2030-06-09T00:00:00Z');

export function busyRecordsContract(s: BookingScope) {
  /** A confirmed booking of the test's manager, from connection `connectionId`, with event `eventId`. */
  const confirmedIn = async (name: string, hh: string, connectionId: string | undefined, eventId: string) => {
    const made = s.booking(name, at(`${hh}:00`), at(`${hh}:30`));
    const b: BookingRecord = { ...made.b, connectionId };
    await s.store.reserve(b, made.cells, LEASE_UNTIL, T0);
    await s.store.confirm(b, made.cells, eventId);
    return { b, cells: made.cells };
  };

  it('returns holds and confirmed bookings the calendar read does not show, with their busy fields only', async () => {
    // Prepare
    const shown = await confirmedIn('shown', '08', 'conn-read', 'evt-shown');
    const recorded = await confirmedIn('recorded', '09', 'conn-read', 'manual-9');
    const elsewhere = await confirmedIn('elsewhere', '10', 'conn-gone', 'evt-gone');
    const cancelled = await confirmedIn('cancelled', '11', 'conn-gone', 'evt-cancelled');
    await s.store.retire({ ...cancelled.b, status: 'confirmed', eventId: 'evt-cancelled' }, cancelled.cells);
    const held = s.booking('held', at('12:00'), at('12:30'));
    await s.store.hold({ ...held.b, status: 'held', holdUntilMs: T0 + 60_000 }, held.cells, T0);
    const pending = s.booking('pending', at('13:00'), at('13:30'));
    await s.store.reserve(pending.b, pending.cells, LEASE_UNTIL, T0);
    const released = s.booking('released', at('14:00'), at('14:30'));
    await s.store.reserve(released.b, released.cells, LEASE_UNTIL, T0);
    await s.store.release(released.b, released.cells);
    const manager = shown.b.managerId;

    // Act
    const busy = await s.store.listBusy(manager, FROM, TO, { connectionIds: ['conn-read'], exceptPrefix: 'manual-' });
    const manual = await s.store.listBusy(manager, FROM, TO, { connectionIds: [], exceptPrefix: 'manual-' });
    const outside = await s.store.listBusy(manager, TO, TO + 86_400_000, { connectionIds: [], exceptPrefix: 'x' });

    // Assess
    const ids = (list: { bookingId: string }[]) => list.map((b) => b.bookingId).sort();
    const blocking = [recorded.b.bookingId, elsewhere.b.bookingId, held.b.bookingId];
    expect(ids(busy)).toEqual([...blocking].sort());
    expect(ids(manual)).toEqual([...blocking, shown.b.bookingId].sort());
    expect(outside).toEqual([]);
    const hold = busy.find((b) => b.bookingId === held.b.bookingId)!;
    expect(hold).toMatchObject({
      status: 'held',
      startMs: held.b.startMs,
      endMs: held.b.endMs,
      holdUntilMs: T0 + 60_000,
    });
    expect(Object.keys(hold)).not.toContain('callerName');
    expect(busy.find((b) => b.bookingId === recorded.b.bookingId)).toMatchObject({ eventId: 'manual-9' });
  });

  it('counts a booking made at or after an earlier read (a prefetch) as not shown by it', async () => {
    // Prepare
    const shown = await confirmedIn('shown-later', '15', 'conn-read', 'evt-later');
    const manager = shown.b.managerId;
    const made = Date.parse(shown.b.createdAt);
    const seen = (readAtMs: number) => ({ connectionIds: ['conn-read'], exceptPrefix: 'manual-', readAtMs });

    // Act
    const readBefore = await s.store.listBusy(manager, FROM, TO, seen(made));
    const readAfter = await s.store.listBusy(manager, FROM, TO, seen(made + 1));

    // Assess
    expect(readBefore.map((b) => b.bookingId)).toContain(shown.b.bookingId);
    expect(readAfter.map((b) => b.bookingId)).not.toContain(shown.b.bookingId);
    expect(readBefore.find((b) => b.bookingId === shown.b.bookingId)).toMatchObject({ createdAt: shown.b.createdAt });
  });
}
