import { describe, expect, it } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import { ofCall } from '../../../functions/domain/scheduling/call-holds';
import { callRecord } from './call-records';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T10:00:00Z');
/** With a horizon of 14 days, a call's records start from a day back to 16 days ahead (that end excluded). */
const HORIZON_DAYS = 14;
const FIRST = NOW - DAY;
const END = NOW + 16 * DAY;

/** A confirmed record starting at `startMs`, 30 minutes long, of call "call-1" unless told otherwise. */
const record = (bookingId: string, startMs: number, extra: Partial<BookingRecord> = {}): BookingRecord =>
  callRecord(bookingId, {
    startMs,
    endMs: startMs + 30 * 60_000,
    createdAt: '2026-11-24T09:59:00Z',
    status: 'confirmed',
    callId: 'call-1',
    ...extra,
  });

describe('Function: ofCall', () => {
  it('keeps the records starting from exactly a day back up to just before two days past the horizon', () => {
    // Prepare
    const tooEarly = record('early', FIRST - 1);
    const first = record('first', FIRST);
    const last = record('last', END - 1);
    const atEnd = record('at-end', END);
    const past = record('past', END + DAY);

    // Act
    const records = ofCall([tooEarly, first, last, atEnd, past], 'call-1', NOW, HORIZON_DAYS);

    // Assess
    expect(records.map((b) => b.bookingId)).toEqual(['first', 'last']);
  });

  it('keeps only the records of the call asked about', () => {
    // Prepare
    const mine = record('mine', NOW + DAY);
    const other = record('other', NOW + DAY, { callId: 'call-2' });
    const noCall = record('no-call', NOW + DAY, { callId: undefined });

    // Act
    const records = ofCall([mine, other, noCall], 'call-1', NOW, HORIZON_DAYS);

    // Assess
    expect(records).toEqual([mine]);
  });

  it.each([[undefined], ['']])('finds nothing for call id %j, not even the records without a call', (callId) => {
    // Prepare
    const noCall = record('no-call', NOW + DAY, { callId: undefined });
    const emptyCall = record('empty-call', NOW + DAY, { callId: '' });

    // Act
    const records = ofCall([noCall, emptyCall], callId, NOW, HORIZON_DAYS);

    // Assess
    expect(records).toEqual([]);
  });
});
