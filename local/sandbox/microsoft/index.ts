/** Public surface of the Microsoft emulator (sign-in + Graph calendar) used by the sandbox and the tests. */
export { createMicrosoftEmulator, type MicrosoftEmulator, type MicrosoftEmulatorOptions } from './emulator';
export { loadSandboxCalendar, parseSandboxCalendar, SandboxCalendarError } from './calendar-file';
export { demoCalendar } from './demo-calendar';
export type { Fault, FaultRoute } from './faults';
export type { RequestLogEntry } from './context';
export type { AttendeeNotice } from './graph/notices';
export type {
  DateTimeTimeZone,
  GraphEventInput,
  GraphEventPatch,
  PatternedRecurrence,
  SandboxMailboxSettings,
} from './calendar-schema';
export { DEFAULT_CALENDAR_NAME } from './file-rules';
export type { SandboxCalendar, SandboxCalendarFile } from './file-schema';
