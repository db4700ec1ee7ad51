/**
 * The schema of a manager's own settings, shared by the admin API, its CLI and the manager's page, so all three accept
 * exactly the same input. Limits match the deployment-wide variables (SLOT_MINUTES and the rest).
 */
import * as z from 'zod';
import { parseWorkingHours } from './booking-config';
import { isTimeZone } from './booking-rules';
import { ConfigError } from './env';

const int = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });

const hoursSpec = z.string().refine(
  (spec) => {
    try {
      parseWorkingHours(spec, 'UTC', 'workingHours');
      return true;
    } catch (error) {
      if (error instanceof ConfigError) return false;
      throw error;
    }
  },
  { error: 'must look like "mon-fri 09:00-17:00; sat 10:00-14:00"' },
);

/** Each setting; null in an update removes it (the next level of precedence applies again). */
const fields = {
  timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' }),
  workingHours: hoursSpec,
  slotMinutes: int(5, 480),
  slotIntervalMinutes: int(5, 480),
  bufferMinutes: int(0, 240),
  minNoticeMinutes: int(0, 60 * 24 * 30),
  horizonDays: int(1, 365),
  tentativeBlocks: z.boolean({ error: 'must be true or false' }),
  inviteAttendees: z.boolean({ error: 'must be true or false' }),
  onlineMeetings: z.boolean({ error: 'must be true or false' }),
};

/** A settings update: any subset, unknown keys refused (a typo must not be silently ignored). */
export const settingsChangesSchema = z.strictObject(
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<z.ZodNullable<(typeof fields)[K]>>;
  },
);

export type SettingsChangesInput = z.infer<typeof settingsChangesSchema>;

/** The problems of an update as "field: reason" lines (empty when valid). */
export function settingsProblems(input: unknown): string[] {
  const parsed = settingsChangesSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `${issue.keys.join(', ')}: not a setting (the settings are ${Object.keys(fields).join(', ')})`
      : `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
}
