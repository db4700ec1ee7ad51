/**
 * Domain events → Calendar v3 bodies. Times go as UTC instants with a "Z" plus the owner's zone: an instant cannot be
 * misread across a DST change (a wall time on a fall-back night could), and Google shows the event in that zone.
 */
import { createHash } from 'node:crypto';
import type { EventChanges, NewCalendarEvent } from '../../domain/types';
import { BOOKING_KEY } from './event-mapping';
import { utcIsoText } from '../../domain/time';

// RFC 4648 base32hex, lowercase: exactly the characters Google allows in a client-supplied event id (a-v, 0-9).
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
// 26 characters hold 130 bits of the hash: collisions are out of reach, and the id stays short.
const ID_LENGTH = 26;

/** Lowercase base32hex of bytes (no padding). */
export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32HEX[(buffer << (5 - bits)) & 31] : out;
}

/**
 * The client-supplied event id of a booking key's `revision`-th attempt: SHA-256 of the key in base32hex, then "r"
 * and the revision. Deleted ids stay reserved at Google, so a key whose event was deleted moves to the next revision;
 * the chain is deterministic, so a replay walks the same ids and finds the same event.
 */
export function eventIdFor(bookingKey: string, revision: number): string {
  const digest = createHash('sha256').update(bookingKey).digest();
  return `${base32hex(digest).slice(0, ID_LENGTH)}r${revision}`;
}

/** The events.insert body: the fields of toEventPatch plus the id, booking key, busy time and default reminders. */
export function toEventBody(event: NewCalendarEvent, id: string, meet: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id,
    ...toEventPatch(event),
    transparency: 'opaque',
    reminders: { useDefault: true },
    extendedProperties: { private: { [BOOKING_KEY]: event.bookingKey } },
  };
  // The event id is also the conference requestId: a repeat of the same insert asks for the same meeting.
  if (meet) body.conferenceData = { createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
  return body;
}

/**
 * An events.patch body holding only the given changes. `attendees` is an array, which patch overwrites whole: we send
 * the whole list (the one caller), so that is what we want.
 */
export function toEventPatch(changes: EventChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (changes.subject !== undefined) body.summary = changes.subject;
  // Google's description is plain text (links are recognised), so the caller's details go as they are.
  if (changes.bodyText !== undefined) body.description = changes.bodyText;
  if (changes.location !== undefined) body.location = changes.location;
  const zone = changes.timeZone ? { timeZone: changes.timeZone } : {};
  if (changes.start !== undefined) body.start = { dateTime: utcIsoText(changes.start), ...zone };
  if (changes.end !== undefined) body.end = { dateTime: utcIsoText(changes.end), ...zone };
  // Without an email there is nobody to invite; Google rejects an attendee without an address.
  if (changes.attendee?.email) {
    body.attendees = [{ email: changes.attendee.email, displayName: changes.attendee.name }];
  }
  return body;
}
