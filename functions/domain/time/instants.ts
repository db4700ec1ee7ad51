/** Instants from text: a zone-less wall time read in a zone, an ISO string with or without its offset, UTC text out. */
import { resolveWall } from './local-time';
import { parseOffset, parseWallDateTime, wallText } from './wall-text';
import { instantOfUtcWallText } from './utc-text';
import { MINUTE } from './zone-offsets';

/** The instant of a zone-less "YYYY-MM-DDTHH:mm[:ss[.f]]" in `zone` (DST rules of local-time.ts), or undefined. */
export function instantOfLocalText(text: string, zone: string): number | undefined {
  // UTC wall times as providers write them ("2026-12-01T10:00:00.0000000") take the fast path; the rest the general.
  const fast = zone === 'UTC' ? instantOfUtcWallText(text) : undefined;
  if (fast !== undefined) return fast;
  const wall = parseWallDateTime(text);
  return wall === undefined ? undefined : resolveWall(wall, zone);
}

const SPLIT = /^(.*?T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO date-time: with "Z" or an offset it is that instant (`hadOffset`); without one it is a wall time in
 * `zone`. Undefined when malformed.
 */
export function instantOfIsoText(text: string, zone: string): { ms: number; hadOffset: boolean } | undefined {
  const m = SPLIT.exec(text.trim());
  const wall = m ? parseWallDateTime(m[1]!) : undefined;
  if (!m || wall === undefined) return undefined;
  if (m[2] === undefined) return { ms: resolveWall(wall, zone), hadOffset: false };
  const offset = parseOffset(m[2]);
  return offset === undefined ? undefined : { ms: wall - offset * MINUTE, hadOffset: true };
}

/** "YYYY-MM-DDTHH:mm:ss" of an instant in UTC: a wall time nobody can misread, sent with the zone "UTC". */
export function utcWallText(ms: number): string {
  return wallText(ms);
}

/** "2026-11-24T15:00:00Z": an instant as RFC 3339 UTC with its offset written (what query bounds require). */
export function utcIsoText(ms: number): string {
  return `${wallText(ms)}Z`;
}
