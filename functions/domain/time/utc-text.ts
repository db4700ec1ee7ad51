/**
 * The fast path for the wall-time format calendar providers send most: "YYYY-MM-DDTHH:mm:ss" with an optional
 * fraction of 1-9 digits (seven is common), read as UTC. Adapters ask for their answers in UTC, so every event of a
 * calendar read comes this way; reading it by char codes into Date.UTC skips the regex, the zone lookups and the DST
 * resolution of the general path (wall-text.ts + local-time.ts), which give the same instant for UTC.
 */

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
/** "YYYY-MM-DDTHH:mm:ss" */
const WHOLE_SECONDS = 19;
/** The general path reads nine fraction digits at most. */
const LONGEST = WHOLE_SECONDS + 1 + 9;

/** The two-digit number at `i`, or -1 when either character is not a digit (-1 fails every range check below). */
function two(text: string, i: number): number {
  const tens = text.charCodeAt(i) - ZERO;
  const units = text.charCodeAt(i + 1) - ZERO;
  // >>> 0 turns a negative difference into a large number: one test per digit (callers check the length first).
  return tens >>> 0 > 9 || units >>> 0 > 9 ? -1 : tens * 10 + units;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const separated = (text: string) =>
  text.charCodeAt(4) === DASH &&
  text.charCodeAt(7) === DASH &&
  text.charCodeAt(10) === T &&
  text.charCodeAt(13) === COLON &&
  text.charCodeAt(16) === COLON;

/** Milliseconds of the fraction after "ss." (first three digits; the rest are checked, not rounded), or -1. */
function fractionMs(text: string): number {
  if (text.charCodeAt(WHOLE_SECONDS) !== DOT) return -1;
  let ms = 0;
  for (let i = WHOLE_SECONDS + 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d >>> 0 > 9) return -1;
    if (i <= WHOLE_SECONDS + 3) ms = ms * 10 + d;
  }
  // ".5" is 500 ms, ".25" 250 ms.
  const digits = text.length - WHOLE_SECONDS - 1;
  return digits >= 3 ? ms : ms * (digits === 1 ? 100 : 10);
}

/**
 * Epoch ms of `text` read as a UTC wall time, when it is exactly "YYYY-MM-DDTHH:mm:ss[.f{1,9}]" and a real date and
 * time (the fraction truncated to ms, as the general path does); undefined for anything else, which the caller then
 * reads by the general path: undefined says "not this format", never "invalid".
 */
export function instantOfUtcWallText(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const length = text.length;
  if (length !== WHOLE_SECONDS && (length < WHOLE_SECONDS + 2 || length > LONGEST)) return undefined;
  if (!separated(text)) return undefined;
  const century = two(text, 0);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  const yy = two(text, 2);
  // Years below 100 are left to the general path: Date.UTC reads them as 1900-1999.
  if (century < 1 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const year = century * 100 + yy;
  if (day > daysIn(year, month)) return undefined;
  const ms = length === WHOLE_SECONDS ? 0 : fractionMs(text);
  return ms < 0 ? undefined : Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
