/**
 * The vocabulary of booking rules, shared by the functions (which apply them), the stack (which validates them at
 * synth) and the admin API and CLI (which let an operator set them per manager). Nothing here imports the rest.
 */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** The weekdays in ISO order (Monday first): the one list every parser and the slot engine index by. */
export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Wall-clock range within one day, "HH:mm"; end may be "24:00". */
export interface TimeOfDayRange {
  start: string;
  end: string;
}

/** Working hours per weekday, in one IANA zone. A weekday missing from `week` is not worked. */
export interface WorkingSchedule {
  timeZone: string;
  week: Partial<Record<Weekday, TimeOfDayRange[]>>;
}

/** Everything the slot engine needs to know about one manager's bookable time (the booking defaults' type too). */
export interface AvailabilityRules {
  /** The owner's IANA zone: slot alignment and spoken times use it. */
  timeZone: string;
  working: WorkingSchedule;
  slotMinutes: number;
  /** Slot starts are aligned to multiples of this many minutes after local midnight. */
  intervalMinutes: number;
  /** Minutes kept free before and after every busy entry. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Whether tentative entries block time. */
  tentativeBlocks: boolean;
}

/** Minutes after midnight for "HH:mm" ("24:00" allowed), or undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : undefined;
}

/**
 * Whether `name` is an IANA zone this runtime knows (aliases such as Europe/Kiev included, any letter case), or
 * UTC: the one test of a zone name, the runtime's own Intl (an unknown zone is a RangeError there).
 */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const MANAGER_ID = /^[A-Za-z0-9._@+-]{1,128}$/;

/** Whether `id` is a safe manager id: 1-128 letters, digits and . _ @ + - (it appears in keys, links and logs). */
export function isManagerId(id: string): boolean {
  return MANAGER_ID.test(id);
}
