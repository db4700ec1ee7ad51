/** events.get / insert / patch / update / delete, with Google's id, access, etag and deleted-event rules. */
import { readJson } from '../../shared/http';
import { EVENT_ID } from '../file-rules';
import { GoogleApiError, gone, invalid, notFound } from '../errors';
import { type ApiCall, calendarOf, responseZone, sendApi } from './call';
import { type CalendarEntry, hasRole } from './calendars';
import { conferenceVersion, resolveConference } from './conference';
import { renderEvent } from './event-json';
import { eventProblem } from './event-rules';
import { newEventId, type StoredEvent, writableBody } from './event-store';
import type { EventResource } from './event-types';
import { type EventView, findView, storedView } from './event-views';
import { instanceBody, mergePatch } from './patch';
import { recordNotices, sendUpdatesOf } from './notices';

function writable(call: ApiCall, calendarId: string): CalendarEntry {
  const calendar = calendarOf(call, calendarId);
  if (!hasRole(calendar.accessRole, 'writer'))
    throw new GoogleApiError(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
  return calendar;
}

async function bodyOf(call: ApiCall): Promise<Record<string, unknown>> {
  const body = await readJson(call.req);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new GoogleApiError(400, 'parseError', 'Parse Error');
  return body as Record<string, unknown>;
}

function check(body: EventResource, calendar: CalendarEntry): void {
  const problem = eventProblem(body as Record<string, unknown>, calendar.timeZone);
  if (problem) throw new GoogleApiError(400, problem.reason, problem.message);
}

function respond(call: ApiCall, calendar: CalendarEntry, view: EventView, meetPending = false): void {
  const zone = responseZone(call, calendar.timeZone);
  sendApi(call, 200, renderEvent(call.ctx, calendar, view, { zone, meetPending }));
}

/** The view an id names, refusing unknown (404) and, for writes, deleted ones (410) and stale If-Match (412). */
function target(call: ApiCall, calendar: CalendarEntry, eventId: string, write: boolean): EventView {
  const view = findView(call.ctx, calendar, eventId);
  if (!view) throw notFound();
  if (!write) return view;
  if (view.cancelled) throw gone();
  const ifMatch = call.req.headers['if-match'];
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== view.event.etag)
    throw new GoogleApiError(412, 'conditionNotMet', 'Precondition Failed', {
      locationType: 'header',
      location: 'If-Match',
    });
  return view;
}

/** GET /calendars/{calendarId}/events/{eventId} (instance ids too); a deleted event reads as status cancelled. */
export function getEvent(call: ApiCall, calendarId: string, eventId: string): void {
  const calendar = calendarOf(call, calendarId);
  respond(call, calendar, target(call, calendar, eventId, false));
}

/** POST /calendars/{calendarId}/events. */
export async function insertEvent(call: ApiCall, calendarId: string): Promise<void> {
  const calendar = writable(call, calendarId);
  const input = await bodyOf(call);
  const mode = sendUpdatesOf(call);
  const version = conferenceVersion(call.query.get('conferenceDataVersion'));
  if (input.id !== undefined && (typeof input.id !== 'string' || !EVENT_ID.test(input.id)))
    throw invalid('Invalid resource id value.');
  const id = (input.id as string | undefined) ?? newEventId();
  // Ids stay taken after a delete: Google answers 409 for a deleted event's id too.
  if (call.ctx.events.get(calendar.key, id))
    throw new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.');
  const { body, cancelled } = writableBody(input);
  for (const field of ['organizer', 'recurringEventId', 'originalStartTime', 'conferenceData']) delete body[field];
  check(body, calendar);
  const meet = resolveConference(calendar, version, id, input.conferenceData);
  if (meet.data) body.conferenceData = meet.data;
  const event = call.ctx.events.add(calendar.key, body, { id, deleted: cancelled });
  recordNotices(call.ctx, calendar, id, mode, undefined, body);
  respond(call, calendar, storedView(event, calendar), meet.created && call.ctx.meetStatus === 'pending');
}

/** PATCH (merge) and PUT (replace) of an event or of one instance of a series. */
export async function changeEvent(call: ApiCall, calendarId: string, eventId: string, replace: boolean): Promise<void> {
  const calendar = writable(call, calendarId);
  const view = target(call, calendar, eventId, true);
  const input = await bodyOf(call);
  const mode = sendUpdatesOf(call);
  const version = conferenceVersion(call.query.get('conferenceDataVersion'));
  const current = view.generated ? instanceBody(view) : view.event.body;
  const { body: patch, cancelled } = writableBody(input);
  for (const field of ['organizer', 'recurringEventId', 'originalStartTime', 'conferenceData']) delete patch[field];
  const keep = {
    organizer: current.organizer,
    recurringEventId: current.recurringEventId,
    originalStartTime: current.originalStartTime,
  };
  const merged = (replace ? { ...patch } : mergePatch(current, patch)) as EventResource;
  for (const [k, v] of Object.entries(keep)) if (v !== undefined) merged[k] = v;
  if (merged.recurringEventId) delete merged.recurrence;
  if (replace) delete merged.conferenceData;
  check(merged, calendar);
  const meet = resolveConference(calendar, version, view.id, input.conferenceData, current.conferenceData);
  if (meet.data) merged.conferenceData = meet.data;
  else delete merged.conferenceData;
  let event: StoredEvent;
  if (view.generated)
    event = call.ctx.events.add(calendar.key, merged, { id: view.id, sequence: view.event.sequence + 1 });
  else event = call.ctx.events.replace(view.event, merged);
  if (cancelled) call.ctx.events.remove(event);
  recordNotices(call.ctx, calendar, view.id, mode, current, cancelled ? undefined : merged);
  const master = view.instanceOf && call.ctx.events.get(calendar.key, view.instanceOf.masterId);
  respond(
    call,
    calendar,
    storedView(event, calendar, master || undefined),
    meet.created && call.ctx.meetStatus === 'pending',
  );
}

/** DELETE /calendars/{calendarId}/events/{eventId}: 204, then 410 for the same id. */
export function deleteEvent(call: ApiCall, calendarId: string, eventId: string): void {
  const calendar = writable(call, calendarId);
  const view = target(call, calendar, eventId, true);
  const mode = sendUpdatesOf(call);
  const before = view.generated ? instanceBody(view) : view.event.body;
  if (view.generated) call.ctx.events.add(calendar.key, before, { id: view.id, deleted: true });
  else call.ctx.events.remove(view.event);
  recordNotices(call.ctx, calendar, view.id, mode, before, undefined);
  sendApi(call, 204);
}
