/**
 * Lambda timeouts, in one place for the stack and for the local server (which enforces them like API Gateway).
 * Free of aws-cdk-lib imports so `npm start` can read it.
 */

/** The webhook: under VAPI's 20 s tool timeout, so VAPI always gets our answer, never its own timeout. */
export const WEBHOOK_TIMEOUT_SECONDS = 18;

/** The browser-facing and status functions. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** The webhook's default answer budget: well under VAPI's 20 s tool timeout and the webhook's Lambda timeout. */
export const DEFAULT_WEBHOOK_BUDGET_MS = 12_000;
