/**
 * The tools the voice agent gets: LLM-facing descriptions, argument schemas, and the JSON for VAPI's create-tool API.
 * The JSON Schema the model sees is generated from the same zod schema the webhook validates with, so they cannot
 * drift.
 */
import * as z from 'zod/mini';
import { ValidationError } from '../errors';
import { TOOL_NAMES, TOOL_TABLE, type ToolName } from '../tools/table';

export { getAvailabilitySchema, setAppointmentSchema } from './tool-schemas';
export type { GetAvailabilityArgs, SetAppointmentArgs } from './tool-schemas';
export type { ToolName } from '../tools/table';

/** Each tool's LLM-facing description and its argument schema (from the tool table). */
export const toolDefinitions = TOOL_TABLE;

/**
 * The JSON Schema keywords VAPI's server SDK (2.0.1) declares for a tool's parameters. Anything else (minLength,
 * maximum…) is dropped from what VAPI gets: the limits are stated in the descriptions and enforced by our schemas.
 */
export const VAPI_SCHEMA_KEYWORDS = [
  'type',
  'items',
  'properties',
  'description',
  'pattern',
  'format',
  'required',
  'enum',
  'title',
] as const;

/** The schema with only VAPI's keywords, recursively through properties and items. */
function vapiShaped(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of VAPI_SCHEMA_KEYWORDS) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'properties') {
      const props = value as Record<string, Record<string, unknown>>;
      out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, vapiShaped(v)]));
    } else if (key === 'items' && typeof value === 'object' && value !== null) {
      out.items = vapiShaped(value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

/** The whole JSON Schema zod derives for a tool's parameters, bounds included (what the server enforces). */
export function fullParametersJsonSchema(name: ToolName): Record<string, unknown> {
  // Output mode: the model sees the canonical form (e.g. the time_of_day enum) rather than what we also tolerate.
  return z.toJSONSchema(toolDefinitions[name].schema, { unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The JSON Schema of a tool's parameters (an object schema with properties and required), in VAPI's keywords. */
export function toolParametersJsonSchema(name: ToolName): Record<string, unknown> {
  // additionalProperties is dropped too: unknown keys are accepted (and stripped), not rejected.
  return vapiShaped(fullParametersJsonSchema(name));
}

export interface ToolPayloadOptions {
  /** The webhook URL (https). */
  url: string;
  /** VAPI's wait for our answer, 1–300 s; default 20. */
  timeoutSeconds?: number;
  /**
   * Sent as a static `X-Vapi-Secret` header. Prefer a VAPI Bearer credential (`credentialId`)
   * so the secret is not in the tool.
   */
  secretHeaderValue?: string;
  /** A VAPI credential (Bearer, header X-Vapi-Secret or Authorization) created in the dashboard or via the API. */
  credentialId?: string;
}

/** The bodies to POST to https://api.vapi.ai/tool, one per tool. Throws ValidationError on a bad url or timeout. */
export function vapiToolPayloads(opts: ToolPayloadOptions): object[] {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new ValidationError('The webhook url is not a valid URL.', 'url');
  }
  if (url.protocol !== 'https:') throw new ValidationError('The webhook url must use https.', 'url');
  const timeoutSeconds = opts.timeoutSeconds ?? 20;
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 300) {
    throw new ValidationError('The timeout must be a whole number of seconds from 1 to 300.', 'timeout');
  }
  return TOOL_NAMES.map((name) => ({
    type: 'function',
    async: false,
    function: {
      name,
      description: toolDefinitions[name].description,
      strict: false,
      parameters: toolParametersJsonSchema(name),
    },
    server: {
      url: opts.url,
      timeoutSeconds,
      ...(opts.credentialId ? { credentialId: opts.credentialId } : {}),
      ...(opts.secretHeaderValue ? { headers: { 'X-Vapi-Secret': opts.secretHeaderValue } } : {}),
    },
    messages: [
      { type: 'request-start', content: TOOL_TABLE[name].spoken.start },
      { type: 'request-response-delayed', timingMilliseconds: 4000, content: TOOL_TABLE[name].spoken.delayed },
      { type: 'request-failed', content: TOOL_TABLE[name].spoken.failed },
    ],
  }));
}
