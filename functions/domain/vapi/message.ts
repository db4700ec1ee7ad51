/** Parses the body VAPI POSTs to the server URL into the few things the webhook acts on. See vapi.md §1, §3, §8. */
import * as z from 'zod/mini';
import { ValidationError } from '../errors';
import { decodeArguments, readToolCalls, type ToolCallRequest } from './tool-call-entries';

export type { ToolCallRequest } from './tool-call-entries';

/** Who and what the call is about; each field is absent when VAPI did not send it. */
export interface CallContext {
  callId?: string;
  phoneNumberId?: string;
  assistantId?: string;
  customerNumber?: string;
}

/** What a VAPI server message asks of us. `timestampMs` is the message timestamp, if any, as epoch ms. */
export type ParsedVapiMessage =
  | { kind: 'tool-calls'; calls: ToolCallRequest[]; context: CallContext; timestampMs?: number }
  | { kind: 'function-call'; call: ToolCallRequest; context: CallContext; timestampMs?: number }
  /** The call is over (status-update with status "ended", or the end-of-call-report after it): holds go. */
  | { kind: 'call-ended'; type: string; context: CallContext }
  /** The call starts (status-update "in-progress", or assistant-request): its busy time may be prefetched. */
  | { kind: 'call-started'; type: 'status-update' | 'assistant-request'; context: CallContext }
  | { kind: 'other'; type: string };

/** The id given to a legacy function-call when the message carries no call id. */
export const FUNCTION_CALL_ID = 'function-call';

const Envelope = z.object({ message: z.object({ type: z.string().check(z.minLength(1)) }) });

// Tolerant: a malformed part reads as absent instead of rejecting the message.
const absentIfBad = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);
const Id = absentIfBad(z.string().check(z.minLength(1)));
const Customer = absentIfBad(z.object({ number: Id }));
const List = absentIfBad(z.array(z.unknown()));
const Parts = z.object({
  timestamp: absentIfBad(z.union([z.number(), z.string()])),
  call: absentIfBad(z.object({ id: Id, phoneNumberId: Id, assistantId: Id, customer: Customer })),
  phoneNumber: absentIfBad(z.object({ id: Id })),
  customer: Customer,
  toolCallList: List,
  toolWithToolCallList: List,
  toolCalls: List,
  functionCall: absentIfBad(
    z.object({ name: Id, parameters: z.optional(z.unknown()), arguments: z.optional(z.unknown()) }),
  ),
});
type MessageParts = z.infer<typeof Parts>;

function contextOf(parts: MessageParts): CallContext {
  const context: CallContext = {
    callId: parts.call?.id,
    phoneNumberId: parts.call?.phoneNumberId ?? parts.phoneNumber?.id,
    assistantId: parts.call?.assistantId,
    customerNumber: parts.call?.customer?.number ?? parts.customer?.number,
  };
  // Drop absent keys so callers (and test equality) see only what VAPI sent.
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as CallContext;
}

/** The timestamp as epoch ms: SDKs sent an ISO string until 2024-12 and a number since 2025-03 (vapi.md §1.4). */
function timestampOf(raw: number | string | undefined): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (raw === undefined) return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The legacy `function-call` message as one tool call; its id is the call id (there is no tool-call id). */
function functionCallOf(parts: MessageParts): ToolCallRequest {
  const fn = parts.functionCall;
  const { args, argsError } = decodeArguments(fn?.parameters ?? fn?.arguments);
  const call: ToolCallRequest = { id: parts.call?.id ?? FUNCTION_CALL_ID, name: fn?.name ?? '', args };
  if (fn?.name === undefined) call.argsError = 'function name is missing';
  else if (argsError !== undefined) call.argsError = argsError;
  return call;
}

/**
 * Parses a webhook body; throws ValidationError unless it is `{ message: { type: string } }`. Never throws otherwise.
 */
export function parseVapiMessage(body: unknown): ParsedVapiMessage {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) throw new ValidationError('The body is not a VAPI server message.', 'vapi_message');
  const { type } = envelope.data.message;
  const raw = (body as { message: Record<string, unknown> }).message;
  if (type === 'end-of-call-report' || (type === 'status-update' && raw.status === 'ended')) {
    return { kind: 'call-ended', type, context: contextOf(Parts.parse(raw)) };
  }
  if (type === 'assistant-request' || (type === 'status-update' && raw.status === 'in-progress')) {
    return { kind: 'call-started', type, context: contextOf(Parts.parse(raw)) };
  }
  if (type !== 'tool-calls' && type !== 'function-call') return { kind: 'other', type };
  const parts = Parts.parse(raw);
  const context = contextOf(parts);
  const timestampMs = timestampOf(parts.timestamp);
  const stamp = timestampMs === undefined ? {} : { timestampMs };
  if (type === 'function-call') return { kind: 'function-call', call: functionCallOf(parts), context, ...stamp };
  return { kind: 'tool-calls', calls: readToolCalls(parts), context, ...stamp };
}
