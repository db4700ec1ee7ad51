import { describe, expect, it } from 'vitest';
import { checkRequestedStart } from '../../../functions/domain/availability';
import type { AvailabilityRules } from '../../../functions/domain/types';
import { at, NOW, NY, roundTheClock, rules } from './fixtures';

const check = (startText: string, r: AvailabilityRules, now = NOW) =>
  checkRequestedStart({ startText, rules: r, entries: [], now });
const verdict = (result: ReturnType<typeof check>) => (result.ok ? 'ok' : result.reason);

describe('checkRequestedStart: starts on the edges of the booking window', () => {
  it.each([
    {
      name: 'now itself, with notice required',
      text: '2026-11-23T10:00',
      notice: 120,
      now: '2026-11-23T10:00',
      verdict: 'too_soon',
    },
    { name: 'now itself, without notice', text: '2026-11-23T10:00', notice: 0, now: '2026-11-23T10:00', verdict: 'ok' },
    {
      name: 'exactly the end of the notice',
      text: '2026-11-23T10:00',
      notice: 120,
      now: '2026-11-23T08:00',
      verdict: 'ok',
    },
    {
      name: 'half an hour before the notice ends',
      text: '2026-11-23T09:30',
      notice: 120,
      now: '2026-11-23T08:00',
      verdict: 'too_soon',
    },
  ])('$name → $verdict', ({ text, notice, now, verdict: expected }) => {
    // Prepare
    const r = roundTheClock(NY, { minNoticeMinutes: notice });

    // Act / Assess
    expect(verdict(check(text, r, at(now)))).toBe(expected);
  });

  it.each([
    { text: '2026-12-07T23:30', verdict: 'ok' },
    { text: '2026-12-08T00:00', verdict: 'beyond_horizon' },
  ])('the horizon ends at the first instant after its last day: $text → $verdict', ({ text, verdict: expected }) => {
    // Prepare: 14 days from Monday 23 November, working round the clock
    const r = roundTheClock(NY, { minNoticeMinutes: 0 });

    // Act / Assess
    expect(verdict(check(text, r))).toBe(expected);
  });

  it('a start in the past is refused as past even when it is also too soon and outside the hours', () => {
    // Act / Assess
    expect(verdict(check('2026-11-23T07:00', rules()))).toBe('past');
  });
});
