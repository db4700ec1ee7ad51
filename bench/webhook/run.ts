/**
 * Webhook benchmark run: boots the whole product in-process (DynamoDB Local, Microsoft emulator, the four handlers
 * behind the local HTTP server) with KMS mocked, connects the default manager to a calendar with a realistic number of
 * events, then measures get_availability and set_appointment tool calls end to end over loopback HTTP, counts provider
 * round trips (Graph and token endpoint) and KMS calls per call, and samples process memory.
 */
import { startLocalApp, type LocalApp } from '../../local/app';
import { benchCalendar, EVENT_DAYS } from './calendar';
import { connect } from './client';
import { bookingDriver, toolCaller } from './driver';
import { lifecycleRounds } from './lifecycle';
import type { WebhookFigures } from './figures';
import { ioFigures } from './io-summary';
import { traceInvocations } from './io-trace';
import { minus, mockKms } from './kms-mock';
import { countRoutes, latency, memory, providerRoutes, roundTrips } from './measure';
import { report } from './report';
import { missedTargets } from './targets';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

// 20 calls leave DynamoDB Local's JVM and V8 still warming (the next ~20 calls run 2-4x slower), hence 50.
const WARMUP_AVAILABILITY = 40;
const WARMUP_BOOKINGS = 10;
/** Book → find → reschedule → cancel rounds measured after the bookings. */
const LIFECYCLE_ROUNDS = 20;

/**
 * Runs the benchmark: `iterations` measured get_availability calls (default 200) and `bookings` measured
 * set_appointment calls (default iterations / 2, i.e. 100); `log` receives the report lines.
 */
export async function benchWebhook(
  opts: { iterations?: number; bookings?: number; log?: (line: string) => void } = {},
): Promise<WebhookFigures> {
  const availabilityCalls = Math.max(1, opts.iterations ?? 200);
  const bookingsWanted = Math.max(1, opts.bookings ?? Math.ceil(availabilityCalls / 2));
  const log = opts.log ?? console.log;

  const kms = mockKms();
  // Before the app starts: the tracer sees every webhook invocation and the I/O each one starts.
  const tracer = traceInvocations();
  const calendar = benchCalendar();
  let app: LocalApp | undefined;
  try {
    // The handlers prefer TOKEN_KMS_KEY_ID over the local key, so the warm path runs the KMS cipher (mocked).
    app = await startLocalApp({
      port: 0,
      calendar,
      tablePrefix: `bench-${process.pid}-`,
      env: { TOKEN_KMS_KEY_ID: 'alias/bench' },
    });
    const requests = app.emulator!.requests;
    const call = toolCaller(app, requests, tracer);

    // Cold path: connect (auth code exchange, seal) + the first tool call (open the sealed cache).
    const coldFrom = requests.length;
    await connect(app);
    const first = await call('get_availability', {});
    if (first.status !== 200 || first.error)
      throw new Error(`first get_availability failed: ${first.status} ${first.error ?? ''}`);
    const coldRoutes = providerRoutes(requests, coldFrom);
    const coldByRoute = countRoutes(coldRoutes);
    const coldProvider = {
      graph: coldRoutes.filter((r) => r !== 'token').length,
      token: coldByRoute.token ?? 0,
      byRoute: coldByRoute,
    };
    const cold = kms.count();

    const { availability, book, tally, pool, refill } = bookingDriver(call, first.result);

    // Warm-up: both tools, so every module, client, connection pool and data-key cache is hot.
    for (let i = 0; i < WARMUP_AVAILABILITY; i++) await availability(false);
    for (let i = 0; i < WARMUP_BOOKINGS; i++) await book(false);
    const warmUp = minus(kms.count(), cold);

    // Measured phase.
    const kmsBefore = kms.count();
    const memBefore = memory();
    for (let i = 0; i < availabilityCalls; i++) await availability(true);
    let slotsRanOut = false;
    for (let i = 0; i < bookingsWanted; i++) {
      if (!(await book(true))) {
        slotsRanOut = true;
        break;
      }
    }
    const rounds = await lifecycleRounds(call, pool, refill, LIFECYCLE_ROUNDS);
    const memAfter = memory();
    const warm = minus(kms.count(), kmsBefore);

    const { availabilitySamples, bookingSamples } = tally;
    const figures: WebhookFigures = {
      calendar: { events: calendar.events.length, days: EVENT_DAYS },
      availability: {
        ...latency(availabilitySamples.map((s) => s.ms)),
        roundTrips: roundTrips(availabilitySamples),
        io: ioFigures(availabilitySamples.map((s) => s.io)),
        failed: tally.availabilityFailed,
        requested: availabilityCalls,
        harvest: availabilitySamples.length - availabilityCalls,
      },
      booking: {
        ...latency(bookingSamples.map((s) => s.ms)),
        roundTrips: roundTrips(bookingSamples),
        io: ioFigures(bookingSamples.map((s) => s.io)),
        booked: tally.booked,
        notBooked: tally.notBooked,
        failed: tally.bookingFailed,
        requested: bookingsWanted,
        slotsRanOut,
      },
      lifecycle: {
        find: { ...latency(rounds.find.map((s) => s.ms)), roundTrips: roundTrips(rounds.find) },
        reschedule: { ...latency(rounds.reschedule.map((s) => s.ms)), roundTrips: roundTrips(rounds.reschedule) },
        cancel: { ...latency(rounds.cancel.map((s) => s.ms)), roundTrips: roundTrips(rounds.cancel) },
        failures: rounds.failures,
      },
      kms: { cold, warmUp, warm },
      coldProvider,
      memory: { before: memBefore, after: memAfter },
      misses: [],
    };
    figures.misses = missedTargets(figures);
    report(figures, log, tally.notBookedReasons, WARMUP_AVAILABILITY + WARMUP_BOOKINGS);
    return figures;
  } finally {
    await app?.stop();
    tracer.stop();
    kms.restore();
  }
}
