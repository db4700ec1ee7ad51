/** One Calendar API request as handlers see it, and the small readers they share. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isKnownZone } from '../../../../functions/domain/time';
import { sendEmpty, sendJson } from '../../shared/http';
import type { GoogleContext } from '../context';
import { GoogleApiError, invalid, notFound } from '../errors';
import type { CalendarEntry } from './calendars';

export interface ApiCall {
  ctx: GoogleContext;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
}

/** Sends a JSON answer (204 and undefined: an empty one). */
export function sendApi(call: ApiCall, status: number, body?: unknown): void {
  if (body === undefined) sendEmpty(call.res, status);
  else sendJson(call.res, status, body);
}

/** The calendar a path names; 404 notFound when the account has none by that id. */
export function calendarOf(call: ApiCall, calendarId: string): CalendarEntry {
  const calendar = call.ctx.calendars.find(calendarId);
  if (!calendar) throw notFound();
  return calendar;
}

/** A boolean query parameter ("true" / "false"); anything else is a 400 as in Google. */
export function flag(call: ApiCall, name: string): boolean {
  const value = call.query.get(name);
  if (value === null) return false;
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid value for: ${name}`);
  return value === 'true';
}

/** maxResults: `fallback` when absent, capped at `max` (Google caps silently), a 400 when not a positive integer. */
export function pageSize(call: ApiCall, fallback: number, max: number): number {
  const raw = call.query.get('maxResults');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1)
    throw invalid(`Invalid value '${raw}'. Values must be within the range: [1, ${max}]`);
  return Math.min(n, max);
}

/** One page of `items` from a pageToken this same listing issued (`scope` names it). */
export function page<T>(items: T[], size: number, token: string | null, scope: string): { items: T[]; next?: string } {
  let offset = 0;
  if (token !== null) {
    let parsed: { o?: unknown; s?: unknown } | undefined;
    try {
      parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed?.o !== 'number' || parsed.s !== scope) throw invalid('Invalid pageToken value.');
    offset = parsed.o;
  }
  const end = offset + size;
  const next = end < items.length ? Buffer.from(JSON.stringify({ o: end, s: scope })).toString('base64url') : undefined;
  return { items: items.slice(offset, end), next };
}

/** The response zone a `timeZone` parameter names (default: `fallback`). */
export function responseZone(call: ApiCall, fallback: string): string {
  const zone = call.query.get('timeZone');
  if (zone === null || zone === '') return fallback;
  if (!isKnownZone(zone)) throw new GoogleApiError(400, 'invalid', 'Invalid time zone definition.');
  return zone;
}
