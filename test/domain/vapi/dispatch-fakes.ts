/** Shared fakes for the dispatch tests. */
import { vi } from 'vitest';
import type { ToolHandlers, ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import type { CallContext, ToolCallRequest } from '../../../functions/domain/vapi/message';

export const CONTEXT: CallContext = { callId: 'call-1', customerNumber: '+15550001111' };

/** Handlers that record what they were given and answer with a fixed result. */
export function recordingHandlers(outcome: ToolOutcome = { result: { message: 'ok' } }) {
  const seen: Array<{ tool: string; args: unknown; toolCallId: string; context: CallContext }> = [];
  const handlers: ToolHandlers = {
    get_availability: vi.fn(async (args, call) => {
      seen.push({ tool: 'get_availability', args, ...call });
      return outcome;
    }),
    set_appointment: vi.fn(async (args, call) => {
      seen.push({ tool: 'set_appointment', args, ...call });
      return outcome;
    }),
  };
  return { handlers, seen };
}

/** A parsed tool call. */
export function call(name: string, args: Record<string, unknown>, id = 'call_x'): ToolCallRequest {
  return { id, name, args };
}

/** Matches text without any line break. */
export const SINGLE_LINE = /^[^\r\n\u2028\u2029]*$/;
