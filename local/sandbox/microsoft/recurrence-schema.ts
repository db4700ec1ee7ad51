/** Zod schemas of Graph's recurrence (patternedRecurrence: a pattern and a range), as events carry it. */
import * as z from 'zod/mini';

export const weekday = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"'));

/** A whole number from `min` to `max` (either bound left out: none). */
const int = (min?: number, max?: number) =>
  z.number().check(z.int(), ...(min === undefined ? [] : [z.gte(min)]), ...(max === undefined ? [] : [z.lte(max)]));

const patternSchema = z
  .strictObject({
    type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
    interval: int(1, 99),
    daysOfWeek: z.optional(z.array(weekday)),
    // Graph echoes 0 for fields a pattern type does not use, so 0 must load.
    dayOfMonth: z.optional(int(0, 31)),
    month: z.optional(int(0, 12)),
    firstDayOfWeek: z.optional(weekday),
    index: z.optional(z.enum(['first', 'second', 'third', 'fourth', 'last'])),
  })
  .check(
    z.superRefine((p, ctx) => {
      const needsDays = p.type === 'weekly' || p.type.startsWith('relative');
      if (needsDays && !p.daysOfWeek?.length)
        ctx.addIssue({ code: 'custom', path: ['daysOfWeek'], message: `required for ${p.type}` });
      if (p.type.startsWith('absolute') && !p.dayOfMonth)
        ctx.addIssue({ code: 'custom', path: ['dayOfMonth'], message: `required for ${p.type}` });
      if (p.type.endsWith('Yearly') && !p.month)
        ctx.addIssue({ code: 'custom', path: ['month'], message: `required for ${p.type}` });
    }),
  );

const rangeSchema = z
  .strictObject({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: isoDate,
    endDate: z.optional(isoDate),
    recurrenceTimeZone: z.optional(z.string()),
    numberOfOccurrences: z.optional(int(0)),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.type === 'endDate' && (!r.endDate || r.endDate < r.startDate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endDate'],
          message: 'required for type endDate, on or after startDate',
        });
      }
      if (r.type === 'numbered' && !r.numberOfOccurrences) {
        ctx.addIssue({ code: 'custom', path: ['numberOfOccurrences'], message: 'required (>= 1) for type numbered' });
      }
    }),
  );

export const recurrenceSchema = z.strictObject({ pattern: patternSchema, range: rangeSchema });
