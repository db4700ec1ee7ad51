/** Runs a suite once with the machine's clock in January and once in July: wall-time resolution must not notice. */
import { afterEach, beforeEach, describe, vi } from 'vitest';

/** Mid-January and mid-July 2026 (UTC): opposite DST seasons in both hemispheres. */
export const SEASONS = [
  { season: 'January', now: Date.UTC(2026, 0, 15, 12) },
  { season: 'July', now: Date.UTC(2026, 6, 15, 12) },
] as const;

/** `describe` for each season, with Date (and so luxon's idea of "now") faked to that season. */
export function eachSeason(name: string, body: (now: number) => void): void {
  describe.each(SEASONS)(`${name} (clock in $season)`, ({ now }) => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now);
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    body(now);
  });
}
