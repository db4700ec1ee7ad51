/**
 * The tools the voice agent gets: LLM-facing descriptions, argument schemas, and the JSON for VAPI's create-tool API.
 * The JSON Schema the model sees is generated from the same zod schema the webhook validates with, so they cannot
 * drift.
 */
import * as z from 'zod';
import { ValidationError } from '../errors';
import { getAvailabilitySchema, setAppointmentSchema } from './tool-schemas';

export { getAvailabilitySchema, setAppointmentSchema } from './tool-schemas';
export type { GetAvailabilityArgs, SetAppointmentArgs } from './tool-schemas';

export type ToolName = 'get_availability' | 'set_appointment';

const GET_AVAILABILITY = [
  "Finds open times for a property viewing on the property manager's calendar.",
  "Dates and times are in the property's local time.",
  'Returns a few options, each with a start time and a spoken form: ' +
    'offer those options to the caller, reading the spoken form.',
  'Never invent, round or shift times; only offer times this tool returned.',
  'If nothing is free, the result says why; suggest another day or part of the day and call this tool again.',
].join(' ');

const SET_APPOINTMENT = [
  "Books a property viewing on the property manager's calendar.",
  'Call it only after the caller has chosen one of the times get_availability returned, ' +
    "and pass that time's start value unchanged as start_time.",
  "Ask for the caller's name before booking; their phone number is taken from the call unless they give another.",
  "Dates and times are in the property's local time.",
  'If the time has just been taken, the result says so: offer the other options instead. ' +
    'Confirm the booked time to the caller from the result.',
].join(' ');

/** Each tool's LLM-facing description and its argument schema. */
export const toolDefinitions = {
  get_availability: { description: GET_AVAILABILITY, schema: getAvailabilitySchema },
  set_appointment: { description: SET_APPOINTMENT, schema: setAppointmentSchema },
} as const satisfies Record<ToolName, { description: string; schema: z.ZodType }>;

/** The JSON Schema of a tool's parameters (an object schema with properties and required). */
export function toolParametersJsonSchema(name: ToolName): Record<string, unknown> {
  // Output mode: the model sees the canonical form (e.g. the time_of_day enum) rather than what we also tolerate.
  const {
    $schema: _drop,
    additionalProperties: _extra,
    ...schema
  } = z.toJSONSchema(toolDefinitions[name].schema) as Record<string, unknown>;
  // additionalProperties is dropped because unknown keys are accepted (and stripped), not rejected.
  return schema;
}

/**
 * What VAPI says while the tool runs and if it fails (vapi.md §2:
 * request-start, request-response-delayed, request-failed).
 */
const SPOKEN: Record<ToolName, { start: string; delayed: string; failed: string }> = {
  get_availability: {
    start: 'One moment while I check the calendar.',
    delayed: 'Still checking, thanks for waiting.',
    failed: "Sorry, I couldn't reach the calendar just now.",
  },
  set_appointment: {
    start: 'One moment while I book that for you.',
    delayed: 'Still working on the booking, thanks for waiting.',
    failed: "Sorry, I couldn't complete the booking just now.",
  },
};

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
  return (Object.keys(toolDefinitions) as ToolName[]).map((name) => ({
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
      { type: 'request-start', content: SPOKEN[name].start },
      { type: 'request-response-delayed', timingMilliseconds: 4000, content: SPOKEN[name].delayed },
      { type: 'request-failed', content: SPOKEN[name].failed },
    ],
  }));
}
