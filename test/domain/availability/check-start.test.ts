import { describe, expect, it } from 'vitest';
import { checkRequestedStart, type StartRejection } from '../../../functions/domain/availability';
import type { AvailabilityRules, CalendarEntry } from '../../../functions/domain/types';
import { at, entry, NOW, NY, roundTheClock, rules } from './fixtures';

const check = (
  startText: string,
  entries: CalendarEntry[] = [],
  r: AvailabilityRules = rules(),
  durationMinutes?: number,
  now = NOW,
) => checkRequestedStart({ startText, durationMinutes, rules: r, entries, now });

describe('checkRequestedStart', () => {
  it.each([
    { text: '2026-11-24T14:00', local: '2026-11-24T14:00' },
    { text: '2026-11-24T14:00:00', local: '2026-11-24T14:00' },
    { text: '2026-11-24T14:00:00.0000000', local: '2026-11-24T14:00' },
    { text: '2026-11-24 14:00', local: '2026-11-24T14:00' },
    { text: '2026-11-24T14:00:00-05:00', local: '2026-11-24T14:00' },
    { text: '2026-11-24T19:00:00Z', local: '2026-11-24T14:00' },
    { text: '2026-11-24T20:00:00+01:00', local: '2026-11-24T14:00' },
    { text: '2026-11-24T14:00Z', local: '2026-11-24T09:00' },
    { text: '2026-11-24T14:00:00+0500', local: '2026-11-24T04:00' },
  ])('$text is accepted as local $local', ({ text, local }) => {
    // Prepare
    const r = rules({ working: { timeZone: NY, week: { tuesday: [{ start: '00:00', end: '24:00' }] } } });

    // Act
    const result = check(text, [], r);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slot.start).toBe(at(local));
    expect(result.slot.end - result.slot.start).toBe(30 * 60_000);
    expect(result.startIso).toBe(`${local}:00-05:00`);
  });

  it('returns the ISO times and spoken form of an accepted slot', () => {
    // Act
    const result = check('2026-11-24T14:00', [], rules(), 60);

    // Assess
    expect(result).toEqual({
      ok: true,
      slot: { start: at('2026-11-24T14:00'), end: at('2026-11-24T15:00') },
      startIso: '2026-11-24T14:00:00-05:00',
      endIso: '2026-11-24T15:00:00-05:00',
      spoken: 'Tuesday, November 24 at 2:00 PM',
    });
  });

  it.each<{
    text: string;
    reason: StartRejection;
    lead: string;
    entries?: CalendarEntry[];
    r?: Partial<AvailabilityRules>;
    duration?: number;
  }>([
    { text: 'tomorrow at 2', reason: 'unparseable', lead: "I couldn't understand that time. I can offer " },
    { text: '2026-11-24', reason: 'unparseable', lead: "I couldn't understand that time." },
    { text: '2026-11-24T25:00', reason: 'unparseable', lead: "I couldn't understand that time." },
    { text: '2026-02-30T10:00', reason: 'unparseable', lead: "I couldn't understand that time." },
    { text: '2026-11-20T10:00', reason: 'past', lead: 'That time has already passed. The closest openings are ' },
    {
      text: '2026-11-23T09:30',
      reason: 'too_soon',
      lead: 'I need at least 2 hours of notice to book a viewing. The closest',
    },
    {
      text: '2026-12-08T10:00',
      reason: 'beyond_horizon',
      lead: 'I can only book up to 14 days ahead. The closest openings are ',
    },
    {
      text: '2026-11-24T18:00',
      reason: 'outside_hours',
      lead: 'That time is outside viewing hours. The closest openings are ',
    },
    { text: '2026-11-28T10:00', reason: 'outside_hours', lead: 'That time is outside viewing hours.' },
    { text: '2026-11-24T16:30', reason: 'outside_hours', lead: 'That time is outside viewing hours.', duration: 60 },
    {
      text: '2026-11-24T14:10',
      reason: 'misaligned',
      lead: "Viewings start every 30 minutes, so I can't book that exact time.",
    },
    { text: '2026-11-24T14:00:30', reason: 'misaligned', lead: 'Viewings start every 30 minutes' },
    { text: '2026-11-24T14:30', reason: 'misaligned', lead: 'Viewings start every hour', r: { intervalMinutes: 60 } },
    {
      text: '2026-11-24T14:30',
      reason: 'taken',
      lead: 'That time is already taken.',
      entries: [entry('2026-11-24T14:00', '2026-11-24T15:00')],
    },
    {
      text: '2026-11-24T14:30',
      reason: 'taken',
      lead: 'That time is already taken.',
      entries: [entry('2026-11-24T15:00', '2026-11-24T16:00')],
      r: { bufferMinutes: 15 },
    },
    {
      text: '2026-11-24T14:00',
      reason: 'taken',
      lead: 'That time is already taken.',
      entries: [entry('2026-11-24T14:45', '2026-11-24T15:00')],
      duration: 60,
    },
  ])('$text → $reason', ({ text, reason, lead, entries, r, duration }) => {
    // Act
    const result = check(text, entries, rules(r), duration);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message.startsWith(lead)).toBe(true);
    expect(result.alternatives.length).toBe(3);
  });

  it('taken: the nearest free alternatives around the requested time, sorted by start', () => {
    // Act
    const result = check('2026-11-24T14:30', [entry('2026-11-24T14:00', '2026-11-24T15:00')]);

    // Assess
    expect(result.ok ? [] : result.alternatives.map((a) => a.start)).toEqual([
      '2026-11-24T13:30:00-05:00',
      '2026-11-24T15:00:00-05:00',
      '2026-11-24T15:30:00-05:00',
    ]);
  });

  it('too soon: the alternatives are the earliest bookable times', () => {
    // Act
    const result = check('2026-11-23T09:00');

    // Assess
    expect(result.ok ? [] : result.alternatives.map((a) => a.spoken)).toEqual([
      'Monday, November 23 at 10:00 AM',
      'Monday, November 23 at 10:30 AM',
      'Monday, November 23 at 11:00 AM',
    ]);
  });

  it('a local time skipped by the spring-forward change is refused with nearby openings', () => {
    // Prepare
    const r = roundTheClock(NY, { minNoticeMinutes: 0 });

    // Act
    const result = check('2026-03-08T02:30', [], r, undefined, at('2026-03-07T12:00'));

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(result.ok ? '' : result.message).toMatch(
      /^That time doesn't exist on that day because the clocks change\. The closest/,
    );
  });

  it('a repeated fall-back local time means its first occurrence; an offset picks either', () => {
    // Prepare
    const r = roundTheClock(NY, { minNoticeMinutes: 0 });
    const now = at('2026-10-31T12:00');

    // Act
    const local = check('2026-11-01T01:30', [], r, undefined, now);
    const second = check('2026-11-01T01:30:00-05:00', [], r, undefined, now);

    // Assess
    expect(local.ok && local.startIso).toBe('2026-11-01T01:30:00-04:00');
    expect(second.ok && second.startIso).toBe('2026-11-01T01:30:00-05:00');
  });

  it('nothing free anywhere: the reason and a call-back suggestion, no alternatives', () => {
    // Act
    const result = check('2026-11-24T14:00', [entry('2026-11-01T00:00', '2027-01-01T00:00')]);

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'taken',
      message:
        "That time is already taken. I don't have any openings in the next 14 days, " +
        "so please call back later and we'll find a time.",
      alternatives: [],
    });
  });
});
