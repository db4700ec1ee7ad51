/**
 * The words and constraints each parameter shows the model, taken from the schema modules loaded afresh in each test
 * (the schemas are module-level values, so a copy loaded once at the top would hide a change to them from mutation
 * testing), against the reviewed create-tool bodies in test/events/vapi-outbound/tool-payloads.json.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

type Property = { description?: string; enum?: unknown[]; pattern?: string };
type Payload = { function: { name: string; parameters: { properties: Record<string, Property> } } };
const GOLDEN = JSON.parse(
  readFileSync(new URL('../../events/vapi-outbound/tool-payloads.json', import.meta.url), 'utf8'),
) as Payload[];

let schemas: Record<string, z.ZodMiniType> = {};
beforeEach(async () => {
  vi.resetModules();
  const tools = await import('../../../functions/domain/vapi/tool-schemas');
  const life = await import('../../../functions/domain/vapi/lifecycle-schemas');
  schemas = {
    get_availability: tools.getAvailabilitySchema,
    set_appointment: tools.setAppointmentSchema,
    find_appointment: life.findAppointmentSchema,
    hold_slot: life.holdSlotSchema,
    reschedule_appointment: life.rescheduleAppointmentSchema,
    cancel_appointment: life.cancelAppointmentSchema,
  };
});

/** Each property's description, enum and pattern (the words and constraints the model reads). */
const shown = (properties: Record<string, Property>) =>
  Object.fromEntries(
    Object.entries(properties).map(([key, p]) => [
      key,
      { description: p.description, enum: p.enum, pattern: p.pattern },
    ]),
  );

describe('Tool schemas: what each parameter tells the model', () => {
  it.each(GOLDEN.map((p) => [p.function.name, p] as const))(
    '%s: every parameter has the reviewed description, options and pattern',
    (name, payload) => {
      // Act
      const json = z.toJSONSchema(schemas[name]!, { unrepresentable: 'any' }) as {
        properties: Record<string, Property>;
      };
      // Assess
      expect(shown(json.properties)).toEqual(shown(payload.function.parameters.properties));
    },
  );
});
