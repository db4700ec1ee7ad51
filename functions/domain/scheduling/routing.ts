/** Whose calendar a call books on: decided from trusted call context only, never from LLM arguments. */

export interface CallRouting {
  defaultManagerId: string;
  /** VAPI phoneNumberId or assistantId → managerId. */
  routes: Record<string, string>;
}

/** The manager for a call: its phone number's route, else its assistant's route, else the default. */
export function managerForCall(
  context: { phoneNumberId?: string; assistantId?: string },
  routing: CallRouting,
): string {
  // Own properties only: an id like "constructor" must not reach Object.prototype.
  const route = (id?: string) => (id && Object.hasOwn(routing.routes, id) ? routing.routes[id] : undefined);
  const byPhone = route(context.phoneNumberId);
  const byAssistant = route(context.assistantId);
  return byPhone ?? byAssistant ?? routing.defaultManagerId;
}
