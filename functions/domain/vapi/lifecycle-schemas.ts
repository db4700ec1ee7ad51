/**
 * Zod schemas of the lifecycle tools (find, hold, reschedule, cancel). Like the booking tools' schemas, every message
 * is a sentence the model can act on. Nothing here identifies the caller: that is the call's own number, never an
 * argument.
 */
import * as z from 'zod';
import { normalizeCode } from '../lifecycle/caller-identity';
import { durationMinutes, NOT_READABLE, normalizeArgs, startTime, text } from './tool-schemas';

const CODE_FORMAT = 'The confirmation code is the 6 letters and digits the caller was given when they booked.';
/** Spaces, dashes and dots a caller (or the transcript) puts between characters are dropped; case does not matter. */
const confirmationCode = z
  .string({ error: CODE_FORMAT })
  .overwrite(normalizeCode)
  .refine((s) => /^[A-Z0-9]{4,12}$/.test(s), { error: CODE_FORMAT })
  .describe('The confirmation code the caller was given when they booked (6 letters and digits), if they have it.');

const appointmentId = text('The appointment id', 100).describe(
  'The id of an appointment exactly as find_appointment returned it. Never invent one.',
);

const WHICH = 'Say which appointment: pass the appointment_id from find_appointment, or the confirmation code.';

/** Arguments of find_appointment. */
export const findAppointmentSchema = z.preprocess(
  normalizeArgs,
  z.object(
    {
      confirmation_code: confirmationCode.optional(),
      attendee_name: text("The caller's name", 100)
        .describe("The name the appointment was booked under, to narrow the caller's appointments.")
        .optional(),
      date: text('The date', 100)
        .describe("The day of the appointment as YYYY-MM-DD in the property's local time, to narrow the search.")
        .optional(),
    },
    { error: NOT_READABLE },
  ),
);

/** Arguments of hold_slot. */
export const holdSlotSchema = z.preprocess(
  normalizeArgs,
  z.object(
    {
      start_time: startTime.describe(
        'Start of the time to hold, a start value returned by get_availability, unchanged (YYYY-MM-DDTHH:mm).',
      ),
      duration_minutes: durationMinutes
        .describe('Length of the viewing in minutes (15 to 240). Omit to use the standard length.')
        .optional(),
    },
    { error: NOT_READABLE },
  ),
);

type Which = { appointment_id?: string; confirmation_code?: string };
const which = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(
      { appointment_id: appointmentId.optional(), confirmation_code: confirmationCode.optional(), ...shape },
      {
        error: NOT_READABLE,
      },
    )
    .refine((a) => Boolean((a as Which).appointment_id ?? (a as Which).confirmation_code), { error: WHICH });

/** Arguments of reschedule_appointment. */
export const rescheduleAppointmentSchema = z.preprocess(
  normalizeArgs,
  which({
    new_start_time: startTime.describe(
      'The new start, a start value returned by get_availability, unchanged (YYYY-MM-DDTHH:mm, local time).',
    ),
  }),
);

/** Arguments of cancel_appointment. */
export const cancelAppointmentSchema = z.preprocess(
  normalizeArgs,
  which({
    reason: text('The reason', 300)
      .describe("The caller's reason for cancelling, in a few words, if given.")
      .optional(),
  }),
);

export type FindAppointmentArgs = z.output<typeof findAppointmentSchema>;
export type HoldSlotArgs = z.output<typeof holdSlotSchema>;
export type RescheduleAppointmentArgs = z.output<typeof rescheduleAppointmentSchema>;
export type CancelAppointmentArgs = z.output<typeof cancelAppointmentSchema>;
