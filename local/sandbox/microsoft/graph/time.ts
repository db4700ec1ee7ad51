/** Graph's dateTimeTimeZone on the wire: local date-times without offset, zone names Windows or IANA. */
import { DateTime } from 'luxon';
import { toIanaZone } from '../../../../functions/domain/time-zones';

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

/** A stored dateTimeTimeZone as a luxon DateTime in its own zone. */
export function localOf(value: WireDateTime): DateTime {
  return DateTime.fromISO(value.dateTime, { zone: ianaOf(value.timeZone) });
}

/** Graph's seven-digit fraction format, "YYYY-MM-DDTHH:mm:ss.0000000". */
export function wireFormat(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'");
}

/** An instant rendered in the zone named `label` (the label is echoed as Graph echoes the Prefer value). */
export function instantIn(ms: number, label: string): WireDateTime {
  return { dateTime: wireFormat(DateTime.fromMillis(ms, { zone: ianaOf(label) })), timeZone: label };
}

/** A floating local date-time (all-day events) written under `label` without conversion. */
export function floatingIn(local: DateTime, label: string): WireDateTime {
  return { dateTime: wireFormat(local.setZone('UTC', { keepLocalTime: true })), timeZone: label };
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
  const dt = DateTime.fromISO(value, { zone: 'UTC', setZone: true });
  return dt.isValid ? dt.toMillis() : undefined;
}
