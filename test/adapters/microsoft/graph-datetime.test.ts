import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GraphDateTime, parseGraphDateTime } from '../../../functions/adapters/microsoft/graph-mapping';
import { toIanaZone } from '../../../functions/adapters/microsoft/windows-zones';
import { parseWallDateTime, resolveWall } from '../../../functions/domain/time';

/** parseGraphDateTime before the UTC fast path: the zone name, the wall-text regex, the DST resolution. */
function generalPath(value: GraphDateTime): number | 'UnsupportedTimeZone' | 'InvalidDateTime' {
  const zone = toIanaZone(value.timeZone ?? 'UTC');
  if (!zone) return 'UnsupportedTimeZone';
  const wall = parseWallDateTime(value.dateTime);
  return wall === undefined ? 'InvalidDateTime' : resolveWall(wall, zone);
}

/** What parseGraphDateTime answers: the instant, or the code of the ProviderError it throws. */
function outcome(value: GraphDateTime): number | string {
  try {
    return parseGraphDateTime(value);
  } catch (error) {
    expect(error).toMatchObject({ name: 'ProviderError' });
    return (error as { code: string }).code;
  }
}

/** Graph's UTC dateTimes as it writes them (seven fraction digits), with three, or with none. */
const graphText = fc
  .tuple(
    fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
    fc.constantFrom('.0000000', '.1234567', '.500', ''),
  )
  .map(([date, fraction]) => `${date.toISOString().slice(0, 19)}${fraction}`);

/** One character of a Graph dateTime replaced by another: mostly malformed, now and then still a real time. */
const damaged = fc
  .tuple(graphText, fc.nat(), fc.constantFrom(...'0123456789 -:.TZx'))
  .map(([text, at, char]) => text.slice(0, at % text.length) + char + text.slice((at % text.length) + 1));

describe('Function: parseGraphDateTime (UTC fast path)', () => {
  it('reads every Graph UTC dateTime as the general path did', () => {
    // Act / Assess
    fc.assert(
      fc.property(graphText, fc.constantFrom('UTC', null, undefined, 'Etc/UTC'), (dateTime, timeZone) => {
        const value = { dateTime, timeZone };
        expect(outcome(value)).toBe(generalPath(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('rejects a malformed dateTime exactly as the general path did, with InvalidDateTime', () => {
    // Act / Assess
    fc.assert(
      fc.property(damaged, (dateTime) => {
        const value = { dateTime, timeZone: 'UTC' };
        expect(outcome(value)).toBe(generalPath(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it.each([
    [{ dateTime: '2026-02-29T10:00:00.0000000', timeZone: 'UTC' }, 'InvalidDateTime'],
    [{ dateTime: '2026-12-01T10:00:00.0000000Z', timeZone: 'UTC' }, 'InvalidDateTime'],
    [{ dateTime: '', timeZone: 'UTC' }, 'InvalidDateTime'],
    [{ dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'Customized Time Zone' }, 'UnsupportedTimeZone'],
  ])('rejects %j with %s', (value, code) => {
    // Act / Assess
    expect(outcome(value)).toBe(code);
  });

  it('reads a Windows zone by that zone’s rules, not by the UTC fast path', () => {
    // Act / Assess
    expect(outcome({ dateTime: '2026-07-01T10:00:00.0000000', timeZone: 'Eastern Standard Time' })).toBe(
      Date.UTC(2026, 6, 1, 14),
    );
  });
});
