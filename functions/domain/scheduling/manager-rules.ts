/**
 * A manager's booking rules: their own settings, then their calendar owner's schedule, then the deployment's defaults.
 */
import { parseWorkingHours } from '../../contract/booking-config';
import type { CalendarConnection, Log, ManagerSettings } from '../ports';
import type { AvailabilityRules, OwnerSchedule } from '../types';

/** Rules used where nothing more specific says otherwise (from configuration). */
export type BookingDefaults = AvailabilityRules;

/**
 * The rules for a manager. Precedence per rule: the manager's settings, then the owner's schedule (their calendar's
 * working hours, say), then the defaults. Hours without a zone, and the default hours, are read in the manager's zone,
 * because "9 to 5" means the manager's 9 to 5.
 */
export function rulesFor(
  owner: OwnerSchedule | undefined,
  defaults: BookingDefaults,
  settings: ManagerSettings = {},
  log?: Pick<Log, 'warn'>,
): AvailabilityRules {
  const timeZone = settings.timeZone || owner?.timeZone || defaults.timeZone;
  const ownHours = settingsHours(settings, timeZone, log);
  const working =
    ownHours ??
    (owner?.working
      ? { timeZone: owner.working.timeZone ?? timeZone, week: owner.working.week }
      : { ...defaults.working, timeZone });
  const slotMinutes = settings.slotMinutes ?? defaults.slotMinutes;
  return {
    timeZone,
    working,
    slotMinutes,
    // An interval never configured follows the slot length, as SLOT_INTERVAL_MINUTES does.
    intervalMinutes: settings.slotIntervalMinutes ?? (settings.slotMinutes ? slotMinutes : defaults.intervalMinutes),
    bufferMinutes: settings.bufferMinutes ?? defaults.bufferMinutes,
    minNoticeMinutes: settings.minNoticeMinutes ?? defaults.minNoticeMinutes,
    horizonDays: settings.horizonDays ?? defaults.horizonDays,
    tentativeBlocks: settings.tentativeBlocks ?? defaults.tentativeBlocks,
  };
}

/** The manager's own hours, when set and readable (they are validated on write; a bad one is logged and skipped). */
function settingsHours(settings: ManagerSettings, timeZone: string, log?: Pick<Log, 'warn'>) {
  if (!settings.workingHours) return undefined;
  try {
    return parseWorkingHours(settings.workingHours, timeZone, 'workingHours');
  } catch {
    log?.warn("stored working hours do not parse; using the calendar owner's or the default hours", {});
    return undefined;
  }
}

/** The connection whose owner schedule applies: the one holding the book calendar, else the first connected. */
export function scheduleConnection(connections: readonly CalendarConnection[]): CalendarConnection | undefined {
  return connections.find((c) => c.calendars.some((cal) => cal.role === 'book')) ?? connections[0];
}
