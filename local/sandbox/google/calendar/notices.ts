/**
 * The emails Google would send attendees for a write with sendUpdates: "all" to every guest, "externalOnly" to guests
 * outside Google Calendar (here: not on the account's domain, gmail.com or googlemail.com), "none" (the default) to
 * nobody. Only the organizer's copy sends; the calendar's own address never gets mail.
 */
import type { GoogleContext } from '../context';
import { invalid } from '../errors';
import type { ApiCall } from './call';
import type { CalendarEntry } from './calendars';
import type { EventResource } from './event-types';

export type SendUpdates = 'all' | 'externalOnly' | 'none';

/** The request's sendUpdates (the deprecated sendNotifications=true reads as "all"). */
export function sendUpdatesOf(call: ApiCall): SendUpdates {
  const raw = call.query.get('sendUpdates');
  if (raw === null) return call.query.get('sendNotifications') === 'true' ? 'all' : 'none';
  if (raw !== 'all' && raw !== 'externalOnly' && raw !== 'none') throw invalid(`Invalid value for: sendUpdates`);
  return raw;
}

function recipients(ctx: GoogleContext, calendar: CalendarEntry, body: EventResource | undefined, mode: SendUpdates) {
  const owner = ctx.calendars.ownerEmail(calendar);
  const organizer = body?.organizer?.email.toLowerCase() ?? owner;
  if (mode === 'none' || !body || organizer !== owner) return [];
  const internal = new Set([ctx.user.email.split('@')[1]!.toLowerCase(), 'gmail.com', 'googlemail.com']);
  return (body.attendees ?? [])
    .map((a) => a.email.toLowerCase())
    .filter((email) => email !== owner && email !== organizer)
    .filter((email) => mode === 'all' || !internal.has(email.split('@')[1] ?? ''));
}

/**
 * Records the mail of a write: an insert invites, a delete cancels, a change updates the guests who stay, invites the
 * added ones and cancels for the removed ones.
 */
export function recordNotices(
  ctx: GoogleContext,
  calendar: CalendarEntry,
  eventId: string,
  mode: SendUpdates,
  before: EventResource | undefined,
  after: EventResource | undefined,
): void {
  const was = recipients(ctx, calendar, before, mode);
  const now = recipients(ctx, calendar, after, mode);
  const push = (kind: 'invitation' | 'update' | 'cancellation', to: string[]) => {
    if (to.length) ctx.notices.push({ kind, eventId, calendarId: ctx.calendars.publicId(calendar), to, at: ctx.now() });
  };
  push(before ? 'update' : 'invitation', before ? now.filter((a) => was.includes(a)) : now);
  if (before && after)
    push(
      'invitation',
      now.filter((a) => !was.includes(a)),
    );
  push('cancellation', after ? was.filter((a) => !now.includes(a)) : was);
}
