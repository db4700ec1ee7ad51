/** What the caller hears when a tool call fails for a reason outside their control. */
import {
  NotConnectedError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
} from '../errors';

/** A single-line sentence the voice agent can say for `error`, offering a call back. Never the error's own text. */
export function spokenFailure(error: unknown): string {
  if (error instanceof NotConnectedError) {
    return (
      "The manager's calendar isn't set up yet, so I can't check or book times. " +
      "I can have the manager call you back to set up a time. Is the number you're calling from the best one?"
    );
  }
  if (error instanceof ReconnectRequiredError) {
    return (
      "I can't reach the manager's calendar right now, so I can't check or book times. " +
      "I can have the manager call you back to set up a time. Is the number you're calling from the best one?"
    );
  }
  // An aborted or timed-out AWS or provider call (the deadline passed) is the same story for the caller.
  const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  if (error instanceof ProviderUnavailableError || timedOut) {
    return "The calendar isn't responding right now. Would you like the manager to call you back to set up a time?";
  }
  if (error instanceof ProviderError || error instanceof NotFoundError) {
    return (
      "I couldn't work with the manager's calendar just now. " +
      'Would you like the manager to call you back to set up a time?'
    );
  }
  return 'Something went wrong on my side. Would you like the manager to call you back to set up a time?';
}
