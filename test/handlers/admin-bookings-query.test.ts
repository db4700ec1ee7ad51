/** The bookings listing's query and a settings change: what an operator reads when either is wrong. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshSchemas, type Schemas } from './admin-schemas-support';

let s: Schemas;
let refusal: Awaited<ReturnType<typeof freshSchemas>>['refusal'];
const query = (input: Record<string, string>) => refusal(() => s.parseOrThrow(s.bookingsQuerySchema, input));

beforeEach(async () => {
  ({ schemas: s, refusal } = await freshSchemas());
});

describe('Function: parseOrThrow (bookings query)', () => {
  it('takes two days in order', () => {
    // Act / Assess
    expect(s.parseOrThrow(s.bookingsQuerySchema, { from: '2026-12-01', to: '2026-12-07' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
  });

  it.each([
    [{ to: '2026-12-07' }, 'from: is required: a date YYYY-MM-DD', 'from'],
    [{ from: '2026-12-01', to: 'next week' }, 'to: must be a date YYYY-MM-DD', 'to'],
    [{ from: '2026-12-07', to: '2026-12-01' }, 'to: must not be before from (both days are included)', 'to'],
    [{ from: '2026-01-01', to: '2026-12-31' }, 'to: a listing covers at most 92 days (both ends included)', 'to'],
    [{ from: '2026-12-01', to: '2026-12-07', page: '2' }, 'page: not accepted here', 'page'],
  ])('refuses %j: "%s"', (input, message, reason) => {
    // Act / Assess
    expect(query(input)).toEqual({ message, reason });
  });

  it('names every key it does not take, in the order given', () => {
    // Act + Assess
    expect(query({ from: '2026-12-01', to: '2026-12-07', page: '2', limit: '5' }).message).toBe(
      'page, limit: not accepted here',
    );
  });

  it('names a range out of order beside the other problems of the query', () => {
    // Act / Assess
    expect(query({ from: '2026-12-07', to: '2026-12-01', page: '2' }).message).toBe(
      'page: not accepted here; to: must not be before from (both days are included)',
    );
  });
});

describe('Function: parseSettings', () => {
  it.each([
    ['null', null],
    ['a string', 'timeZone=UTC'],
    ['an array', [{ timeZone: 'UTC' }]],
  ])('refuses %s as the body: settings are a JSON object', (_case, input) => {
    // Act / Assess
    expect(refusal(() => s.parseSettings(input))).toEqual({
      message: 'body: must be a JSON object of settings',
      reason: 'body',
    });
  });

  it('names every bad setting, "; " between them, the first one as the reason', () => {
    // Act
    const { message, reason } = refusal(() => s.parseSettings({ slotMinutes: 1, tentativeBlocks: 'yes' }));

    // Assess
    expect(message).toMatch(/^slotMinutes: .+; tentativeBlocks: must be true or false$/);
    expect(reason).toBe('slotMinutes');
  });

  it('takes a valid change, a null clearing a setting', () => {
    // Act / Assess
    expect(s.parseSettings({ slotMinutes: 30, timeZone: null })).toEqual({ slotMinutes: 30, timeZone: null });
  });
});
