/**
 * The compact form of prefetched entries: each entry a JSON tuple [start, length, flags] (plus its two all-day dates),
 * the list deflated. A 200-event fortnight takes ~2 KB; MAX_ENCODED_BYTES bounds the item far below DynamoDB's 400 KB.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as z from 'zod/mini';
import type { Availability, CalendarEntry } from '../../domain/types';

/** Largest deflated entry list stored (~64 KB, ~6,000 events); a larger calendar is read live, never truncated. */
export const MAX_ENCODED_BYTES = 64 * 1024;
/** Largest inflated list accepted back (a deflate bomb in a garbled item stops here). */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

const AVAILABILITY: readonly Availability[] = ['busy', 'tentative', 'free'];
const CANCELLED = 4;
const ALL_DAY = 8;

const Flags = z.number().check(z.int(), z.gte(0), z.lte(15));
const Tuple = z.union([
  z.tuple([z.number(), z.number(), Flags]),
  z.tuple([z.number(), z.number(), Flags, z.string(), z.string()]),
]);
const Tuples = z.array(Tuple);

function tupleOf(e: CalendarEntry): z.infer<typeof Tuple> {
  const flags = AVAILABILITY.indexOf(e.availability) + (e.isCancelled ? CANCELLED : 0) + (e.isAllDay ? ALL_DAY : 0);
  const head: [number, number, number] = [e.start, e.end - e.start, flags];
  return e.allDay ? [...head, e.allDay.startDate, e.allDay.endDate] : head;
}

function entryOf([start, length, flags, startDate, endDate]: z.infer<typeof Tuple>): CalendarEntry | undefined {
  const availability = AVAILABILITY[flags & 3];
  if (!availability) return undefined;
  const entry: CalendarEntry = {
    start,
    end: start + length,
    availability,
    isCancelled: (flags & CANCELLED) !== 0,
    isAllDay: (flags & ALL_DAY) !== 0,
  };
  if (startDate !== undefined && endDate !== undefined) entry.allDay = { startDate, endDate };
  return entry;
}

/** The deflated list; undefined past MAX_ENCODED_BYTES or for a non-finite instant (nothing is stored then). */
export function encodeEntries(entries: readonly CalendarEntry[]): Buffer | undefined {
  // JSON would turn a non-finite instant into null and garble the whole list: such a calendar is read live.
  const plain = (e: CalendarEntry) =>
    Number.isFinite(e.start) && Number.isFinite(e.end) && AVAILABILITY.includes(e.availability);
  if (!entries.every(plain)) return undefined;
  const bytes = deflateRawSync(JSON.stringify(entries.map(tupleOf)));
  return bytes.length <= MAX_ENCODED_BYTES ? bytes : undefined;
}

/** The entries back, or undefined for anything garbled (not deflate, not JSON, not the tuples, a bad flag). */
export function decodeEntries(bytes: Uint8Array): CalendarEntry[] | undefined {
  try {
    const json: unknown = JSON.parse(inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8'));
    const tuples = Tuples.safeParse(json);
    if (!tuples.success) return undefined;
    const entries = tuples.data.map(entryOf);
    return entries.every((e) => e !== undefined) ? (entries as CalendarEntry[]) : undefined;
  } catch {
    return undefined;
  }
}
