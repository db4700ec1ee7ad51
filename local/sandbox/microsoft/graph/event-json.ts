/** Renders events the way Graph returns them: every default property, times in the requested zone, optional $select. */
import type { MailboxUser } from '../context';
import type { PatternedRecurrence } from '../calendar-schema';
import type { Instance } from './instances';
import { onlineMeetingJson } from './online-meeting';
import { floatingIn, instantIn, type WireDateTime } from './time';

const NEVER = '0001-01-01T00:00:00Z';
const OWA_ITEM = 'https://outlook.office365.com/owa/?itemid=';

/** Graph's seven-digit UTC timestamp. */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z');
}

/**
 * A start or end in the zone `label` (undefined: the event's own zone). All-day events are floating dates: Graph
 * writes them as local midnights under whatever zone label was asked for, so they are relabelled, never converted.
 */
function wireTime(ms: number, wall: number, isAllDay: boolean, label: string | undefined, own: string): WireDateTime {
  const zone = label ?? own;
  return isAllDay ? floatingIn(wall, zone) : instantIn(ms, zone);
}

/** Graph echoes every pattern/range field, with zero values for the unused ones. */
function recurrenceJson(rec: PatternedRecurrence, ownZone: string): Record<string, unknown> {
  const p = rec.pattern;
  const r = rec.range;
  return {
    pattern: {
      type: p.type,
      interval: p.interval,
      month: p.month ?? 0,
      dayOfMonth: p.dayOfMonth ?? 0,
      daysOfWeek: p.daysOfWeek ?? [],
      firstDayOfWeek: p.firstDayOfWeek ?? 'sunday',
      index: p.index ?? 'first',
    },
    range: {
      type: r.type,
      startDate: r.startDate,
      endDate: r.endDate ?? '0001-01-01',
      recurrenceTimeZone: r.recurrenceTimeZone ?? ownZone,
      numberOfOccurrences: r.numberOfOccurrences ?? 0,
    },
  };
}

function preview(body: { content: string } | undefined): string {
  return (body?.content ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

/** The full Graph event for an instance; `zoneLabel` is the Prefer outlook.timezone value, if any. */
export function eventJson(
  instance: Instance,
  user: MailboxUser,
  zoneLabel: string | undefined,
): Record<string, unknown> {
  const { event } = instance;
  const ev = event.input;
  const isAllDay = ev.isAllDay ?? false;
  const isOrganizer = ev.isOrganizer ?? true;
  const location = {
    displayName: '',
    locationType: 'default',
    uniqueIdType: 'unknown',
    address: {},
    coordinates: {},
    ...ev.location,
  };
  const isOnline = ev.isOnlineMeeting ?? false;
  const provider = ev.onlineMeetingProvider ?? (isOnline ? 'teamsForBusiness' : 'unknown');
  return {
    '@odata.etag': `W/"${event.changeKey}"`,
    id: instance.id,
    createdDateTime: graphTimestamp(event.createdMs),
    lastModifiedDateTime: graphTimestamp(event.modifiedMs),
    changeKey: event.changeKey,
    categories: ev.categories ?? [],
    transactionId: ev.transactionId ?? null,
    originalStartTimeZone: ev.start.timeZone,
    originalEndTimeZone: ev.end.timeZone,
    iCalUId: event.iCalUId,
    reminderMinutesBeforeStart: ev.reminderMinutesBeforeStart ?? 15,
    isReminderOn: ev.isReminderOn ?? true,
    hasAttachments: false,
    subject: ev.subject ?? '',
    bodyPreview: preview(ev.body),
    importance: ev.importance ?? 'normal',
    sensitivity: ev.sensitivity ?? 'normal',
    isAllDay,
    isCancelled: ev.isCancelled ?? false,
    isOrganizer,
    responseRequested: ev.responseRequested ?? true,
    seriesMasterId: instance.seriesMasterId,
    showAs: ev.showAs ?? 'busy',
    type: instance.type,
    webLink: `${OWA_ITEM}${encodeURIComponent(instance.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: isOnline,
    onlineMeetingProvider: provider,
    allowNewTimeProposals: ev.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: ev.hideAttendees ?? false,
    responseStatus: { response: isOrganizer ? 'organizer' : 'accepted', time: NEVER },
    body: { contentType: (ev.body?.contentType ?? 'html').toLowerCase(), content: ev.body?.content ?? '' },
    start: wireTime(instance.startMs, instance.startWall, isAllDay, zoneLabel, ev.start.timeZone),
    end: wireTime(instance.endMs, instance.endWall, isAllDay, zoneLabel, ev.end.timeZone),
    location,
    locations: ev.locations ?? (location.displayName ? [location] : []),
    recurrence:
      instance.type === 'seriesMaster' && ev.recurrence ? recurrenceJson(ev.recurrence, ev.start.timeZone) : null,
    attendees: (ev.attendees ?? []).map((a) => ({ type: 'required', status: { response: 'none', time: NEVER }, ...a })),
    organizer: {
      emailAddress: isOrganizer
        ? { name: user.displayName, address: user.mail }
        : { name: 'External Organizer', address: 'organizer@external.example' },
    },
    // Keyed by the stored event, so a series' occurrences share one meeting.
    onlineMeeting: isOnline ? onlineMeetingJson(event.id, provider) : null,
  };
}

/** Keeps OData annotations, `id` and the $select'ed properties (matched case-insensitively, like Graph). */
export function applySelect(json: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select?.length) return json;
  const wanted = new Set(select.map((s) => s.trim().toLowerCase()));
  return Object.fromEntries(
    Object.entries(json).filter(([k]) => k.startsWith('@odata.') || k === 'id' || wanted.has(k.toLowerCase())),
  );
}
