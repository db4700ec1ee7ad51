/**
 * DEFAULT_CALENDAR_ID: the calendar id the adapters read as "the account's default calendar". Its value is a stored
 * contract: records written before bookings named their calendar, and the Graph and Google paths, read 'default'.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { honestDeps } from '../scheduling/honest-booking.harness';
import { callRecord } from '../scheduling/call-records';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');

describe('Constant: DEFAULT_CALENDAR_ID', () => {
  // Loaded afresh: the id is a module-level value.
  let lookup: typeof import('../../../functions/domain/keeper/booking-event-lookup');

  beforeEach(async () => {
    vi.resetModules();
    lookup = await import('../../../functions/domain/keeper/booking-event-lookup');
  });

  it("a booking that names no calendar is looked for under the id the adapters take for the account's default", async () => {
    // Prepare: a booking of conn-1 written before bookings recorded their calendar
    const h = await honestDeps({ now: NOW });
    const createdAt = new Date(NOW).toISOString();
    const booking = callRecord('a', { startMs: START, endMs: START + 1_800_000, createdAt, connectionId: 'conn-1' });
    // Act
    const found = await lookup.bookingCalendar(booking, h.deps);
    // Assess
    expect(found).toMatchObject({ calendarId: 'default', connection: { connectionId: 'conn-1' } });
  });
});
