/**
 * Graph's dateTimeTimeZone on the wire: local date-times without offset, zone names Windows or IANA. Wall times are
 * resolved to instants by the product's own local-time rules (functions/domain/time), so the emulator never depends on
 * the day it runs: a repeated reading is its earlier instant, a skipped one moves forward by the gap, and a midnight is
 * the first instant of its day.
 */
import {
  DAY,
  dayStart,
  instantOfIsoText,
  parseWallDateTime,
  resolveWall,
  wallMs,
  wallText,
} from '../../../../functions/domain/time';
import { toIanaZone } from '../../../../functions/adapters/microsoft/windows-zones';

export interface WireDateTime {
  dateTime: string;
  timeZone: string;
}

// Resolving a name costs an Intl probe (and a thrown RangeError for Windows names); calendarView does it per event.
const resolved = new Map<string, string | undefined>();

/** toIanaZone, memoised. */
export function knownZone(name: string): string | undefined {
  if (!resolved.has(name)) resolved.set(name, toIanaZone(name));
  return resolved.get(name);
}

/** The IANA zone for a Windows/IANA name; the schema guarantees stored names resolve, so failure is a bug. */
export function ianaOf(name: string): string {
  const zone = knownZone(name);
  if (!zone) throw new Error(`Unresolvable time zone ${JSON.stringify(name)}`);
  return zone;
}

/** The wall reading of a stored dateTime (schema-validated, so it parses). */
export function wallOf(value: WireDateTime): number {
  const wall = parseWallDateTime(value.dateTime);
  if (wall === undefined) throw new Error(`Unreadable dateTime ${JSON.stringify(value.dateTime)}`);
  return wall;
}

/** The instant of wall reading `wall` in IANA `zone`; a midnight is the first instant of its local day. */
export function instantOfWallIn(wall: number, zone: string): number {
  return wall % DAY === 0 ? dayStart(wall / DAY, zone) : resolveWall(wall, zone);
}

/** The instant a stored dateTimeTimeZone stands for. */
export function instantOf(value: WireDateTime): number {
  return instantOfWallIn(wallOf(value), ianaOf(value.timeZone));
}

/** Graph's seven-digit fraction format, "YYYY-MM-DDTHH:mm:ss.0000000", of a wall reading. */
export function wireFormat(wall: number): string {
  return `${wallText(wall)}.${String(((wall % 1000) + 1000) % 1000).padStart(3, '0')}0000`;
}

/** An instant rendered in the zone named `label` (the label is echoed as Graph echoes the Prefer value). */
export function instantIn(ms: number, label: string): WireDateTime {
  return { dateTime: wireFormat(wallMs(ms, ianaOf(label))), timeZone: label };
}

/** A floating wall reading (all-day events) written under `label` without conversion. */
export function floatingIn(wall: number, label: string): WireDateTime {
  return { dateTime: wireFormat(wall), timeZone: label };
}

/** The time zone asked for by `Prefer: outlook.timezone="..."`, when it names a zone we know. */
export function preferredTimeZone(prefer: string | undefined): string | undefined {
  const match = /outlook\.timezone\s*=\s*"([^"]*)"/i.exec(prefer ?? '');
  const name = match?.[1]?.trim();
  return name && knownZone(name) ? name : undefined;
}

/** Whether `Prefer: IdType="ImmutableId"` was sent (ids never change here, but the preference is acknowledged). */
export function prefersImmutableId(prefer: string | undefined): boolean {
  return /IdType\s*=\s*"ImmutableId"/i.test(prefer ?? '');
}

/**
 * A calendarView bound: its own offset when it has one, else UTC (the Prefer header does not apply to it, per Graph).
 * Undefined when it does not parse.
 */
export function parseRangeBound(value: string | null): number | undefined {
  if (!value) return undefined;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00` : value;
  return instantOfIsoText(text, 'UTC')?.ms;
}
