/** The booking event, its derived ids and Google's answers, shared by the createEvent test files. */
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { eventIdFor } from '../../../functions/adapters/google/event-body';
import { CAL, fixture, json } from './helpers';

export const KEY = '0b7c1e2a-9f3d-5c41-a2b8-6d5e4f3a2b1c';
export const INSERT = `POST ${CAL}/calendars/primary/events`;
export const ID0 = eventIdFor(KEY, 0);
export const ID1 = eventIdFor(KEY, 1);
export const get = (id: string) => `GET ${CAL}/calendars/primary/events/${id}`;

export const EVENT: NewCalendarEvent = {
  subject: 'Showing: 12 Elm St (Jane Doe)',
  bodyText: 'Caller: Jane Doe\nPhone: +1 555 0100\nConfirmation code: K7Q-4PZ',
  location: '12 Elm St, Springfield',
  start: Date.parse('2026-03-16T14:00:00Z'),
  end: Date.parse('2026-03-16T14:30:00Z'),
  timeZone: 'America/New_York',
  attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  bookingKey: KEY,
};

/** The created-event fixture as Google answers it for `id` (Meet or not), optionally cancelled. */
export function created(id: string, options: { meet?: boolean; status?: string; bookingKey?: string } = {}) {
  const event = fixture<Record<string, any>>(options.meet ? 'event-created-meet' : 'event-created');
  event.id = id;
  event.extendedProperties.private.bookingKey = options.bookingKey ?? KEY;
  if (options.status) event.status = options.status;
  return json(200, event);
}
