/** The bench's tool-call driver: sequential webhook calls with the provider requests each caused, and their tallies. */
import type { LocalApp } from '../../local/app';
import { firstResult, toolCall, toolCallCount, webhook } from './client';
import { callIo } from './io-figures';
import type { InvocationTracer } from './io-trace';
import { providerRoutes, type CallSample } from './measure';
import { availabilityQueries, slotPool } from './slots';

/**
 * A caller of one tool at a time, answering with the call's sample (calls are sequential, so the request delta of
 * `requests`, the provider emulator's log, is this call's). With a `tracer`, each call also waits until the work it
 * left in the background has settled (so no call's I/O runs into the next), and its sample carries the invocation's
 * I/O (left out when the call did not map to exactly one traced invocation).
 */
export function toolCaller(
  app: LocalApp,
  requests: ReadonlyArray<{ route: string }> = app.emulator!.requests,
  tracer?: InvocationTracer,
) {
  return async (name: string, args: Record<string, unknown>) => {
    const from = requests.length;
    tracer?.take();
    const answer = await webhook(app, toolCall(name, args));
    await tracer?.settled();
    const traces = tracer?.take() ?? [];
    const routes = providerRoutes(requests, from);
    const token = routes.filter((r) => r === 'token').length;
    const sample: CallSample = { ms: answer.ms, graph: routes.length - token, token, routes };
    if (traces.length === 1) sample.io = callIo(traces[0]!);
    return { sample, status: answer.status, ...firstResult(answer) };
  };
}

export type ToolCaller = ReturnType<typeof toolCaller>;

/**
 * get_availability calls cycling through the horizon's queries, and bookings of distinct slots harvested from their
 * answers; `record` false (warm-up) leaves the tallies untouched.
 */
export function bookingDriver(call: ToolCaller, firstAnswer: Record<string, unknown> | undefined) {
  // Bookable slots, harvested from get_availability answers over the horizon (day × part of day).
  const pool = slotPool();
  pool.add(firstAnswer);
  const queries = availabilityQueries();
  let queryIndex = 0;
  const tally = {
    availabilitySamples: [] as CallSample[],
    bookingSamples: [] as CallSample[],
    availabilityFailed: 0,
    bookingFailed: 0,
    booked: 0,
    notBooked: 0,
    notBookedReasons: {} as Record<string, number>,
  };

  const availability = async (record: boolean) => {
    const answer = await call('get_availability', queries[queryIndex++ % queries.length]!);
    if (answer.status !== 200 || answer.error || !answer.result) tally.availabilityFailed += record ? 1 : 0;
    pool.add(answer.result);
    if (record) tally.availabilitySamples.push(answer.sample);
  };
  /** Refills the pool with a sweep over every query; false when the sweep found nothing new. */
  const refill = async (record: boolean) => {
    const before = pool.size;
    for (let i = 0; i < queries.length; i++) await availability(record);
    return pool.size > before;
  };
  /** Books the next free slot (refilling the pool when it is dry); false when no free slot is left. */
  const book = async (record: boolean) => {
    let slot = pool.take();
    if (!slot && (await refill(record))) slot = pool.take();
    if (!slot) return false;
    const answer = await call('set_appointment', {
      start_time: slot.start,
      attendee_name: `Bench Caller ${toolCallCount()}`,
      property_address: '12 Elm St',
    });
    if (answer.status !== 200 || answer.error || !answer.result) {
      if (record) tally.bookingFailed += 1;
    } else if (answer.result.booked === true) {
      if (record) tally.booked += 1;
    } else if (record) {
      tally.notBooked += 1;
      const reason = String(answer.result.reason);
      tally.notBookedReasons[reason] = (tally.notBookedReasons[reason] ?? 0) + 1;
    }
    if (record) tally.bookingSamples.push(answer.sample);
    return true;
  };
  return { availability, book, tally, pool, refill };
}
