import { describe, expect, it } from 'vitest';
import { freeSlots } from '../../../functions/domain/availability';
import type { Availability, CalendarEntry } from '../../../functions/domain/types';
import { at, entry, localStarts, NOW, onDate, rules } from './fixtures';

const tuesday = (slots: ReturnType<typeof freeSlots>) =>
  localStarts(onDate(slots, '2026-11-24')).map((s) => s.slice(11));

describe('freeSlots: which entries block', () => {
  it.each<{ availability: Availability; isCancelled?: boolean; tentativeBlocks?: boolean; blocks: boolean }>([
    { availability: 'busy', blocks: true },
    { availability: 'tentative', tentativeBlocks: true, blocks: true },
    { availability: 'tentative', tentativeBlocks: false, blocks: false },
    { availability: 'free', blocks: false },
    { availability: 'busy', isCancelled: true, blocks: false },
    { availability: 'something-new' as Availability, blocks: true },
  ])('$availability (cancelled: $isCancelled, tentativeBlocks: $tentativeBlocks) blocks: $blocks', (c) => {
    // Prepare
    const entries = [
      entry('2026-11-24T10:00', '2026-11-24T11:00', {
        availability: c.availability,
        isCancelled: c.isCancelled ?? false,
      }),
    ];

    // Act
    const times = tuesday(freeSlots(rules({ tentativeBlocks: c.tentativeBlocks ?? true }), entries, NOW));

    // Assess
    expect(times.includes('10:00') || times.includes('10:30')).toBe(!c.blocks);
    expect(times).toContain('09:30');
    expect(times).toContain('11:00');
  });

  it.each<{ name: string; allDay: Partial<CalendarEntry>; blockedDates: string[]; freeDates: string[] }>([
    {
      name: 'one day, instants in UTC',
      allDay: {
        start: Date.UTC(2026, 10, 24),
        end: Date.UTC(2026, 10, 25),
        allDay: { startDate: '2026-11-24', endDate: '2026-11-25' },
      },
      blockedDates: ['2026-11-24'],
      freeDates: ['2026-11-23', '2026-11-25'],
    },
    {
      name: 'multi-day, instants in UTC',
      allDay: {
        start: Date.UTC(2026, 10, 24),
        end: Date.UTC(2026, 10, 26),
        allDay: { startDate: '2026-11-24', endDate: '2026-11-26' },
      },
      blockedDates: ['2026-11-24', '2026-11-25'],
      freeDates: ['2026-11-23', '2026-11-26'],
    },
    {
      name: 'dates win over misleading instants',
      allDay: {
        start: at('2026-11-26T09:00'),
        end: at('2026-11-26T10:00'),
        allDay: { startDate: '2026-11-24', endDate: '2026-11-25' },
      },
      blockedDates: ['2026-11-24'],
      freeDates: ['2026-11-26'],
    },
  ])('all-day ($name) blocks whole local days', ({ allDay, blockedDates, freeDates }) => {
    // Prepare
    const entries: CalendarEntry[] = [
      { start: 0, end: 0, availability: 'busy', isCancelled: false, isAllDay: true, ...allDay },
    ];

    // Act
    const slots = freeSlots(rules(), entries, NOW);

    // Assess
    for (const date of blockedDates) expect(onDate(slots, date)).toEqual([]);
    for (const date of freeDates) expect(onDate(slots, date).length).toBeGreaterThan(0);
  });

  it('all-day without dates falls back to its instants', () => {
    // Prepare
    const entries = [entry('2026-11-24T12:00', '2026-11-24T14:00', { isAllDay: true })];

    // Act
    const times = tuesday(freeSlots(rules(), entries, NOW));

    // Assess
    expect(times).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
  });

  it('a free all-day entry blocks nothing', () => {
    // Prepare
    const entries: CalendarEntry[] = [
      {
        start: Date.UTC(2026, 10, 24),
        end: Date.UTC(2026, 10, 25),
        availability: 'free',
        isCancelled: false,
        isAllDay: true,
        allDay: { startDate: '2026-11-24', endDate: '2026-11-25' },
      },
    ];

    // Act
    const times = tuesday(freeSlots(rules(), entries, NOW));

    // Assess
    expect(times).toHaveLength(16);
  });

  it('every occurrence of a recurring series blocks', () => {
    // Prepare: a daily 12:00–13:00 lunch, expanded by the provider into one entry per weekday.
    const dates = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'];
    const entries = dates.map((d) => entry(`${d}T12:00`, `${d}T13:00`, { id: `lunch-${d}` }));

    // Act
    const slots = freeSlots(rules(), entries, NOW);

    // Assess
    for (const date of dates) {
      const times = localStarts(onDate(slots, date)).map((s) => s.slice(11));
      expect(times).not.toContain('12:00');
      expect(times).not.toContain('12:30');
      expect(times).toContain('11:30');
      expect(times).toContain('13:00');
    }
  });

  it.each([
    { buffer: 0, missing: ['10:00', '10:30'], present: ['09:30', '11:00'] },
    { buffer: 15, missing: ['09:30', '10:00', '10:30', '11:00'], present: ['09:00', '11:30'] },
    { buffer: 30, missing: ['09:30', '11:00'], present: ['09:00', '11:30'] },
    { buffer: 45, missing: ['09:00', '09:30', '11:00', '11:30'], present: ['12:00'] },
  ])('buffer of $buffer minutes around a 10:00–11:00 event', ({ buffer, missing, present }) => {
    // Prepare
    const entries = [entry('2026-11-24T10:00', '2026-11-24T11:00')];

    // Act
    const times = tuesday(freeSlots(rules({ bufferMinutes: buffer }), entries, NOW));

    // Assess
    for (const time of missing) expect(times).not.toContain(time);
    for (const time of present) expect(times).toContain(time);
  });

  it('overlapping and unsorted entries merge', () => {
    // Prepare
    const entries = [
      entry('2026-11-24T13:00', '2026-11-24T15:00'),
      entry('2026-11-24T09:00', '2026-11-24T10:15'),
      entry('2026-11-24T14:30', '2026-11-24T16:00'),
      entry('2026-11-24T09:30', '2026-11-24T09:45', { availability: 'free' }),
    ];

    // Act
    const times = tuesday(freeSlots(rules(), entries, NOW));

    // Assess
    expect(times).toEqual(['10:30', '11:00', '11:30', '12:00', '12:30', '16:00', '16:30']);
  });
});
