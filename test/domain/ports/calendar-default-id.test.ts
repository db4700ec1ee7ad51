/** DEFAULT_CALENDAR_ID: the calendar id the adapters read as "the account's default calendar". */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingCalendar } from '../../../functions/domain/keeper/booking-event-lookup';
import { honestDeps } from '../scheduling/honest-booking.harness';
import { callRecord } from '../scheduling/call-records';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');

describe('Constant: DEFAULT_CALENDAR_ID', () => {
  // Loaded afresh: the id is a module-level value.
  let ports: typeof import('../../../functions/domain/ports');

  beforeEach(async () => {
    vi.resetModules();
    ports = await import('../../../functions/domain/ports');
  });

  it("a booking that names no calendar is looked for under the id the adapters take for the account's default", async () => {
    // Prepare: a booking of conn-1 written before bookings recorded their calendar
    const h = await honestDeps({ now: NOW });
    const createdAt = new Date(NOW).toISOString();
    const booking = callRecord('a', { startMs: START, endMs: START + 1_800_000, createdAt, connectionId: 'conn-1' });
    // Act
    const found = await bookingCalendar(booking, h.deps);
    // Assess
    expect(found).toMatchObject({ calendarId: ports.DEFAULT_CALENDAR_ID, connection: { connectionId: 'conn-1' } });
  });
});
