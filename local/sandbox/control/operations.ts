/**
 * The operation names POST /_sandbox/faults and GET /_sandbox/stats speak, one table per provider: each name and the
 * emulator routes it covers. Names are the domain's (createEvent, getEvent, …) where both providers have the thing.
 */
import type { FaultRoute as GoogleFaultRoute } from '../google';
import type { FaultRoute as MicrosoftFaultRoute } from '../microsoft';

export type Provider = 'microsoft' | 'google';
export const PROVIDERS: readonly Provider[] = ['microsoft', 'google'];

/** A provider's operations: name → the emulator routes (request-log and fault-book names) it covers. */
export type OperationTable = Readonly<Record<string, readonly string[]>>;

type Table<Route extends string> = Readonly<Record<string, readonly Exclude<Route, '*'>[]>>;

/** Microsoft: the Graph routes as the emulator names them, and the sign-in token endpoint. */
export const MICROSOFT_OPERATIONS = {
  token: ['token'],
  me: ['me'],
  mailboxSettings: ['mailboxSettings'],
  calendar: ['calendar'],
  calendars: ['calendars'],
  calendarView: ['calendarView'],
  getSchedule: ['getSchedule'],
  createEvent: ['createEvent'],
  getEvent: ['getEvent'],
  updateEvent: ['updateEvent'],
  deleteEvent: ['deleteEvent'],
  cancelEvent: ['cancelEvent'],
} as const satisfies Table<MicrosoftFaultRoute>;

/** Google: Calendar v3 under the same names where Graph has the thing, and the OAuth endpoints. */
export const GOOGLE_OPERATIONS = {
  token: ['token'],
  revoke: ['revoke'],
  userinfo: ['userinfo'],
  certs: ['certs'],
  discovery: ['discovery'],
  calendars: ['calendarList', 'calendarListEntry'],
  calendar: ['calendar'],
  settings: ['settings'],
  freeBusy: ['freeBusy'],
  eventsList: ['listEvents'],
  instances: ['instances'],
  createEvent: ['insertEvent'],
  getEvent: ['getEvent'],
  updateEvent: ['patchEvent', 'updateEvent'],
  deleteEvent: ['deleteEvent'],
} as const satisfies Table<GoogleFaultRoute>;

export const OPERATIONS: Readonly<Record<Provider, OperationTable>> = {
  microsoft: MICROSOFT_OPERATIONS,
  google: GOOGLE_OPERATIONS,
};

/** Sign-in endpoints: they answer at once or fail, so a late answer (lateResponseMs) is for the calendar ones only. */
export const SIGN_IN_OPERATIONS: Readonly<Record<Provider, ReadonlySet<string>>> = {
  microsoft: new Set(['token']),
  google: new Set(['token', 'revoke', 'userinfo', 'certs', 'discovery']),
};

/** The operation a logged route belongs to, or undefined (the consent page, the dump, an unknown path). */
export function operationOf(table: OperationTable, route: string): string | undefined {
  return Object.keys(table).find((name) => table[name]!.includes(route));
}
