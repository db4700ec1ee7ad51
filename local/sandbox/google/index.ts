/** Public surface of the Google emulator (OAuth + Calendar v3) used by the sandbox and the tests. */
export { createGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions, type TokenState } from './emulator';
export { GoogleSandboxError, loadGoogleSandboxFile, parseGoogleSandboxFile } from './calendar-file';
export { demoGoogleCalendar } from './demo-calendar';
export { AuthorizeError } from './identity/authorize';
export type { Fault, FaultRoute } from './faults';
export type { AttendeeNotice, RequestLogEntry } from './context';
export { NON_PROVIDER_ROUTES, type GoogleRoute } from './routes';
export type { ConferenceData, EventAttendee, EventDateTime, EventResource } from './calendar/event-types';
export type { GoogleSandboxFile, SandboxGoogleCalendar } from './file-schema';
