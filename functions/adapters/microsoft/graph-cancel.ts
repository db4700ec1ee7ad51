/**
 * Cancelling one event: Outlook's cancellation (POST .../cancel, carrying a comment) when there are attendees to tell
 * and the mailbox organizes it, a DELETE otherwise. Gone already is done, so a repeat is harmless.
 */
import { NotFoundError, ProviderError } from '../../domain/errors';
import type { Deadline } from '../../domain/ports';
import type { GraphClient } from './graph-client';
import type { GraphEvent } from './graph-mapping';
import { eventPath } from './graph-paths';

// Sent to the attendees with Outlook's cancellation; nothing about the caller (it goes to the caller).
export const CANCEL_COMMENT = 'This appointment has been cancelled.';

// What decides between /cancel and DELETE; isCancelled spots one already cancelled (an immutable id can still read it).
const CANCEL_FIELDS = 'attendees,isOrganizer,isCancelled';

/**
 * Cancels in at most two round trips (a GET of the fields above, then /cancel or DELETE). Graph answers 400 to a
 * /cancel it will not do (not the organizer; the code is undocumented): that event is deleted instead, a third call
 * only when Graph's isOrganizer said otherwise.
 */
export async function cancelOrDelete(
  graph: GraphClient,
  eventId: string,
  deadline: Deadline,
  comment?: string,
): Promise<void> {
  const path = eventPath(eventId);
  const event = await ifFound(
    graph.send<GraphEvent>({ method: 'GET', path, query: { $select: CANCEL_FIELDS } }, deadline),
  );
  if (event === null || event?.isCancelled === true) return;
  // Without attendees there is nobody to tell; an invited-only copy cannot be cancelled, only removed.
  if (!event?.attendees?.length || event.isOrganizer === false) return deleteEvent(graph, eventId, deadline);
  try {
    // A repeated cancel finds the event gone (404, done), so the POST may be retried.
    const body = { comment: comment?.trim() || CANCEL_COMMENT };
    await graph.send({ method: 'POST', path: `${path}/cancel`, body, idempotent: true, answers: [400] }, deadline);
  } catch (error) {
    if (error instanceof NotFoundError) return;
    if (!(error instanceof ProviderError && error.status === 400)) throw error;
    await deleteEvent(graph, eventId, deadline);
  }
}

async function deleteEvent(graph: GraphClient, eventId: string, deadline: Deadline): Promise<void> {
  await ifFound(graph.send({ method: 'DELETE', path: eventPath(eventId) }, deadline));
}

// The answer, or null when the event is gone (404 ErrorItemNotFound).
async function ifFound<T>(sending: Promise<T | undefined>): Promise<T | undefined | null> {
  try {
    return await sending;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
