/**
 * The tool table: every tool the voice agent gets, with its name, argument schema, description, spoken progress lines
 * and handler. Adding a tool is one entry here: dispatch, validation and the VAPI tool JSON all follow from it.
 */
import type * as z from 'zod/mini';
import { cancelAppointment } from '../lifecycle/cancel';
import type { LifecycleDeps } from '../lifecycle/deps';
import { findAppointment } from '../lifecycle/find-appointment';
import { holdSlot } from '../lifecycle/hold-slot';
import { rescheduleAppointment } from '../lifecycle/reschedule';
import type { Deadline } from '../ports';
import { getAvailability } from '../scheduling/availability-tool';
import { setAppointment } from '../scheduling/booking-tool';
import type { ToolOutcome } from '../vapi/dispatch';
import {
  cancelAppointmentSchema,
  findAppointmentSchema,
  holdSlotSchema,
  rescheduleAppointmentSchema,
} from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import { getAvailabilitySchema, setAppointmentSchema } from '../vapi/tool-schemas';
import * as words from './descriptions';

/** Everything a tool handler may use. */
export type AgentDeps = LifecycleDeps;

/** One tool: its schema, what the model reads and hears, and what it does. */
export interface ToolEntry<A> {
  description: string;
  schema: z.ZodMiniType<A>;
  spoken: { start: string; delayed: string; failed: string };
  run(
    args: A,
    call: { toolCallId: string; context: CallContext },
    deps: AgentDeps,
    deadline: Deadline,
  ): Promise<ToolOutcome>;
}

const entry = <A>(tool: ToolEntry<A>): ToolEntry<A> => tool;

export const TOOL_TABLE = {
  get_availability: entry({
    description: words.GET_AVAILABILITY,
    schema: getAvailabilitySchema,
    spoken: words.SPOKEN.get_availability,
    run: getAvailability,
  }),
  set_appointment: entry({
    description: words.SET_APPOINTMENT,
    schema: setAppointmentSchema,
    spoken: words.SPOKEN.set_appointment,
    run: setAppointment,
  }),
  find_appointment: entry({
    description: words.FIND_APPOINTMENT,
    schema: findAppointmentSchema,
    spoken: words.SPOKEN.find_appointment,
    run: findAppointment,
  }),
  hold_slot: entry({
    description: words.HOLD_SLOT,
    schema: holdSlotSchema,
    spoken: words.SPOKEN.hold_slot,
    run: holdSlot,
  }),
  reschedule_appointment: entry({
    description: words.RESCHEDULE_APPOINTMENT,
    schema: rescheduleAppointmentSchema,
    spoken: words.SPOKEN.reschedule_appointment,
    run: rescheduleAppointment,
  }),
  cancel_appointment: entry({
    description: words.CANCEL_APPOINTMENT,
    schema: cancelAppointmentSchema,
    spoken: words.SPOKEN.cancel_appointment,
    run: cancelAppointment,
  }),
};

export type ToolName = keyof typeof TOOL_TABLE;
/** The arguments of a tool, as its schema outputs them. */
export type ToolArgs<N extends ToolName> = (typeof TOOL_TABLE)[N] extends ToolEntry<infer A> ? A : never;

/** The names in table order (the order VAPI's tool JSON is printed in). */
export const TOOL_NAMES = Object.keys(TOOL_TABLE) as ToolName[];

/** Whether `name` is one of our tools (own keys only: "constructor" is not a tool). */
export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOL_TABLE, name);
}
