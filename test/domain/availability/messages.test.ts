import { describe, expect, it } from 'vitest';
import {
  closestSentence,
  nothingOpenSentence,
  offerSentence,
  spokenDays,
  spokenEvery,
} from '../../../functions/domain/availability/messages';
import type { Slot } from '../../../functions/domain/types';
import { at, NY } from './fixtures';

const slotAt = (local: string): Slot => ({ start: at(local), end: at(local) + 30 * 60_000 });

describe('Function: offerSentence', () => {
  it.each([
    {
      name: 'one slot: a yes/no question',
      slots: ['2026-11-24T14:00'],
      said: 'I have Tuesday, November 24 at 2:00 PM. Does that work?',
    },
    {
      name: 'two on one local date: the date said once',
      slots: ['2026-11-24T09:00', '2026-11-24T14:00'],
      said: 'On Tuesday, November 24 I have 9:00 AM or 2:00 PM. Which works best?',
    },
    {
      name: 'two local dates that share a UTC date: each said in full',
      slots: ['2026-11-24T23:00', '2026-11-25T09:00'],
      said: 'I have Tuesday, November 24 at 11:00 PM or Wednesday, November 25 at 9:00 AM. Which works best?',
    },
  ])('$name', ({ slots, said }) => {
    // Act / Assess
    expect(offerSentence(slots.map(slotAt), NY)).toBe(said);
  });

  it('puts its lead in both forms', () => {
    // Prepare
    const oneDate = ['2026-11-24T09:00', '2026-11-24T14:00'].map(slotAt);
    const twoDates = ['2026-11-24T09:00', '2026-11-25T14:00'].map(slotAt);

    // Act
    const said = [offerSentence(oneDate, NY, 'I can offer'), offerSentence(twoDates, NY, 'I can offer')];

    // Assess
    expect(said).toEqual([
      'On Tuesday, November 24 I can offer 9:00 AM or 2:00 PM. Which works best?',
      'I can offer Tuesday, November 24 at 9:00 AM or Wednesday, November 25 at 2:00 PM. Which works best?',
    ]);
  });
});

describe('Function: closestSentence', () => {
  it('says "opening is" and "would that work" for one slot', () => {
    // Act / Assess
    expect(closestSentence([slotAt('2026-11-24T14:00')], NY)).toBe(
      'The closest opening is Tuesday, November 24 at 2:00 PM. Would that work?',
    );
  });

  it('says "openings are" and "one of those" for several', () => {
    // Act / Assess
    expect(closestSentence(['2026-11-24T14:00', '2026-11-25T09:00'].map(slotAt), NY)).toBe(
      'The closest openings are Tuesday, November 24 at 2:00 PM or Wednesday, November 25 at 9:00 AM. ' +
        'Would one of those work?',
    );
  });
});

describe('Function: nothingOpenSentence', () => {
  it.each([
    [1, "I don't have any openings in the next day, so please call back later and we'll find a time."],
    [14, "I don't have any openings in the next 14 days, so please call back later and we'll find a time."],
  ])('a horizon of %i day(s)', (days, said) => {
    // Act / Assess
    expect(nothingOpenSentence(days)).toBe(said);
  });
});

describe('Functions: spokenDays, spokenEvery', () => {
  it.each([
    [1, 'day'],
    [2, '2 days'],
    [14, '14 days'],
  ])('spokenDays(%i) is %j', (days, said) => {
    // Act / Assess
    expect(spokenDays(days)).toBe(said);
  });

  it.each([
    [15, 'every 15 minutes'],
    [30, 'every 30 minutes'],
    [60, 'every hour'],
    [120, 'every 2 hours'],
    [90, 'every 90 minutes'],
  ])('spokenEvery(%i) is %j', (minutes, said) => {
    // Act / Assess
    expect(spokenEvery(minutes)).toBe(said);
  });
});
