/**
 * Zod schemas of the lifecycle tools (find, hold, reschedule, cancel). Like the booking tools' schemas, every message
 * is a sentence the model can act on. Nothing here identifies the caller: that is the call's own number, never an
 * argument.
 */
import * as z from 'zod/mini';
import { normalizeCode } from '../lifecycle/caller-identity';
import { normalizeArgs, preprocess } from './argument-preprocess';
import { durationMinutes, NOT_READABLE, startTime, text } from './tool-schemas';

const CODE_FORMAT = 'The confirmation code is the 6 letters and digits the caller was given when they booked.';
/** Spaces, dashes and dots a caller (or the transcript) puts between characters are dropped; case does not matter. */
const confirmationCode = z.string({ error: CODE_FORMAT }).check(
  z.overwrite(normalizeCode),
  z.refine((s) => /^[A-Z0-9]{4,12}$/.test(s), { error: CODE_FORMAT }),
  z.describe('The confirmation code the caller was given when they booked (6 letters and digits), if they have it.'),
);

const appointmentId = text('The appointment id', 100).check(
  z.describe('The id of an appointment exactly as find_appointment returned it. Never invent one.'),
);

const WHICH = 'Say which appointment: pass the appointment_id from find_appointment, or the confirmation code.';

/** Arguments of find_appointment. */
export const findAppointmentSchema = preprocess(
  normalizeArgs,
  z.object(
    {
      confirmation_code: z.optional(confirmationCode),
      attendee_name: z.optional(
        text("The caller's name", 100).check(
          z.describe("The name the appointment was booked under, to narrow the caller's appointments."),
        ),
      ),
      date: z.optional(
        text('The date', 100).check(
          z.describe("The day of the appointment as YYYY-MM-DD in the property's local time, to narrow the search."),
        ),
      ),
    },
    { error: NOT_READABLE },
  ),
);

/** Arguments of hold_slot. */
export const holdSlotSchema = preprocess(
  normalizeArgs,
  z.object(
    {
      start_time: startTime.check(
        z.describe(
          'Start of the time to hold, a start value returned by get_availability, unchanged (YYYY-MM-DDTHH:mm).',
        ),
      ),
      duration_minutes: z.optional(
        durationMinutes.check(
          z.describe('Length of the viewing in minutes (15 to 240). Omit to use the standard length.'),
        ),
      ),
    },
    { error: NOT_READABLE },
  ),
);

type Which = { appointment_id?: string; confirmation_code?: string };
const which = <T extends z.core.$ZodShape>(shape: T) =>
  z
    .object(
      { appointment_id: z.optional(appointmentId), confirmation_code: z.optional(confirmationCode), ...shape },
      {
        error: NOT_READABLE,
      },
    )
    .check(z.refine((a) => Boolean((a as Which).appointment_id ?? (a as Which).confirmation_code), { error: WHICH }));

/** Arguments of reschedule_appointment. */
export const rescheduleAppointmentSchema = preprocess(
  normalizeArgs,
  which({
    new_start_time: startTime.check(
      z.describe(
        'The new start, a start value returned by get_availability, unchanged (YYYY-MM-DDTHH:mm, local time).',
      ),
    ),
  }),
);

/** Arguments of cancel_appointment. */
export const cancelAppointmentSchema = preprocess(
  normalizeArgs,
  which({
    reason: z.optional(
      text('The reason', 300).check(z.describe("The caller's reason for cancelling, in a few words, if given.")),
    ),
  }),
);

export type FindAppointmentArgs = z.output<typeof findAppointmentSchema>;
export type HoldSlotArgs = z.output<typeof holdSlotSchema>;
export type RescheduleAppointmentArgs = z.output<typeof rescheduleAppointmentSchema>;
export type CancelAppointmentArgs = z.output<typeof cancelAppointmentSchema>;
