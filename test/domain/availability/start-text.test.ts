import { beforeEach, describe, expect, it, vi } from 'vitest';

type CheckStart = typeof import('../../../functions/domain/availability/check-start');
let c: CheckStart;

// START is a module-level regex: loaded afresh in each test, so mutation testing ties it to the tests that read it.
beforeEach(async () => {
  vi.resetModules();
  c = await import('../../../functions/domain/availability/check-start');
});

const at = (iso: string) => ({ kind: 'instant', ms: Date.parse(iso) });

describe('Function: parseStartText', () => {
  it.each([
    // wall times in the owner's zone (London is on BST in June)
    ['2026-06-03T15:00', at('2026-06-03T14:00:00Z')],
    ['2026-06-03 15:00', at('2026-06-03T14:00:00Z')],
    ['  2026-06-03T15:00  ', at('2026-06-03T14:00:00Z')],
    ['2026-06-03t15:00', at('2026-06-03T14:00:00Z')],
    ['2026-06-03T15:00:30', at('2026-06-03T14:00:30Z')],
    ['2026-06-03T15:00:30.5', at('2026-06-03T14:00:30.500Z')],
    ['2026-06-03T15:00:30.123456789', at('2026-06-03T14:00:30.123Z')],
    // an offset or Z: that instant, whatever the zone
    ['2026-06-03T15:00Z', at('2026-06-03T15:00:00Z')],
    ['2026-06-03T15:00z', at('2026-06-03T15:00:00Z')],
    ['2026-06-03T15:00 Z', at('2026-06-03T15:00:00Z')],
    ['2026-06-03T15:00:30Z', at('2026-06-03T15:00:30Z')],
    ['2026-06-03T15:00+02:00', at('2026-06-03T13:00:00Z')],
    ['2026-06-03T15:00+0530', at('2026-06-03T09:30:00Z')],
    ['2026-06-03T15:00-03', at('2026-06-03T18:00:00Z')],
    ['2026-06-03T15:00:00.250-03:30', at('2026-06-03T18:30:00.250Z')],
    // a time the clocks skip: the instant it shifts forward to
    ['2026-03-29T01:30', { kind: 'skipped', ms: Date.parse('2026-03-29T01:30:00Z') }],
  ])('reads %j', (text, expected) => {
    // Act / Assess
    expect(c.parseStartText(text, 'Europe/London')).toEqual(expected);
  });

  it.each([
    'tomorrow at 2pm',
    'x2026-06-03T15:00',
    '2026-06-03T15:00x',
    '2026-06-03T15:00Zx',
    '2026-06-03T15',
    '2026-06-03T15:00:3',
    '2026-06-03T15:00:ab',
    '2026-06-03T15:00:30.',
    '2026-06-03T15:00:30.1234567890',
    '2026-06-03T15:00:30.x',
    '2026-06-03T15:00x02:00',
    '2026-06-03T15:00+2',
    '2026-06-03T15:00+ab',
    '2026-06-03T15:00+02:0',
    '2026-06-03T15:00+02:ab',
    '2026-06-03T15:00+02:',
    '2026-06-03T15:00+25:00',
    '2026-13-45T10:00',
    '2026-06-03T24:30',
  ])('refuses %j', (text) => {
    // Act / Assess
    expect(c.parseStartText(text, 'Europe/London')).toEqual({ kind: 'invalid' });
  });
});
