/** Events as Calendar v3 serves them: Google's fields, times with offsets in the response zone, `self` flags. */
import type { GoogleContext } from '../context';
import type { CalendarEntry } from './calendars';
import type { ConferenceData, EventDateTime, EventResource } from './event-types';
import type { EventView } from './event-views';
import { isoMs, rfc3339, timingOf } from './times';

export interface RenderOptions {
  /** Zone of the dateTimes (the request's timeZone, else the calendar's). */
  zone: string;
  /** The insert's answer while Meet is still being created (meetStatus "pending"). */
  meetPending?: boolean;
}

/** An event time in the response zone: `{date}` as is, `{dateTime}` re-read at its instant, timeZone kept. */
export function renderTime(t: EventDateTime, calendarZone: string, zone: string): EventDateTime {
  if (t.date !== undefined) return { date: t.date };
  const ms = timingOf(t, t, calendarZone).startMs;
  return { dateTime: rfc3339(ms, zone), ...(t.timeZone ? { timeZone: t.timeZone } : {}) };
}

/** The video link of a Meet conference, if it has one. */
export function meetLink(data: ConferenceData | undefined): string | undefined {
  if (data?.conferenceSolution && (data.conferenceSolution.key as { type?: string })?.type !== 'hangoutsMeet') return;
  return data?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
}

function conference(data: ConferenceData | undefined, pending: boolean): Record<string, unknown> {
  if (!data) return {};
  if (pending && data.createRequest) {
    const { entryPoints: _e, conferenceId: _c, ...rest } = data;
    return { conferenceData: { ...rest, createRequest: { ...data.createRequest, status: { statusCode: 'pending' } } } };
  }
  const link = meetLink(data);
  return { ...(link ? { hangoutLink: link } : {}), conferenceData: data };
}

/** `self` on the calendar's own address, `organizer` on the organizer's, responseStatus needsAction by default. */
function attendees(body: EventResource, owner: string, organizer: string): Record<string, unknown> {
  if (!body.attendees) return {};
  return {
    attendees: body.attendees.map(({ self: _s, organizer: _o, ...a }) => {
      const email = a.email.toLowerCase();
      return {
        ...a,
        ...(email === organizer ? { organizer: true } : {}),
        ...(email === owner ? { self: true } : {}),
        responseStatus: a.responseStatus ?? 'needsAction',
      };
    }),
  };
}

/** The JSON of one event or instance. */
export function renderEvent(
  ctx: GoogleContext,
  calendar: CalendarEntry,
  view: EventView,
  opts: RenderOptions,
): Record<string, unknown> {
  const { event } = view;
  const publicId = ctx.calendars.publicId(calendar);
  const owner = ctx.calendars.ownerEmail(calendar);
  const time = (t: EventDateTime) => renderTime(t, calendar.timeZone, opts.zone);
  const eid = Buffer.from(`${view.id} ${publicId}`).toString('base64url');
  const head = {
    kind: 'calendar#event',
    etag: event.etag,
    id: view.id,
    status: view.cancelled ? 'cancelled' : (event.body.status ?? 'confirmed'),
    htmlLink: `https://www.google.com/calendar/event?eid=${eid}`,
    created: isoMs(event.createdMs),
    updated: isoMs(event.updatedMs),
  };
  const instance = view.instanceOf
    ? { recurringEventId: view.instanceOf.masterId, originalStartTime: time(view.instanceOf.originalStart) }
    : {};
  if (calendar.accessRole === 'freeBusyReader') {
    // A free/busy reader sees that the time is taken, nothing about the event.
    const { transparency } = event.body;
    return {
      ...head,
      start: time(view.start),
      end: time(view.end),
      ...instance,
      ...(transparency ? { transparency } : {}),
    };
  }
  const {
    start: _start,
    end: _end,
    status: _status,
    recurrence,
    organizer: given,
    attendees: _attendees,
    recurringEventId: _r,
    originalStartTime: _o,
    conferenceData,
    extendedProperties,
    reminders,
    eventType,
    transparency,
    visibility,
    ...fields
  } = event.body;
  const organizer = given
    ? { ...given, ...(given.email.toLowerCase() === owner ? { self: true } : {}) }
    : { email: publicId, ...(calendar.primary ? {} : { displayName: calendar.summary }), self: true };
  const creatorSelf = ctx.user.email.toLowerCase() === owner;
  return {
    ...head,
    ...fields,
    creator: { email: ctx.user.email, ...(creatorSelf ? { self: true } : {}) },
    organizer,
    start: time(view.start),
    end: time(view.end),
    ...(recurrence && !view.instanceOf ? { recurrence } : {}),
    ...instance,
    ...(transparency ? { transparency } : {}),
    ...(visibility ? { visibility } : {}),
    iCalUID: event.iCalUID,
    sequence: event.sequence,
    ...attendees(event.body, owner, organizer.email.toLowerCase()),
    ...(extendedProperties ? { extendedProperties } : {}),
    ...conference(conferenceData, !!opts.meetPending),
    reminders: reminders ?? { useDefault: true },
    eventType: eventType ?? 'default',
  };
}
