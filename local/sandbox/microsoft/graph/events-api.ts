/**
 * POST /me/events (default calendar) and /me/calendars/{id}/events; GET/PATCH/DELETE /me/events/{id} and POST
 * .../cancel for an event of any calendar (under /me/calendars/{id}/events/{id}: only that calendar's).
 */
import type * as z from 'zod/mini';
import { eventTimesProblem, graphEventInputSchema, graphEventPatchSchema } from '../calendar-schema';
import { describeIssues } from '../../shared/file-issues';
import { readJson } from '../../shared/http';
import { applySelect, eventJson } from './event-json';
import type { StoredEvent } from './event-store';
import { findInstance, ownInstance, type Instance } from './instances';
import type { MailboxCalendar } from './mailbox-calendars';
import { noticeCancellation, noticeUpdate } from './notices';
import { onlineOnCreate, onlineOnPatch } from './online-meeting';
import { GraphError, odataContext, sendGraph, type GraphCall } from './respond';
import { queryOption } from './calendar-view';

/** Graph's answer to a body that does not validate: unknown zones and properties get their own codes. */
function invalidBody(error: z.core.$ZodError): GraphError {
  const first = error.issues[0];
  const message = describeIssues(error).join('; ');
  if (first?.path.at(-1) === 'timeZone')
    return new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. ${message}`);
  if (first?.code === 'custom') return new GraphError(400, 'ErrorInvalidRequest', message);
  return new GraphError(400, 'RequestBodyRead', message);
}

async function jsonBody(call: GraphCall, required: boolean): Promise<unknown> {
  const body = await readJson(call.req);
  if (body === undefined && required) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return body;
}

function notFound(): GraphError {
  return new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

// What Graph answers a write to a calendar the mailbox may only read.
function readOnly(): GraphError {
  return new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

/** The event with this id (in `calendar`, when the path names one), in a calendar the mailbox may write to. */
function stored(call: GraphCall, id: string, calendar: MailboxCalendar | undefined): StoredEvent {
  const event = call.ctx.events.get(id);
  if (!event || (calendar && event.calendarId !== calendar.id)) throw notFound();
  if (!call.ctx.calendars.byId(event.calendarId)?.canEdit) throw readOnly();
  return event;
}

function render(call: GraphCall, instance: Instance): Record<string, unknown> {
  // Without Prefer, event reads come back in the zone the event was written in.
  const json = eventJson(instance, call.ctx.user, call.zoneLabel);
  const select = queryOption(call.query, '$select')?.split(',').filter(Boolean);
  return {
    '@odata.context': odataContext(`users('${call.ctx.user.oid}')/events/$entity`),
    ...applySelect(json, select),
  };
}

/**
 * POST .../events, with transactionId dedup (identical replay: 201 and the same event; different body: error). An
 * online meeting the calendar does not offer is dropped before dedup, as Graph ignores it, so a replay still matches.
 */
export async function createEvent(call: GraphCall, calendar: MailboxCalendar): Promise<void> {
  if (!calendar.canEdit) throw readOnly();
  const parsed = graphEventInputSchema.safeParse(await jsonBody(call, true));
  if (!parsed.success) throw invalidBody(parsed.error);
  const outcome = call.ctx.events.create(calendar.id, onlineOnCreate(parsed.data, calendar));
  if (outcome.kind === 'conflict') {
    throw new GraphError(
      call.ctx.duplicateTransactionStatus,
      'ErrorDuplicateTransactionId',
      'The TransactionId specified in the request has already been used to create a different event.',
    );
  }
  const location = `${call.graphBase}/me/events('${encodeURIComponent(outcome.event.id)}')`;
  sendGraph(call, 201, render(call, ownInstance(outcome.event)), true, { Location: location });
}

/** GET /me/events/{id} (occurrence ids resolve too). */
export function getEvent(call: GraphCall, id: string, calendar?: MailboxCalendar): void {
  const instance = findInstance(call.ctx.events, id);
  if (!instance || (calendar && instance.event.calendarId !== calendar.id)) throw notFound();
  sendGraph(call, 200, render(call, instance), true);
}

/** PATCH /me/events/{id}: partial update in place (same id, new changeKey), optional If-Match on the etag. */
export async function updateEvent(call: GraphCall, id: string, calendar?: MailboxCalendar): Promise<void> {
  const event = stored(call, id, calendar);
  const ifMatch = call.req.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${event.changeKey}"`) {
    throw new GraphError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request ' +
        'does not match the current change key for the item.',
    );
  }
  const parsed = graphEventPatchSchema.safeParse(await jsonBody(call, true));
  if (!parsed.success) throw invalidBody(parsed.error);
  const patch = onlineOnPatch(event.input, parsed.data, call.ctx.calendars.byId(event.calendarId)!);
  if (patch.transactionId !== undefined && patch.transactionId !== event.input.transactionId) {
    throw new GraphError(400, 'ErrorInvalidRequest', 'The transactionId of an event cannot be changed.');
  }
  const problem = eventTimesProblem({
    ...event.input,
    ...patch,
    start: patch.start ?? event.input.start,
    end: patch.end ?? event.input.end,
  });
  if (problem) throw new GraphError(400, 'ErrorInvalidRequest', problem);
  const before = event.input;
  const updated = call.ctx.events.update(id, patch);
  if (!updated) throw notFound();
  noticeUpdate(call.ctx, before, updated, parsed.data);
  sendGraph(call, 200, render(call, ownInstance(updated)), true);
}

/** DELETE /me/events/{id}: 204; an organizer's delete still tells the attendees (Graph cannot suppress that). */
export function deleteEvent(call: GraphCall, id: string, calendar?: MailboxCalendar): void {
  const event = stored(call, id, calendar);
  call.ctx.events.delete(id);
  noticeCancellation(call.ctx, event);
  sendGraph(call, 204, undefined);
}

/**
 * POST /me/events/{id}/cancel: organizer only; 202 with no body. The event leaves the calendar (Graph moves it to
 * Deleted Items), so a later GET, PATCH or cancel answers 404; the attendees get the comment.
 */
export async function cancelEvent(call: GraphCall, id: string, calendar?: MailboxCalendar): Promise<void> {
  const body = await jsonBody(call, false);
  const event = stored(call, id, calendar);
  if (event.input.isOrganizer === false) {
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
  }
  call.ctx.events.delete(id);
  noticeCancellation(call.ctx, event, commentOf(body));
  sendGraph(call, 202, undefined);
}

// The doc's example spells it "Comment"; Graph property names are case-insensitive.
function commentOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const entry = Object.entries(body).find(([key]) => key.toLowerCase() === 'comment');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}
