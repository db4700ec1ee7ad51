/**
 * conferenceData on insert and patch. conferenceDataVersion=0 (the default) ignores it, as Google does; with 1, a
 * createRequest for hangoutsMeet on a calendar that allows it makes a Meet whose code is derived from the event id and
 * requestId (stable across a dump and reload); any other solution type is refused.
 */
import { createHash } from 'node:crypto';
import { GoogleApiError, invalid } from '../errors';
import type { CalendarEntry } from './calendars';
import type { ConferenceData } from './event-types';

/** conferenceDataVersion: 0 or 1. */
export function conferenceVersion(raw: string | null): 0 | 1 {
  if (raw === null || raw === '0') return 0;
  if (raw === '1') return 1;
  throw invalid(`Invalid value '${raw}'. Values must be within the range: [0, 1]`);
}

/** A Meet code shaped like Google's (abc-defg-hij), derived from `seed`. */
export function meetCode(seed: string): string {
  const letters = [...createHash('sha256').update(seed).digest()]
    .slice(0, 10)
    .map((b) => String.fromCharCode(97 + (b % 26)));
  return `${letters.slice(0, 3).join('')}-${letters.slice(3, 7).join('')}-${letters.slice(7).join('')}`;
}

function meet(eventId: string, requestId: string): ConferenceData {
  const code = meetCode(`${eventId}:${requestId}`);
  return {
    createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
    entryPoints: [
      { entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` },
    ],
    conferenceSolution: {
      key: { type: 'hangoutsMeet' },
      name: 'Google Meet',
      iconUri:
        'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
    },
    conferenceId: code,
  };
}

/**
 * The conference data an event ends up with. `given`: the body's conferenceData (undefined: not in the body, null:
 * removed); `existing`: what the event had. `created` says a Meet was made by this request.
 */
export function resolveConference(
  calendar: CalendarEntry,
  version: 0 | 1,
  eventId: string,
  given: unknown,
  existing?: ConferenceData,
): { data?: ConferenceData; created: boolean } {
  if (version === 0 || given === undefined) return { data: existing, created: false };
  if (given === null) return { created: false };
  if (typeof given !== 'object') throw invalid('Invalid conference data.');
  const data = given as ConferenceData;
  const request = data.createRequest;
  if (!request) return { data, created: false };
  // The same requestId again is the same request: the conference already made stands.
  if (existing?.createRequest?.requestId === request.requestId && existing) return { data: existing, created: false };
  const type = request.conferenceSolutionKey?.type;
  if (type !== 'hangoutsMeet' || !calendar.conferenceTypes.includes(type))
    throw new GoogleApiError(400, 'invalid', 'Invalid conference type value.');
  if (!request.requestId) throw invalid('Invalid conference create request.');
  return { data: meet(eventId, request.requestId), created: true };
}
