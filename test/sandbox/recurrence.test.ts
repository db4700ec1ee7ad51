import { describe, expect, it } from 'vitest';
import type { PatternedRecurrence } from '../../local/sandbox/microsoft';
import { expandRecurrence } from '../../local/sandbox/microsoft/graph/recurrence';

const ms = (iso: string) => Date.parse(iso);
const at = (dateTime: string, timeZone = 'Pacific Standard Time') => ({ dateTime, timeZone });

function starts(
  start: string,
  end: string,
  rec: PatternedRecurrence,
  from: string,
  to: string,
  zone?: string,
): string[] {
  return expandRecurrence(at(start, zone), at(end, zone), rec, ms(from), ms(to)).map((o) =>
    new Date(o.startMs).toISOString().replace('.000Z', 'Z'),
  );
}

describe('expandRecurrence', () => {
  it('keeps a weekly meeting at 09:00 local across the March DST change', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
      range: { type: 'noEnd', startDate: '2026-03-02' },
    };

    // Act
    const got = starts(
      '2026-03-02T09:00:00',
      '2026-03-02T09:30:00',
      rec,
      '2026-03-01T00:00:00Z',
      '2026-03-17T00:00:00Z',
    );

    // Assess
    expect(got).toEqual(['2026-03-02T17:00:00Z', '2026-03-09T16:00:00Z', '2026-03-16T16:00:00Z']);
  });

  it('honours interval and several weekdays, counting weeks from firstDayOfWeek', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'monday' },
      range: { type: 'endDate', startDate: '2026-04-06', endDate: '2026-04-30' },
    };

    // Act
    const got = starts(
      '2026-04-06T10:00:00',
      '2026-04-06T11:00:00',
      rec,
      '2026-04-01T00:00:00Z',
      '2026-06-01T00:00:00Z',
      'UTC',
    );

    // Assess
    expect(got).toEqual([
      '2026-04-06T10:00:00Z',
      '2026-04-09T10:00:00Z',
      '2026-04-20T10:00:00Z',
      '2026-04-23T10:00:00Z',
    ]);
  });

  it('stops a numbered range after its count, even outside the window', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'daily', interval: 1 },
      range: { type: 'numbered', startDate: '2026-05-01', numberOfOccurrences: 5 },
    };

    // Act
    const got = starts(
      '2026-05-01T08:00:00',
      '2026-05-01T08:30:00',
      rec,
      '2026-05-04T00:00:00Z',
      '2026-06-01T00:00:00Z',
      'UTC',
    );

    // Assess
    expect(got).toEqual(['2026-05-04T08:00:00Z', '2026-05-05T08:00:00Z']);
  });

  it('puts day 31 on the last day of shorter months', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
      range: { type: 'noEnd', startDate: '2026-01-31' },
    };

    // Act
    const got = starts(
      '2026-01-31T12:00:00',
      '2026-01-31T13:00:00',
      rec,
      '2026-01-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
      'UTC',
    );

    // Assess
    expect(got).toEqual([
      '2026-01-31T12:00:00Z',
      '2026-02-28T12:00:00Z',
      '2026-03-31T12:00:00Z',
      '2026-04-30T12:00:00Z',
    ]);
  });

  it('finds the last Friday of each month (relativeMonthly)', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' },
      range: { type: 'noEnd', startDate: '2026-01-01' },
    };

    // Act
    const got = starts(
      '2026-01-30T15:00:00',
      '2026-01-30T16:00:00',
      rec,
      '2026-01-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      'UTC',
    );

    // Assess
    expect(got).toEqual(['2026-01-30T15:00:00Z', '2026-02-27T15:00:00Z', '2026-03-27T15:00:00Z']);
  });

  it('repeats yearly on the same date and relative yearly on the nth weekday', () => {
    // Prepare
    const yearly: PatternedRecurrence = {
      pattern: { type: 'absoluteYearly', interval: 1, month: 7, dayOfMonth: 4 },
      range: { type: 'noEnd', startDate: '2025-07-04' },
    };
    const thanksgiving: PatternedRecurrence = {
      pattern: { type: 'relativeYearly', interval: 1, month: 11, daysOfWeek: ['thursday'], index: 'fourth' },
      range: { type: 'noEnd', startDate: '2025-11-27' },
    };

    // Act
    const july = starts(
      '2025-07-04T09:00:00',
      '2025-07-04T10:00:00',
      yearly,
      '2026-01-01T00:00:00Z',
      '2028-01-01T00:00:00Z',
      'UTC',
    );
    const november = starts(
      '2025-11-27T09:00:00',
      '2025-11-27T10:00:00',
      thanksgiving,
      '2026-01-01T00:00:00Z',
      '2028-01-01T00:00:00Z',
      'UTC',
    );

    // Assess
    expect(july).toEqual(['2026-07-04T09:00:00Z', '2027-07-04T09:00:00Z']);
    expect(november).toEqual(['2026-11-26T09:00:00Z', '2027-11-25T09:00:00Z']);
  });

  it('keeps all-day occurrences a whole local day long across DST', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'daily', interval: 1 },
      range: { type: 'endDate', startDate: '2026-03-07', endDate: '2026-03-08' },
    };

    // Act
    const occ = expandRecurrence(
      at('2026-03-07T00:00:00'),
      at('2026-03-08T00:00:00'),
      rec,
      ms('2026-03-01T00:00:00Z'),
      ms('2026-03-10T00:00:00Z'),
    );

    // Assess
    expect(occ.map((o) => `${new Date(o.startMs).toISOString()}/${new Date(o.endMs).toISOString()}`)).toEqual([
      '2026-03-07T08:00:00.000Z/2026-03-08T08:00:00.000Z',
      '2026-03-08T08:00:00.000Z/2026-03-09T07:00:00.000Z',
    ]);
  });
});
