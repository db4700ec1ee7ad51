// Calendar v3 paths: the domain's default calendar is Google's primary, ids are encoded.
import { describe, expect, it } from 'vitest';
import { eventPath, eventsPath } from '../../../functions/adapters/google/paths';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';

describe('Function: eventsPath and eventPath', () => {
  it("names the default calendar primary and encodes other calendars' ids", () => {
    // Assess
    expect(eventsPath(DEFAULT_CALENDAR_ID)).toBe('/calendars/primary/events');
    expect(eventPath('team@group.calendar.google.com', 'ev/1')).toBe(
      '/calendars/team%40group.calendar.google.com/events/ev%2F1',
    );
  });
});
