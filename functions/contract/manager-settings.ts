/**
 * The schema of a manager's own settings, shared by the admin API, its CLI and the manager's page, so all three accept
 * exactly the same input. Limits match the deployment-wide variables (SLOT_MINUTES and the rest).
 */
import * as z from 'zod/mini';
import { parseWorkingHours } from './booking-config';
import { isTimeZone } from './booking-rules';
import { ConfigError } from './env';
// settingsProblems shows zod's own words for a value of the wrong kind.
import './zod-english';

const int = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .check(
      z.int({ error: `must be a whole number from ${min} to ${max}` }),
      z.gte(min, { error: `must be a whole number from ${min} to ${max}` }),
      z.lte(max, { error: `must be a whole number from ${min} to ${max}` }),
    );

const hoursSpec = z.string().check(
  z.refine(
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
  ),
);

/** Each setting's schema; null in an update removes it (the next level of precedence applies again). */
export const settingFields = {
  timeZone: z.string().check(z.refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' })),
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
  Object.fromEntries(Object.entries(settingFields).map(([k, v]) => [k, z.optional(z.nullable(v))])) as {
    [K in keyof typeof settingFields]: z.ZodMiniOptional<z.ZodMiniNullable<(typeof settingFields)[K]>>;
  },
);

export type SettingsChangesInput = z.infer<typeof settingsChangesSchema>;

/** The problems of an update as "field: reason" lines (empty when valid). */
export function settingsProblems(input: unknown): string[] {
  const parsed = settingsChangesSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `${issue.keys.join(', ')}: not a setting (the settings are ${Object.keys(settingFields).join(', ')})`
      : `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
}
