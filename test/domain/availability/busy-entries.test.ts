import { describe, expect, it } from 'vitest';
import { busyIntervals, occupiedInterval } from '../../../functions/domain/availability';
import type { CalendarEntry } from '../../../functions/domain/types';
import { at, entry, NY } from './fixtures';

/** An entry whose instants (Tuesday 10:00–11:00 in New York) are not its dates, so the answer shows which counted. */
const withDates = (startDate: string, endDate: string, isAllDay = true): CalendarEntry =>
  entry('2026-11-24T10:00', '2026-11-24T11:00', { isAllDay, allDay: { startDate, endDate } });
const instants = { start: at('2026-11-24T10:00'), end: at('2026-11-24T11:00') };

describe('Function: occupiedInterval', () => {
  it('an all-day entry covers its local dates, from the first instant of the first to that of the end date', () => {
    // Act / Assess
    expect(occupiedInterval(withDates('2026-11-25', '2026-11-27'), NY)).toEqual({
      start: at('2026-11-25T00:00'),
      end: at('2026-11-27T00:00'),
    });
  });

  it.each([
    ['an unreadable start date', withDates('2026-11-xx', '2026-11-27')],
    ['an unreadable end date', withDates('2026-11-25', '27/11/2026')],
    ['an end date equal to the start date', withDates('2026-11-25', '2026-11-25')],
    ['an end date before the start date', withDates('2026-11-26', '2026-11-25')],
    ['dates on an entry that is not all-day', withDates('2026-11-25', '2026-11-27', false)],
  ])('%s: the entry keeps its instants', (_name, e) => {
    // Act / Assess
    expect(occupiedInterval(e, NY)).toEqual(instants);
  });
});

describe('Function: busyIntervals, odd entries', () => {
  const rules = (bufferMinutes: number) => ({ timeZone: NY, bufferMinutes, tentativeBlocks: true });

  it.each([
    ['a start that is not a number', { start: Number.NaN }],
    ['an infinite start', { start: Number.NEGATIVE_INFINITY }],
    ['an infinite end', { end: Number.POSITIVE_INFINITY }],
  ])('skips %s (and still answers)', (_name, broken) => {
    // Prepare
    const entries = [{ ...entry('2026-11-24T10:00', '2026-11-24T11:00'), ...broken }];

    // Act / Assess
    expect(busyIntervals(entries, rules(0))).toEqual([]);
  });

  it('skips an entry ending before it starts, even when the buffer would make the two ends overlap', () => {
    // Prepare: 10:00 to 09:50 with a 15-minute buffer would otherwise be 09:45–10:05
    const entries = [entry('2026-11-24T10:00', '2026-11-24T09:50')];

    // Act / Assess
    expect(busyIntervals(entries, rules(15))).toEqual([]);
  });

  it('reads a negative buffer as none', () => {
    // Act / Assess
    expect(busyIntervals([entry('2026-11-24T10:00', '2026-11-24T11:00')], rules(-15))).toEqual([instants]);
  });

  it('an all-day entry blocks its dates, merged with a timed entry that touches them', () => {
    // Prepare
    const entries = [withDates('2026-11-25', '2026-11-26'), entry('2026-11-26T00:00', '2026-11-26T09:00')];

    // Act / Assess
    expect(busyIntervals(entries, rules(0))).toEqual([{ start: at('2026-11-25T00:00'), end: at('2026-11-26T09:00') }]);
  });
});
