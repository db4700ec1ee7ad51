import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors';
import {
  fullParametersJsonSchema,
  toolDefinitions,
  toolParametersJsonSchema,
  VAPI_SCHEMA_KEYWORDS,
  vapiToolPayloads,
  type ToolName,
} from '../../../functions/domain/vapi/tools';

interface PropertySchema {
  type: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}
interface ObjectSchema {
  type: string;
  properties: Record<string, PropertySchema>;
  required?: string[];
}

const TOOLS: ToolName[] = [
  'get_availability',
  'set_appointment',
  'find_appointment',
  'hold_slot',
  'reschedule_appointment',
  'cancel_appointment',
];
/** The full schema (bounds included): what the server enforces. VAPI gets a subset (see the keyword test). */
const schemaOf = (name: ToolName) => fullParametersJsonSchema(name) as unknown as ObjectSchema;
// Strings with a pattern need a real example; everything else is derived from the JSON Schema alone.
const PATTERN_EXAMPLES: Record<string, string> = {
  start_time: '2025-06-03T15:00:00-04:00',
  new_start_time: '2025-06-03T15:00:00-04:00',
  attendee_email: 'ana@example.com',
  confirmation_code: 'K7Q4PZ',
  attendee_phone: '+1 (555) 010-4321',
};
/** Required by a refinement rather than by the schema: one of these names the appointment. */
const ONE_OF: Record<string, Record<string, unknown>> = {
  reschedule_appointment: { appointment_id: 'a-1' },
  cancel_appointment: { appointment_id: 'a-1' },
};

/** A value the JSON Schema says is valid for `key`. */
function validValue(key: string, prop: PropertySchema): unknown {
  if (prop.enum) return prop.enum[0];
  if (prop.type === 'integer') return prop.minimum ?? 1;
  if (prop.type === 'boolean') return true;
  return PATTERN_EXAMPLES[key] ?? 'x'.repeat(prop.minLength ?? 1);
}

/** The smallest argument object the JSON Schema accepts: just the required properties. */
function minimalArgs(schema: ObjectSchema, name?: ToolName): Record<string, unknown> {
  const required = (schema.required ?? []).map((key) => [key, validValue(key, schema.properties[key]!)]);
  return { ...Object.fromEntries(required), ...(name ? ONE_OF[name] : {}) };
}

describe('toolParametersJsonSchema agrees with the zod schema', () => {
  it('lists the required fields', () => {
    // Act
    const required = TOOLS.map((name) => schemaOf(name).required ?? []);
    // Assess
    expect(required).toEqual([[], ['start_time', 'attendee_name'], [], ['start_time'], ['new_start_time'], []]);
  });

  it.each(TOOLS)('%s: zod accepts exactly without a property when the JSON Schema does not require it', (name) => {
    // Prepare
    const schema = schemaOf(name);
    const full = {
      ...minimalArgs(schema, name),
      ...Object.fromEntries(Object.entries(schema.properties).map(([k, p]) => [k, validValue(k, p)])),
    };
    // Act
    const verdicts = Object.keys(schema.properties).map((key) => {
      const { [key]: _omitted, ...rest } = { ...full, ...(key in (ONE_OF[name] ?? {}) ? {} : ONE_OF[name]) };
      const needed = key in (ONE_OF[name] ?? {}) ? { confirmation_code: 'K7Q4PZ' } : {};
      return [key, toolDefinitions[name].schema.safeParse({ ...rest, ...needed }).success];
    });
    // Assess
    expect(toolDefinitions[name].schema.safeParse(full).success).toBe(true);
    expect(verdicts).toEqual(
      Object.keys(schema.properties).map((key) => [key, !(schema.required ?? []).includes(key)]),
    );
  });

  it.each(TOOLS)('%s: zod enforces every bound the JSON Schema states', (name) => {
    // Prepare
    const schema = schemaOf(name);
    const base = minimalArgs(schema, name);
    const cases: Array<[string, unknown, boolean]> = [];
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (prop.maxLength !== undefined && !prop.pattern)
        cases.push([key, 'y'.repeat(prop.maxLength), true], [key, 'y'.repeat(prop.maxLength + 1), false]);
      if (prop.minimum !== undefined) cases.push([key, prop.minimum, true], [key, prop.minimum - 1, false]);
      if (prop.maximum !== undefined)
        cases.push([key, prop.maximum, true], [key, prop.maximum + 1, false], [key, prop.minimum! + 0.5, false]);
      if (prop.enum)
        cases.push(...prop.enum.map((v): [string, unknown, boolean] => [key, v, true]), [key, 'not-an-option', false]);
      if (prop.pattern) cases.push([key, PATTERN_EXAMPLES[key], true], [key, 'no match', false]);
    }
    // Act
    const verdicts = cases.map(
      ([key, value]) => toolDefinitions[name].schema.safeParse({ ...base, [key]: value }).success,
    );
    // Assess
    expect(cases.length).toBeGreaterThan(1);
    expect(verdicts).toEqual(cases.map(([, , ok]) => ok));
  });

  it.each(TOOLS)('%s: zod accepts random arguments generated from the JSON Schema', (name) => {
    // Prepare
    const schema = schemaOf(name);
    const text = (max: number) =>
      fc
        .string({ minLength: 1, maxLength: max, unit: fc.constantFrom(..."abcXYZ0189 ,.-'".split('')) })
        .filter((s) => s.trim().length > 0);
    const arbitraries: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
      Object.entries(schema.properties).map(([key, prop]) => {
        if (prop.enum) return [key, fc.constantFrom(...prop.enum)];
        if (prop.type === 'integer') return [key, fc.integer({ min: prop.minimum, max: prop.maximum })];
        if (prop.type === 'boolean') return [key, fc.boolean()];
        if (PATTERN_EXAMPLES[key]) return [key, fc.constant(PATTERN_EXAMPLES[key])];
        return [key, text(prop.maxLength ?? 50)];
      }),
    );
    // Act + Assess
    fc.assert(
      fc.property(fc.record(arbitraries, { requiredKeys: schema.required ?? [] }), (args) => {
        expect(toolDefinitions[name].schema.safeParse({ ...ONE_OF[name], ...args }).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every keyword used anywhere in a schema, through properties and items. */
function keywordsOf(schema: Record<string, unknown>): string[] {
  const own = Object.keys(schema);
  const props = Object.values((schema.properties ?? {}) as Record<string, Record<string, unknown>>).flatMap(keywordsOf);
  const items = typeof schema.items === 'object' ? keywordsOf(schema.items as Record<string, unknown>) : [];
  return [...own, ...props, ...items];
}

describe("The tool JSON conforms to VAPI's published JsonSchema type", () => {
  it.each(TOOLS)('%s: emits only the keywords VAPI declares', (name) => {
    // Act
    const used = new Set(keywordsOf(toolParametersJsonSchema(name)));
    // Assess
    expect([...used].filter((k) => !(VAPI_SCHEMA_KEYWORDS as readonly string[]).includes(k))).toEqual([]);
    expect(used.has('properties')).toBe(true);
  });

  it.each(TOOLS)('%s: every bound the server enforces is stated in words the model reads', (name) => {
    // Prepare
    const schema = schemaOf(name);
    const words = JSON.stringify(toolParametersJsonSchema(name)) + toolDefinitions[name].description;
    // Act
    const unstated = Object.entries(schema.properties).flatMap(([key, prop]) =>
      [prop.maxLength, prop.minimum, prop.maximum]
        .filter((n): n is number => n !== undefined && n > 1)
        .filter((n) => !words.includes(String(n)))
        .map((n) => `${key}: ${n}`),
    );
    // Assess
    expect(unstated).toEqual([]);
  });
});

describe('vapiToolPayloads', () => {
  const URL = 'https://abc.execute-api.us-west-2.amazonaws.com/vapi';

  it('builds one create-tool body per tool, with the JSON Schema and no secret by default', () => {
    // Act
    const payloads = vapiToolPayloads({ url: URL }) as Array<Record<string, any>>;
    // Assess
    expect(payloads.map((p) => p.function.name)).toEqual(TOOLS);
    for (const [i, payload] of payloads.entries()) {
      expect(payload).toMatchObject({
        type: 'function',
        async: false,
        function: { strict: false },
        server: { url: URL, timeoutSeconds: 20 },
      });
      expect(payload.function.parameters).toEqual(toolParametersJsonSchema(TOOLS[i]!));
      expect(payload.function.parameters).not.toHaveProperty('additionalProperties');
      expect(payload.function.parameters).not.toHaveProperty('$schema');
      expect(payload.function.description).toBe(toolDefinitions[TOOLS[i]!].description);
      expect(payload.server).toEqual({ url: URL, timeoutSeconds: 20 });
      expect(payload.messages.map((m: { type: string }) => m.type)).toEqual([
        'request-start',
        'request-response-delayed',
        'request-failed',
      ]);
      expect(payload.messages[1].timingMilliseconds).toBe(4000);
    }
  });

  it('adds the X-Vapi-Secret header and the credential id only when asked, and honours the timeout', () => {
    // Act
    const [payload] = vapiToolPayloads({
      url: URL,
      timeoutSeconds: 12,
      secretHeaderValue: 'shh',
      credentialId: 'cred_1',
    }) as Array<Record<string, any>>;
    // Assess
    expect(payload?.server).toEqual({
      url: URL,
      timeoutSeconds: 12,
      credentialId: 'cred_1',
      headers: { 'X-Vapi-Secret': 'shh' },
    });
  });

  it.each([
    [{ url: 'not a url' }],
    [{ url: 'http://abc.example.com/vapi' }],
    [{ url: URL, timeoutSeconds: 0 }],
    [{ url: URL, timeoutSeconds: 301 }],
    [{ url: URL, timeoutSeconds: 2.5 }],
    [{ url: URL, timeoutSeconds: Number.NaN }],
  ])('rejects %j', (opts) => {
    // Act
    const act = () => vapiToolPayloads(opts);
    // Assess
    expect(act).toThrow(ValidationError);
  });

  it('tells the model to use local time, ask the name, offer the options and not invent times', () => {
    // Act
    const text = `${toolDefinitions.get_availability.description} ${toolDefinitions.set_appointment.description}`;
    // Assess
    expect(text).toMatch(/local time/);
    expect(text).toMatch(/Ask for the caller's name before booking/);
    expect(text).toMatch(/offer those options/);
    expect(text).toMatch(/Never invent/);
  });
});
