/** The meeting messages Exchange would send the attendees when the organizer moves, cancels or deletes an event. */
import type { GraphEventInput, GraphEventPatch } from '../calendar-schema';
import type { EmulatorContext } from '../context';
import type { StoredEvent } from './event-store';

/** One message to attendees, as tests read it back (emulator.notices). */
export interface AttendeeNotice {
  kind: 'update' | 'cancellation';
  eventId: string;
  subject: string;
  /** The attendees' addresses it went to. */
  to: string[];
  /** POST .../cancel only: the comment the cancellation carried, when one was given. */
  comment?: string;
  /** Emulator clock, epoch ms. */
  at: number;
}

const addresses = (input: Pick<GraphEventInput, 'attendees'>) =>
  (input.attendees ?? []).map((a) => a.emailAddress.address.toLowerCase());

/** Records a cancellation (POST .../cancel or an organizer's DELETE); nothing is sent to an event without attendees. */
export function noticeCancellation(ctx: EmulatorContext, event: StoredEvent, comment?: string): void {
  const to = addresses(event.input);
  if (event.input.isOrganizer === false || !to.length) return;
  const notice: AttendeeNotice = {
    kind: 'cancellation',
    eventId: event.id,
    subject: event.input.subject ?? '',
    to,
    at: ctx.now(),
  };
  if (comment !== undefined) notice.comment = comment;
  ctx.notices.push(notice);
}

/**
 * Records the update an organizer's PATCH sends: to every attendee of the updated event, or, when the body holds only
 * `attendees`, to the attendees that changed (added or removed), as the event-update doc says. Not modelled: the
 * cancellation a removed attendee gets from a wider PATCH.
 */
export function noticeUpdate(
  ctx: EmulatorContext,
  before: GraphEventInput,
  after: StoredEvent,
  patch: GraphEventPatch,
): void {
  if (after.input.isOrganizer === false) return;
  const now = addresses(after.input);
  const was = addresses(before);
  const onlyAttendees = Object.keys(patch).every((key) => key === 'attendees');
  const to = onlyAttendees ? [...now.filter((a) => !was.includes(a)), ...was.filter((a) => !now.includes(a))] : now;
  if (!to.length) return;
  ctx.notices.push({ kind: 'update', eventId: after.id, subject: after.input.subject ?? '', to, at: ctx.now() });
}
