/** The webhook bench's gated targets, and the check of a run against them. */
import type { WebhookFigures } from './figures';

/** Targets the bench gates on. */
export const WEBHOOK_TARGETS = {
  /** Graph requests per get_availability call (the calendar view). */
  availabilityGraph: 1,
  /** Graph requests per set_appointment call (live re-check + create). */
  bookingGraph: 2,
  /** Graph requests per find_appointment by code (the one event, read by id). */
  findGraph: 1,
  /** Graph requests per reschedule: the event by id beside the calendar view (one round trip), then the PATCH. */
  rescheduleGraph: 3,
  /** Graph requests per cancel: who is invited, then /cancel (or DELETE). */
  cancelGraph: 2,
  /** Token-endpoint requests per warm call (the cached access token is still valid). */
  tokenPerCall: 0,
  /** KMS calls after warm-up (the data-key cache serves every open). */
  warmKmsCalls: 0,
  /** VAPI's tool-call timeout; latency is reported against it but not gated here. */
  vapiTimeoutMs: 20_000,
} as const;

/** The targets a run missed, one line each. */
export function missedTargets(f: WebhookFigures): string[] {
  const t = WEBHOOK_TARGETS;
  const misses: string[] = [];
  if (f.availability.roundTrips.graphMax > t.availabilityGraph)
    misses.push(`get_availability Graph requests: max ${f.availability.roundTrips.graphMax} > ${t.availabilityGraph}`);
  if (f.booking.roundTrips.graphMax > t.bookingGraph)
    misses.push(`set_appointment Graph requests: max ${f.booking.roundTrips.graphMax} > ${t.bookingGraph}`);
  const tokenMax = Math.max(f.availability.roundTrips.tokenMax, f.booking.roundTrips.tokenMax);
  if (tokenMax > t.tokenPerCall)
    misses.push(`token-endpoint requests on warm calls: max ${tokenMax} > ${t.tokenPerCall}`);
  const lc = f.lifecycle;
  for (const [name, figures, target] of [
    ['find_appointment', lc.find, t.findGraph],
    ['reschedule_appointment', lc.reschedule, t.rescheduleGraph],
    ['cancel_appointment', lc.cancel, t.cancelGraph],
  ] as const) {
    if (figures.roundTrips.graphMax > target)
      misses.push(`${name} Graph requests: max ${figures.roundTrips.graphMax} > ${target}`);
    if (!figures.calls) misses.push(`no ${name} call was measured`);
  }
  if (lc.failures.length) misses.push(`${lc.failures.length} lifecycle calls misbehaved: ${lc.failures[0]}`);
  if (f.kms.warm.total > t.warmKmsCalls)
    misses.push(`KMS calls on the warm path: ${f.kms.warm.total} > ${t.warmKmsCalls}`);
  if (f.kms.cold.total === 0)
    misses.push('no KMS call on the cold path: the app did not use the KMS cipher, so the KMS figures mean nothing');
  if (f.availability.failed) misses.push(`${f.availability.failed} get_availability calls failed`);
  if (f.booking.failed || f.booking.notBooked)
    misses.push(`${f.booking.failed} set_appointment calls failed, ${f.booking.notBooked} not booked`);
  if (f.booking.calls < f.booking.requested)
    misses.push(`only ${f.booking.calls} of ${f.booking.requested} bookings: free slots ran out`);
  return misses;
}
