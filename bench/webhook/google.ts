/**
 * The Google part of the webhook bench: the same product, its default manager connected to Google Calendar through
 * the Google emulator (one calendar, the bench's generated events), then get_availability, set_appointment and the
 * lifecycle tools measured end to end, with the Calendar API and token-endpoint requests each call caused. It runs in
 * its own process (npm run bench spawns it): the handlers read their configuration once per process, at cold start,
 * so a second app in the webhook bench's process would run with the first one's tables and keys.
 */
import { pathToFileURL } from 'node:url';
import type { EventResource, GoogleSandboxFile } from '../../local/sandbox/google';
import { startLocalApp, type LocalApp } from '../../local/app';
import { benchCalendar, EVENT_DAYS, ZONE } from './calendar';
import { bookingDriver, toolCaller } from './driver';
import { googleConnect } from './client';
import { lifecycleRounds } from './lifecycle';
import { latency, roundTrips, type CallSample } from './measure';
import type { LatencyFigures, RoundTripFigures } from './figures';

/** Targets for a Google-connected manager with one calendar: 1 request per calendar, 2 per booking, 0 token. */
export const GOOGLE_TARGETS = { availability: 1, booking: 2, find: 1, reschedule: 3, cancel: 2, token: 0 } as const;

type Figures = LatencyFigures & { roundTrips: RoundTripFigures };

export interface GoogleFigures {
  events: number;
  availability: Figures;
  booking: Figures & { booked: number };
  find: Figures;
  reschedule: Figures;
  cancel: Figures;
  failures: string[];
  misses: string[];
}

/** The bench's generated events as Google event resources in one calendar (busy opaque, free transparent). */
function googleBenchCalendar(): GoogleSandboxFile {
  const events: EventResource[] = benchCalendar().events.map((e) => ({
    summary: e.subject,
    start: { dateTime: e.start!.dateTime, timeZone: ZONE },
    end: { dateTime: e.end!.dateTime, timeZone: ZONE },
    ...(e.showAs === 'free' ? { transparency: 'transparent' } : {}),
  }));
  return {
    user: { name: 'Bench Manager', email: 'bench@google-bench.example' },
    calendars: [{ id: 'primary', summary: 'Bench Manager', timeZone: ZONE, events }],
  } as GoogleSandboxFile;
}

const figures = (samples: CallSample[]): Figures => ({
  ...latency(samples.map((s) => s.ms)),
  roundTrips: roundTrips(samples),
});

/** Runs the Google bench: `availabilityCalls` and `bookings` measured calls after a warm-up, then lifecycle rounds. */
export async function benchGoogle(
  opts: { availabilityCalls?: number; bookings?: number; rounds?: number; log?: (line: string) => void } = {},
): Promise<GoogleFigures> {
  const log = opts.log ?? console.log;
  const calendar = googleBenchCalendar();
  let app: LocalApp | undefined;
  try {
    app = await startLocalApp({
      port: 0,
      googleCalendar: calendar,
      tablePrefix: `bench-google-${process.pid}-`,
      env: { DEFAULT_WORKING_HOURS: 'mon-sun 08:00-20:00', DEFAULT_TIME_ZONE: ZONE },
    });
    const call = toolCaller(app, app.googleEmulator!.requests);
    await googleConnect(app);
    const first = await call('get_availability', {});
    const { availability, book, tally, pool, refill } = bookingDriver(call, first.result);
    for (let i = 0; i < 20; i++) await availability(false);
    for (let i = 0; i < 5; i++) await book(false);
    for (let i = 0; i < (opts.availabilityCalls ?? 100); i++) await availability(true);
    for (let i = 0; i < (opts.bookings ?? 50); i++) if (!(await book(true))) break;
    const rounds = await lifecycleRounds(call, pool, refill, opts.rounds ?? 10);
    const result: GoogleFigures = {
      events: calendar.calendars[0]!.events.length,
      availability: figures(tally.availabilitySamples),
      booking: { ...figures(tally.bookingSamples), booked: tally.booked },
      find: figures(rounds.find),
      reschedule: figures(rounds.reschedule),
      cancel: figures(rounds.cancel),
      failures: rounds.failures,
      misses: [],
    };
    result.misses = googleMisses(result, tally.bookingFailed + tally.notBooked + tally.availabilityFailed);
    googleReport(result, log);
    return result;
  } finally {
    await app?.stop();
  }
}

/** Each measured tool with its figures and its request target, in the order the reports list them. */
export function googleTools(f: GoogleFigures): ReadonlyArray<readonly [string, Figures, number]> {
  const t = GOOGLE_TARGETS;
  return [
    ['get_availability', f.availability, t.availability],
    ['set_appointment', f.booking, t.booking],
    ['find_appointment', f.find, t.find],
    ['reschedule_appointment', f.reschedule, t.reschedule],
    ['cancel_appointment', f.cancel, t.cancel],
  ];
}

function googleMisses(f: GoogleFigures, failedCalls: number): string[] {
  const t = GOOGLE_TARGETS;
  const misses: string[] = [];
  for (const [name, x, target] of googleTools(f)) {
    if (!x.calls) misses.push(`no ${name} call was measured`);
    if (x.roundTrips.graphMax > target)
      misses.push(`${name} Calendar API requests: max ${x.roundTrips.graphMax} > ${target}`);
    if (x.roundTrips.tokenMax > t.token)
      misses.push(`${name} token requests: max ${x.roundTrips.tokenMax} > ${t.token}`);
  }
  if (failedCalls) misses.push(`${failedCalls} calls failed or did not book`);
  if (f.failures.length) misses.push(`${f.failures.length} lifecycle calls misbehaved: ${f.failures[0]}`);
  return misses;
}

function googleReport(f: GoogleFigures, log: (line: string) => void): void {
  const one = (name: string, x: Figures, target: number) =>
    `${name} p50 ${x.p50Ms.toFixed(1)} ms, p99 ${x.p99Ms.toFixed(1)} ms over ${x.calls} calls, Calendar API ` +
    `${x.roundTrips.graphAvg.toFixed(2)}/call (max ${x.roundTrips.graphMax}, target ${target}), token ` +
    `${x.roundTrips.tokenAvg.toFixed(2)} (max ${x.roundTrips.tokenMax}) ${JSON.stringify(x.roundTrips.byRoute)}`;
  const t = GOOGLE_TARGETS;
  log(`google: one calendar of ${f.events} events over ${EVENT_DAYS} days (Eastern), Google emulator on loopback`);
  log(`google ${one('get_availability', f.availability, t.availability)}`);
  log(`google ${one('set_appointment', f.booking, t.booking)} (${f.booking.booked} booked)`);
  log(`google ${one('find_appointment', f.find, t.find)}`);
  log(`google ${one('reschedule_appointment', f.reschedule, t.reschedule)}`);
  log(`google ${one('cancel_appointment', f.cancel, t.cancel)}`);
  log(f.misses.length ? `google MISSED: ${f.misses.join('; ')}` : 'google: every target met');
}

/** The line prefix the figures travel under to `npm run bench` (the rest of stdout is the report). */
export const FIGURES_PREFIX = 'GOOGLE_FIGURES ';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const figures = await benchGoogle();
  console.log(`${FIGURES_PREFIX}${JSON.stringify(figures)}`);
  if (figures.misses.length) process.exitCode = 1;
}
