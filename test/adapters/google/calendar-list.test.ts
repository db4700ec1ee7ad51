// calendarList entries as domain calendars (names, own or shared), and a calendar's zone from calendars.get.
import { describe, expect, it } from 'vitest';
import { calendarZone, listCalendars, toProviderCalendar } from '../../../functions/adapters/google/calendar-list';
import { ProviderError } from '../../../functions/domain/errors';
import { CAL, calendarHarness as setup, json } from './helpers';

const OWN = { id: 'c_1@group.calendar.google.com', accessRole: 'owner' };

describe('Function: toProviderCalendar', () => {
  it('names a calendar by its trimmed override, else its trimmed summary, else its id', () => {
    // Act
    const names = [
      toProviderCalendar({ ...OWN, summaryOverride: ' Mine ', summary: 'Theirs' }).name,
      toProviderCalendar({ ...OWN, summaryOverride: ' ', summary: ' Showings ' }).name,
      toProviderCalendar(OWN).name,
    ];
    // Assess
    expect(names).toEqual(['Mine', 'Showings', 'c_1@group.calendar.google.com']);
  });

  it('refuses an entry without an id', () => {
    // Act
    const mapping = () => toProviderCalendar({ summary: 'x', accessRole: 'owner' });
    // Assess
    expect(mapping).toThrow(ProviderError);
    expect(mapping).toThrow(
      expect.objectContaining({ message: 'Google Calendar listed a calendar without an id', code: 'InvalidCalendar' }),
    );
  });

  it("counts an owned calendar whose data owner is the account (any case or spacing) as the account's own", () => {
    // Act
    const lower = toProviderCalendar({ ...OWN, dataOwner: 'pat@example.com' }, 'pat@example.com');
    const mixed = toProviderCalendar({ ...OWN, dataOwner: 'Pat@Example.com' }, ' PAT@example.COM ');
    // Assess
    expect(lower.shared).toBe(false);
    expect(mixed.shared).toBe(false);
  });

  it("keeps the primary calendar and a calendar of an unknown account the account's own", () => {
    // Act
    const primary = toProviderCalendar({ ...OWN, primary: true, dataOwner: 'lee@example.com' }, 'pat@example.com');
    const noAccount = toProviderCalendar({ ...OWN, dataOwner: 'lee@example.com' });
    // Assess
    expect(primary).toMatchObject({ isDefault: true, shared: false });
    expect(noAccount.shared).toBe(false);
  });
});

describe('Function: listCalendars', () => {
  it('names calendarList in the error of a page it cannot read', async () => {
    // Prepare
    const { client, deadline } = setup({ [`GET ${CAL}/users/me/calendarList`]: json(200, { items: 'none' }) });
    // Act
    const listing = listCalendars(client, deadline(), 'pat@example.com');
    // Assess
    await expect(listing).rejects.toThrow('Google Calendar calendarList answered a page of an unexpected shape');
  });
});

describe('Function: calendarZone', () => {
  const PRIMARY = `GET ${CAL}/calendars/primary`;

  it('reads a zone written with spaces around it', async () => {
    // Prepare
    const { client, deadline } = setup({ [PRIMARY]: json(200, { id: 'primary', timeZone: ' America/New_York ' }) });
    // Act
    const zone = await calendarZone(client, 'primary', deadline());
    // Assess
    expect(zone).toBe('America/New_York');
  });

  it.each([
    ['a calendar without a zone', json(200, { id: 'primary' })],
    ['an empty answer', json(200)],
  ])('is undefined for %s', async (_what, reply) => {
    // Prepare
    const { client, deadline } = setup({ [PRIMARY]: reply });
    // Act
    const zone = await calendarZone(client, 'primary', deadline());
    // Assess
    expect(zone).toBeUndefined();
  });
});
