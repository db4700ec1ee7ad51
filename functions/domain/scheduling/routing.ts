/** Whose calendar a call books on: decided from trusted call context only, never from LLM arguments. */

export interface CallRouting {
  defaultManagerId: string;
  /** VAPI phoneNumberId or assistantId → managerId. */
  routes: Record<string, string>;
}

/** The manager for a call: its phone number's route, else its assistant's route, else the default. */
export function managerForCall(context: { phoneNumberId?: string; assistantId?: string }, routing: CallRouting): string {
  const byPhone = context.phoneNumberId ? routing.routes[context.phoneNumberId] : undefined;
  const byAssistant = context.assistantId ? routing.routes[context.assistantId] : undefined;
  return byPhone ?? byAssistant ?? routing.defaultManagerId;
}
