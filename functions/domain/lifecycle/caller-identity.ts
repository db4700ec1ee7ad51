/**
 * Who a caller is, for finding their bookings: the call's own number (VAPI's customer.number, never an LLM argument)
 * or a confirmation code they say. Numbers are compared in E.164 form.
 */
import { createHash } from 'node:crypto';
import { secretMatches } from '../secret-compare';

/**
 * What carriers put in "From" for a withheld number (Twilio's ANONYMOUS, RESTRICTED, UNAVAILABLE, BLOCKED spelled on
 * a keypad, and its Unknown): every such caller would otherwise share one "number" and see each other's bookings.
 */
const WITHHELD = new Set(['+266696687', '+7378742833', '+8656696', '+86282452253', '+2562533']);

/** A phone number in E.164-like form: "+" and digits ("00" read as "+"), or bare digits when no country is given. */
export function normalizePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  // "anonymous", "restricted", "private", "unknown": words, not a number.
  if (/[a-z]/i.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  // "00" is the international prefix written out: the same number as "+", so it is checked as one too.
  const international = trimmed.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : undefined;
  if (digits.length < 4 || WITHHELD.has(`+${international ?? digits}`)) return undefined;
  return international === undefined ? digits : `+${international}`;
}

/**
 * Whether a recorded number is the caller's: equal in E.164, or (a number recorded without its country code) the
 * same last ten digits or more.
 */
export function samePhone(recorded: string | undefined, caller: string | undefined): boolean {
  const a = normalizePhone(recorded);
  const b = normalizePhone(caller);
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.startsWith('+') && b.startsWith('+')) return false;
  const [shorter, longer] = [a.replace('+', ''), b.replace('+', '')].sort((x, y) => x.length - y.length);
  return shorter!.length >= 10 && longer!.endsWith(shorter!);
}

/** A digest of the caller's number for counters and logs; every withheld number shares one key. */
export function callerKeyOf(number: string | undefined): string {
  const phone = normalizePhone(number);
  return phone ? createHash('sha256').update(phone).digest('hex').slice(0, 32) : 'withheld';
}

/** A code as callers say it: no spaces or dashes, upper case. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s.,-]/g, '').toUpperCase();
}

/** Whether a said code is the booking's, compared in constant time. */
export function codeMatches(said: string, code: string): boolean {
  return secretMatches(normalizeCode(said), [normalizeCode(code)]);
}
