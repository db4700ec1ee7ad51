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
  /** Own-code time per warm get_availability, median ms: the handler's wall time minus its DynamoDB and HTTP I/O. */
  availabilityOwnMs: 5,
  /** DynamoDB writes on get_availability's answer path (its use of the calendar is recorded off that path). */
  availabilityDynamoWrites: 0,
  /** Sequential provider calls per get_availability (the calendar view). */
  availabilityProviderSteps: 1,
  /** Sequential DynamoDB round trips per set_appointment on the answer's path (overlapping requests are one). */
  bookingDynamoSteps: 3,
  /** Sequential provider calls per set_appointment: the live re-check, then the create. */
  bookingProviderSteps: 2,
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
  misses.push(...ioMisses(f));
  if (f.booking.calls < f.booking.requested)
    misses.push(`only ${f.booking.calls} of ${f.booking.requested} bookings: free slots ran out`);
  return misses;
}

/** The missed I/O targets: own-code time, DynamoDB writes and sequential round trips, untraced calls. */
export function ioMisses(f: Pick<WebhookFigures, 'availability' | 'booking'>): string[] {
  const t = WEBHOOK_TARGETS;
  const a = f.availability.io;
  const b = f.booking.io;
  const misses: string[] = [];
  for (const [name, io] of [
    ['get_availability', a],
    ['set_appointment', b],
  ] as const) {
    if (io.traced < io.calls) misses.push(`${name}: ${io.calls - io.traced} of ${io.calls} calls could not be traced`);
  }
  const over = (figure: string, value: number, target: number, unit = '') => {
    if (!(value <= target)) misses.push(`${figure}: ${Number(value.toFixed(2))}${unit} > ${target}${unit}`);
  };
  over('get_availability own-code time, median', a.ownMs.p50, t.availabilityOwnMs, ' ms');
  over(
    'get_availability DynamoDB writes on the answer path, max',
    a.dynamo.writesAnswered.max,
    t.availabilityDynamoWrites,
  );
  over('get_availability sequential provider calls, max', a.provider.chain.max, t.availabilityProviderSteps);
  over('set_appointment sequential DynamoDB round trips, max', b.dynamo.chain.max, t.bookingDynamoSteps);
  over('set_appointment sequential provider calls, max', b.provider.chain.max, t.bookingProviderSteps);
  return misses;
}
