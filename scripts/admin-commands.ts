/**
 * The commands of `npm run admin`, each turned into one admin API request. Every argument is checked with the same
 * zod schemas as the status Lambda (functions/handlers/admin/schemas.ts) before anything is sent.
 */
import { PATHS } from '../functions/contract/routes';
import { ValidationError } from '../functions/domain/errors';
import {
  bookingsQuerySchema,
  calendarIdSchema,
  connectionIdSchema,
  managerIdSchema,
  parseOrThrow,
  parseSettings,
  roleBodySchema,
  settingsChangesSchema,
} from '../functions/handlers/admin/schemas';

/** One request to the admin API. */
export interface AdminRequest {
  method: 'GET' | 'PUT' | 'DELETE';
  /** Below /calendar/admin/, each segment already percent-encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** A command line the operator should fix; printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const COMMANDS = ['get', 'settings', 'role', 'disconnect', 'bookings'] as const;
export type Command = (typeof COMMANDS)[number];

/** The setting names the settings command takes (the schema's keys). */
export const SETTING_NAMES = Object.keys(settingsChangesSchema.shape);

const segment = (value: string) => encodeURIComponent(value);
const manager = (id: string | undefined) => segment(parseOrThrow(managerIdSchema, id ?? '', 'managerId'));

function arity(command: Command, args: string[], count: number, shape: string): void {
  if (args.length !== count) throw new UsageError(`${command} takes ${shape}`);
}

/**
 * "name=value" pairs as a settings change: the value is read as JSON when it is a number, true, false or null (null
 * removes the setting), else as text, so `timeZone=Europe/London` and `slotMinutes=30` both read as meant.
 */
export function settingsFromPairs(pairs: string[]): Record<string, unknown> {
  if (!pairs.length) throw new UsageError(`settings takes <managerId> <name>=<value>… (${SETTING_NAMES.join(', ')})`);
  const changes: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`"${pair}" is not <name>=<value> (the names are ${SETTING_NAMES.join(', ')})`);
    const text = pair.slice(at + 1);
    changes[pair.slice(0, at)] = /^(-?\d+(\.\d+)?|true|false|null)$/.test(text) ? JSON.parse(text) : text;
  }
  return changes;
}

/** The request for `command` with its positional `args` and the --from/--to flags; a bad input throws. */
export function requestFor(command: Command, args: string[], flags: { from?: string; to?: string }): AdminRequest {
  if (command !== 'bookings' && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError('--from and --to belong to the bookings command');
  }
  switch (command) {
    case 'get':
      arity(command, args, 1, '<managerId>');
      return { method: 'GET', path: `managers/${manager(args[0])}` };
    case 'settings': {
      const [id, ...pairs] = args;
      const managerPath = `managers/${manager(id)}/settings`;
      return { method: 'PUT', path: managerPath, body: parseSettings(settingsFromPairs(pairs)) };
    }
    case 'role': {
      arity(command, args, 4, '<managerId> <connectionId> <calendarId> <book|busy|ignore>');
      const [id, connectionId, calendarId, role] = args as [string, string, string, string];
      const connection = segment(parseOrThrow(connectionIdSchema, connectionId, 'connectionId'));
      const calendar = segment(parseOrThrow(calendarIdSchema, calendarId, 'calendarId'));
      const body = parseOrThrow(roleBodySchema, { role });
      return { method: 'PUT', path: `managers/${manager(id)}/connections/${connection}/calendars/${calendar}`, body };
    }
    case 'disconnect': {
      arity(command, args, 2, '<managerId> <connectionId>');
      const connection = segment(parseOrThrow(connectionIdSchema, args[1]!, 'connectionId'));
      return { method: 'DELETE', path: `managers/${manager(args[0])}/connections/${connection}` };
    }
    case 'bookings': {
      arity(command, args, 1, '<managerId> --from <YYYY-MM-DD> --to <YYYY-MM-DD>');
      const query = parseOrThrow(bookingsQuerySchema, { from: flags.from, to: flags.to });
      return { method: 'GET', path: `managers/${manager(args[0])}/bookings`, query };
    }
  }
}

/** The URL of `request` on the API at `baseUrl`. */
export function urlOf(baseUrl: string, request: AdminRequest): string {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  return `${baseUrl}${PATHS.admin}/${request.path}${query}`;
}

export { ValidationError };
