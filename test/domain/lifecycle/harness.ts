/** A manager with one fake calendar and in-memory stores, and the table's tools bound to them (lifecycle tests). */
import type { LifecycleDeps } from '../../../functions/domain/lifecycle/deps';
import { TOOL_TABLE, type ToolArgs, type ToolName } from '../../../functions/domain/tools/table';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

/** Monday 2026-11-23 09:00 in New York (winter). */
export const NOW = Date.parse('2026-11-23T14:00:00Z');
/** Tuesday 14:00 and 15:00 New York, as get_availability would give them. */
export const TUE_2PM = '2026-11-24T14:00';
export const TUE_3PM = '2026-11-24T15:00';
export const CALLER = '+15551234567';
export const OTHER = '+15559876543';

export interface World {
  calendar: FakeCalendar;
  bookings: MemoryBookingStore;
  settings: MemorySettingsStore;
  deps: LifecycleDeps;
  clock: { now: number };
  warnings: Array<{ message: string; detail?: Record<string, unknown> }>;
  /** Runs a tool of the table the way the webhook does (validated args), for one call. */
  tool<N extends ToolName>(
    name: N,
    args: unknown,
    who?: { callId?: string; number?: string; tc?: string },
  ): Promise<ToolOutcome>;
}

let counter = 0;

/** A fresh manager "mgr" connected to a fake calendar that takes bookings. */
export async function world(): Promise<World> {
  const calendar = new FakeCalendar();
  const clock = { now: NOW };
  const bookings = new MemoryBookingStore({ clock: () => clock.now });
  const connections = new MemoryConnectionStore();
  const settings = new MemorySettingsStore();
  await connections.save(managerRecord('mgr', [fakeConnection('conn-1')]), undefined);
  const warnings: World['warnings'] = [];
  const log = {
    info: () => undefined,
    error: () => undefined,
    warn: (message: string, detail?: Record<string, unknown>) => warnings.push({ message, detail }),
  };
  const deps: LifecycleDeps = {
    connections,
    settings,
    bookings,
    calendars: calendar,
    defaults: readBookingDefaults({}),
    clock: () => clock.now,
    routing: { defaultManagerId: 'mgr', routes: {} },
    sleep: async () => undefined,
    log,
  };
  const tool: World['tool'] = (name, args, who = {}) => {
    const entry = TOOL_TABLE[name];
    const parsed = entry.schema.safeParse(args);
    if (!parsed.success) return Promise.resolve({ error: parsed.error.issues.map((i) => i.message).join(' ') });
    const call = {
      toolCallId: who.tc ?? `tc-${++counter}`,
      context: { callId: who.callId ?? 'call-1', customerNumber: who.number ?? CALLER },
    };
    const run = entry.run as (
      a: ToolArgs<typeof name>,
      c: typeof call,
      d: LifecycleDeps,
      dl: { at: number },
    ) => Promise<ToolOutcome>;
    return run(parsed.data as ToolArgs<typeof name>, call, deps, { at: clock.now + 10_000 });
  };
  return { calendar, bookings, settings, deps, clock, warnings, tool };
}

/** The result object of an outcome (fails the test when it is an error). */
export function resultOf(outcome: ToolOutcome): Record<string, any> {
  if (!('result' in outcome)) throw new Error(`expected a result, got error: ${outcome.error}`);
  return outcome.result as Record<string, any>;
}

/** Books `start` for a caller and returns the appointment JSON. */
export async function book(w: World, start: string, who: { callId?: string; number?: string } = {}, extra = {}) {
  const outcome = await w.tool('set_appointment', { start_time: start, attendee_name: 'Jane Doe', ...extra }, who);
  const result = resultOf(outcome);
  if (!result.booked) throw new Error(`expected a booking, got ${JSON.stringify(result)}`);
  return result.appointment as { id: string; start: string; end: string; confirmation_code: string };
}
