/** Normalises the many tool-call shapes VAPI (and its docs) use into one `ToolCallRequest`. See vapi.md §1.3. */
import * as z from 'zod/mini';

/** One tool call, normalised. `argsError` says why `args` could not be read (then `args` is `{}`). */
export interface ToolCallRequest {
  id: string;
  name: string;
  args: Record<string, unknown>;
  argsError?: string;
}

// Every part is optional and falls back to undefined, so one odd field never rejects the whole entry.
// z.unknown() keys need z.optional() in zod 4, or an absent key fails the whole entry.
const Text = z.catch(z.optional(z.string().check(z.minLength(1))), undefined);
const FunctionPart = z.object({ name: Text, arguments: z.optional(z.unknown()), parameters: z.optional(z.unknown()) });
const RawCall = z.object({
  id: Text,
  name: Text,
  arguments: z.optional(z.unknown()),
  parameters: z.optional(z.unknown()),
  function: z.catch(z.optional(FunctionPart), undefined),
});
const RawToolWithCall = z.object({
  name: Text,
  function: z.catch(z.optional(z.object({ name: Text })), undefined),
  toolCall: z.optional(z.unknown()),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Arguments given as an object or as a JSON string (the schema says string; real payloads carry objects). */
export function decodeArguments(raw: unknown): { args: Record<string, unknown>; argsError?: string } {
  if (raw === undefined || raw === null) return { args: {} };
  if (isPlainObject(raw)) return { args: raw };
  if (typeof raw !== 'string') return { args: {}, argsError: 'arguments are not an object' };
  if (raw.trim() === '') return { args: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { args: {}, argsError: 'arguments are not valid JSON' };
  }
  return isPlainObject(parsed) ? { args: parsed } : { args: {}, argsError: 'arguments are not a JSON object' };
}

/**
 * One entry of `toolCallList`/`toolCalls` (or a `toolWithToolCallList[].toolCall`), or undefined if it has no id:
 * a result is matched by its toolCallId, so an answer to an id-less call could never reach the model.
 */
export function readToolCall(entry: unknown, fallbackName?: string): ToolCallRequest | undefined {
  const parsed = RawCall.safeParse(entry);
  if (!parsed.success || parsed.data.id === undefined) return undefined;
  const { id, function: fn } = parsed.data;
  const name = fn?.name ?? parsed.data.name ?? fallbackName;
  // Captured payloads use function.arguments; the docs also show flattened `arguments` and `parameters`.
  const raw = fn?.arguments ?? parsed.data.arguments ?? fn?.parameters ?? parsed.data.parameters;
  const { args, argsError } = decodeArguments(raw);
  if (name === undefined) return { id, name: '', args, argsError: 'tool name is missing' };
  return argsError === undefined ? { id, name, args } : { id, name, args, argsError };
}

/**
 * The calls in `toolWithToolCallList` (tool config + call);
 * the tool's own `function.parameters` is a schema, not arguments.
 */
function readToolWithCall(entry: unknown): ToolCallRequest | undefined {
  const parsed = RawToolWithCall.safeParse(entry);
  if (!parsed.success) return undefined;
  return readToolCall(parsed.data.toolCall, parsed.data.function?.name ?? parsed.data.name);
}

/** The calls of the first list that yields any: toolCallList, then toolWithToolCallList, then toolCalls. */
export function readToolCalls(lists: {
  toolCallList?: unknown[];
  toolWithToolCallList?: unknown[];
  toolCalls?: unknown[];
}): ToolCallRequest[] {
  const candidates: Array<() => Array<ToolCallRequest | undefined>> = [
    () => (lists.toolCallList ?? []).map((entry) => readToolCall(entry)),
    () => (lists.toolWithToolCallList ?? []).map(readToolWithCall),
    () => (lists.toolCalls ?? []).map((entry) => readToolCall(entry)),
  ];
  for (const read of candidates) {
    const calls = read().filter((call): call is ToolCallRequest => call !== undefined);
    if (calls.length > 0) return calls;
  }
  return [];
}
