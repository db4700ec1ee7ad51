import { describe, expect, it } from 'vitest';
import { benchGraphDateTime, generalGraphDateTime, graphUtcDateTimes } from '../../bench/graph-datetime';
import { parseGraphDateTime } from '../../functions/adapters/microsoft/graph-mapping';

describe('Function: graphUtcDateTimes', () => {
  it('writes Graph UTC dateTimes with seven, three and no fraction digits that both paths read alike', () => {
    // Act
    const values = graphUtcDateTimes(300);
    // Assess
    expect(new Set(values.map((v) => v.dateTime.length))).toEqual(new Set([27, 23, 19]));
    for (const value of values) expect(parseGraphDateTime(value)).toBe(generalGraphDateTime(value));
  });
});

describe('Function: benchGraphDateTime', () => {
  it('returns ms per 100k parses before and after, and their ratio', () => {
    // Prepare
    const lines: string[] = [];
    // Act
    const figures = benchGraphDateTime({ parses: 2_000, rounds: 1, log: (line) => lines.push(line) });
    // Assess
    expect(figures.parses).toBe(2_000);
    for (const v of [figures.beforeMsPer100k, figures.afterMsPer100k, figures.fastOnlyMsPer100k])
      expect(v).toBeGreaterThan(0);
    expect(figures.speedup).toBeCloseTo(figures.beforeMsPer100k / figures.afterMsPer100k);
    expect(lines[0]).toContain('ms per 100k');
  });
});
