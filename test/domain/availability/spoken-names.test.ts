import { beforeEach, describe, expect, it, vi } from 'vitest';

type Format = typeof import('../../../functions/domain/availability/format');
let f: Format;

// The day and month names are module-level tables: loaded afresh in each test, so mutation testing ties them to it.
beforeEach(async () => {
  vi.resetModules();
  f = await import('../../../functions/domain/availability/format');
});

describe('Function: spokenDate', () => {
  it('names every weekday, Monday 1 June 2026 to Sunday 7 June', () => {
    // Act
    const days = [1, 2, 3, 4, 5, 6, 7].map((d) => f.spokenDate(Date.UTC(2026, 5, d, 12), 'UTC'));
    // Assess
    expect(days).toEqual([
      'Monday, June 1',
      'Tuesday, June 2',
      'Wednesday, June 3',
      'Thursday, June 4',
      'Friday, June 5',
      'Saturday, June 6',
      'Sunday, June 7',
    ]);
  });

  it('names every month', () => {
    // Act
    const months = Array.from({ length: 12 }, (_, m) => f.spokenDate(Date.UTC(2027, m, 15, 12), 'UTC').split(', ')[1]);
    // Assess
    expect(months).toEqual([
      'January 15',
      'February 15',
      'March 15',
      'April 15',
      'May 15',
      'June 15',
      'July 15',
      'August 15',
      'September 15',
      'October 15',
      'November 15',
      'December 15',
    ]);
  });
});
