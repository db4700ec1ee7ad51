/** Opens one manager's calendar for a tool call: the connection, its booking rules, and an authenticated provider. */
import { ProviderError, ReconnectRequiredError } from '../errors';
import type { CalendarAccess, CalendarProvider, Clock, ConnectionStore, Deadline, ManagerConnection } from '../ports';
import type { AvailabilityRules, OwnerSchedule } from '../types';

/** Rules used where the mailbox says nothing (from configuration): the same shape as a manager's rules. */
export type BookingDefaults = AvailabilityRules;

export interface ManagerCalendarDeps {
  connections: ConnectionStore;
  calendars: CalendarAccess;
  defaults: BookingDefaults;
  clock: Clock;
}

export interface ManagerCalendar {
  connection: ManagerConnection;
  provider: CalendarProvider;
  rules: AvailabilityRules;
}

/**
 * Booking rules for an owner schedule: its zone and hours where it has them, else the configured ones; configured
 * hours (and hours without a zone) are read in the owner's zone, because "9 to 5" means the owner's 9 to 5.
 */
export function rulesFor(owner: OwnerSchedule, defaults: BookingDefaults): AvailabilityRules {
  const timeZone = owner.timeZone || defaults.timeZone;
  const working = owner.working
    ? { timeZone: owner.working.timeZone ?? timeZone, week: owner.working.week }
    : { ...defaults.working, timeZone };
  return { ...defaults, timeZone, working };
}

/** Loads a manager's connection; ReconnectRequiredError when there is none or it needs a reconnect. */
export async function openManagerCalendar(managerId: string, deps: ManagerCalendarDeps): Promise<ManagerCalendar> {
  const connection = await deps.connections.get(managerId);
  if (!connection) throw new ReconnectRequiredError(`No calendar connected for manager ${managerId}`);
  if (connection.needsReconnect) throw new ReconnectRequiredError(`Calendar of manager ${managerId} needs a reconnect`);
  return { connection, provider: deps.calendars.forConnection(connection), rules: rulesFor(connection, deps.defaults) };
}

/** Runs `work`; a revoked grant flags the connection so the manager can be told to reconnect. */
export async function withReconnectFlag<T>(managerId: string, deps: ManagerCalendarDeps, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A 403 from Graph means our delegated permission is gone (consent withdrawn, scope removed): also a reconnect.
    const denied = error instanceof ProviderError && error.status === 403;
    if (error instanceof ReconnectRequiredError || denied) {
      await deps.connections.markNeedsReconnect(managerId, new Date(deps.clock()).toISOString()).catch(() => undefined);
      if (denied) throw new ReconnectRequiredError('Calendar permission withdrawn', { cause: error });
    }
    throw error;
  }
}

/** The search deadline for provider calls made on behalf of a tool call. */
export function deadlineIn(ms: number, clock: Clock): Deadline {
  return { at: clock() + ms };
}
