/** POST /me/calendar/getSchedule: free/busy items and availabilityView of the mailbox; other addresses get an error. */
import { readJson } from '../../shared/http';
import { eventJson } from './event-json';
import { instancesIn } from './instances';
import { GraphError, odataContext, sendGraph, type GraphCall } from './respond';
import { instantOf } from './time';
import { workingHoursJson } from './profile';

const MAX_SCHEDULES = 20;
const MAX_RANGE_MS = 62 * 86_400_000;
const DIGIT: Record<string, string> = {
  free: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
  workingElsewhere: '4',
  unknown: '2',
};
// When items overlap a slot, the strongest status wins.
const RANK: Record<string, number> = { '0': 0, '4': 1, '1': 2, '2': 3, '3': 4 };

/** A property by name, case-insensitively (the concept docs send "Schedules"). */
function prop(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

function bound(value: unknown, name: string): number {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
  if (typeof v?.dateTime !== 'string' || typeof v.timeZone !== 'string')
    throw new GraphError(400, 'ErrorInvalidParameter', `${name} must be a dateTimeTimeZone.`);
  try {
    return instantOf({ dateTime: v.dateTime, timeZone: v.timeZone });
  } catch {
    // Unknown zone: reported below like an unparsable date.
  }
  throw new GraphError(400, 'ErrorInvalidParameter', `${name} is not a valid date-time in a supported time zone.`);
}

/** POST /me/calendar/getSchedule. */
export async function getSchedule(call: GraphCall): Promise<void> {
  const body = (await readJson(call.req)) as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object')
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  const schedules = prop(body, 'schedules');
  if (!Array.isArray(schedules) || !schedules.length || !schedules.every((s) => typeof s === 'string')) {
    throw new GraphError(400, 'ErrorInvalidParameter', 'schedules must be a non-empty array of SMTP addresses.');
  }
  if (schedules.length > MAX_SCHEDULES)
    throw new GraphError(400, 'ErrorInvalidParameter', `At most ${MAX_SCHEDULES} schedules can be requested at once.`);
  const from = bound(prop(body, 'startTime'), 'startTime');
  const to = bound(prop(body, 'endTime'), 'endTime');
  if (to <= from || to - from >= MAX_RANGE_MS)
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'The requested time window must be positive and less than 62 days.',
    );
  const rawInterval = prop(body, 'availabilityViewInterval');
  // Observed in production: an explicit null interval makes Graph fail with a 500.
  if (rawInterval === null)
    throw new GraphError(500, 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.');
  const interval = rawInterval === undefined ? 30 : Number(rawInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440)
    throw new GraphError(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be between 5 and 1440.');

  const { user } = call.ctx;
  const own = new Set([user.mail.toLowerCase(), user.userPrincipalName.toLowerCase()]);
  const zone = call.zoneLabel ?? 'UTC';
  // Every calendar the mailbox owns makes its free/busy (a sandbox choice: Exchange publishes the default one only).
  const ownCalendars = call.ctx.calendars.ownIds();
  const instances = instancesIn(call.ctx.events, from, to, ownCalendars).filter((i) => !i.event.input.isCancelled);
  const slots = Math.ceil((to - from) / (interval * 60_000));
  const value = (schedules as string[]).map((scheduleId) => {
    if (!own.has(scheduleId.toLowerCase())) {
      return {
        scheduleId,
        availabilityView: '',
        scheduleItems: [],
        workingHours: null,
        error: {
          message: `The mailbox ${scheduleId} could not be found in this sandbox.`,
          responseCode: 'ErrorMailRecipientNotFound',
        },
      };
    }
    const view = Array.from({ length: slots }, () => '0');
    const scheduleItems = instances.map((i) => {
      const json = eventJson(i, user, zone);
      const status = i.event.input.showAs ?? 'busy';
      const digit = DIGIT[status] ?? '2';
      for (let s = 0; s < slots; s += 1) {
        const slotStart = from + s * interval * 60_000;
        const hit = i.startMs < slotStart + interval * 60_000 && i.endMs > slotStart;
        if (hit && (RANK[digit] ?? 0) > (RANK[view[s] ?? '0'] ?? 0)) view[s] = digit;
      }
      const item: Record<string, unknown> = {
        isPrivate: i.event.input.sensitivity === 'private',
        status,
        subject: json.subject,
        location: (json.location as { displayName: string }).displayName,
      };
      return { ...item, start: json.start, end: json.end };
    });
    return {
      scheduleId,
      availabilityView: view.join(''),
      scheduleItems,
      workingHours: workingHoursJson(call.ctx) ?? null,
    };
  });
  sendGraph(
    call,
    200,
    { '@odata.context': odataContext('Collection(microsoft.graph.scheduleInformation)'), value },
    true,
  );
}
