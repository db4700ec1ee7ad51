/**
 * Webhook benchmark: boots the whole product in-process (DynamoDB Local, Microsoft emulator, the four handlers behind
 * the local HTTP server) with KMS mocked, connects the default manager to a calendar with a realistic number of events,
 * then measures get_availability and set_appointment tool calls end to end over loopback HTTP, counts provider round
 * trips (Graph and token endpoint) and KMS calls per call, and samples process memory.
 * Run: npx tsx bench/webhook.ts   (exit code 1 when a round-trip or KMS target is missed, or calls failed)
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { startLocalApp, type LocalApp } from '../local/app';
import type { GraphEventInput, SandboxCalendarFile } from '../local/sandbox/microsoft';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

/** Targets the bench gates on. */
export const WEBHOOK_TARGETS = {
  /** Graph requests per get_availability call (the calendar view). */
  availabilityGraph: 1,
  /** Graph requests per set_appointment call (live re-check + create). */
  bookingGraph: 2,
  /** Token-endpoint requests per warm call (the cached access token is still valid). */
  tokenPerCall: 0,
  /** KMS calls after warm-up (the data-key cache serves every open). */
  warmKmsCalls: 0,
  /** VAPI's tool-call timeout; latency is reported against it but not gated here. */
  vapiTimeoutMs: 20_000,
} as const;

const ZONE = 'America/New_York';
const WINDOWS_ZONE = 'Eastern Standard Time';
const EVENTS = 200;
const EVENT_DAYS = 14;
// 20 calls leave DynamoDB Local's JVM and V8 still warming (the next ~20 calls run 2-4x slower), hence 50.
const WARMUP_AVAILABILITY = 40;
const WARMUP_BOOKINGS = 10;
/** Non-provider routes of the emulator (the browser's sign-in page, the sandbox dump). */
const NOT_PROVIDER = new Set(['authorize', 'dump']);

export interface LatencyFigures {
  calls: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface RoundTripFigures {
  /** Graph requests per call (calendarView, createEvent, …). */
  graphAvg: number;
  graphMax: number;
  /** Token-endpoint requests per call. */
  tokenAvg: number;
  tokenMax: number;
  /** Total requests per emulator route over the measured calls. */
  byRoute: Record<string, number>;
}

export interface KmsCount {
  generateDataKey: number;
  decrypt: number;
  total: number;
}

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  /** heapUsed right after a full GC: the live heap, without garbage waiting to be collected. */
  liveHeapMb: number;
}

export interface WebhookFigures {
  calendar: { events: number; days: number };
  /** `calls` = `requested` measured calls + `harvest` calls made between bookings to find more free slots. */
  availability: LatencyFigures & { roundTrips: RoundTripFigures; failed: number; requested: number; harvest: number };
  booking: LatencyFigures & { roundTrips: RoundTripFigures; booked: number; notBooked: number; failed: number; requested: number; slotsRanOut: boolean };
  kms: { cold: KmsCount; warmUp: KmsCount; warm: KmsCount };
  /** Provider requests during connect + the first tool call. */
  coldProvider: { graph: number; token: number; byRoute: Record<string, number> };
  memory: { before: MemorySample; after: MemorySample };
  /** One line per missed target (empty when all are met). */
  misses: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers copied (small) from test/integration/harness.ts, which imports vitest.

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { redirect: 'manual', headers });
  return { status: res.status, location: res.headers.get('location') ?? '', cookies: res.headers.getSetCookie(), body: await res.text() };
}

/** Connects a manager's sandbox calendar end to end (the programmatic "Accept"). */
async function connect(app: LocalApp, managerId?: string): Promise<void> {
  const start = await get(app.inviteLink(managerId));
  if (start.status !== 302) throw new Error(`auth start answered ${start.status}`);
  const cookie = start.cookies[0]!.split(';')[0]!;
  const callbackUrl = await app.emulator!.consent(start.location);
  const done = await get(callbackUrl, { cookie });
  if (done.status !== 200) throw new Error(`auth callback answered ${done.status}: ${done.body.slice(0, 200)}`);
}

let counter = 0;

/** A VAPI tool-calls message with one call. */
function toolCall(name: string, args: unknown) {
  counter += 1;
  return {
    message: {
      type: 'tool-calls',
      timestamp: Date.now(),
      call: { id: `bench-call-${counter}`, customer: { number: '+15550001111' } },
      toolCallList: [{ id: `bench-tc-${counter}`, type: 'function', function: { name, arguments: args } }],
    },
  };
}

/** POSTs to the webhook with the VAPI secret; returns status, parsed JSON and the client-side duration. */
async function webhook(app: LocalApp, body: unknown) {
  const started = performance.now();
  const res = await fetch(`${app.baseUrl}/vapi/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-vapi-secret': app.env.VAPI_SECRET! }, body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, json: text ? JSON.parse(text) as { results?: Array<{ result?: string; error?: string }> } : undefined, ms };
}

/** The parsed `result` JSON (or the `error`) of the first tool call in a webhook answer. */
function firstResult(answer: { json?: { results?: Array<{ result?: string; error?: string }> } }): { result?: Record<string, unknown>; error?: string } {
  const first = answer.json?.results?.[0];
  if (!first) return { error: 'no results in the answer' };
  return { result: first.result ? JSON.parse(first.result) as Record<string, unknown> : undefined, error: first.error };
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar: the integration fixture (Eastern, open 08:00–20:00 every day) plus generated events.

/** Deterministic PRNG (mulberry32) so every run lays out the same calendar relative to today. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SUBJECTS = ['Showing', 'Lease signing', 'Inspection', 'Contractor call', 'Owner meeting', 'Move-out walkthrough', 'Team sync', 'Lunch'];
const DURATIONS = [15, 30, 30, 30, 45, 60, 60, 90];

/** `count` events over the `days` days from today (Eastern), within 08:00–21:30: 80% busy, 10% tentative, 10% free. */
export function benchCalendar(now = Date.now(), count = EVENTS, days = EVENT_DAYS, seed = 7): SandboxCalendarFile {
  const fixture = JSON.parse(readFileSync(new URL('../test/events/integration/calendar.json', import.meta.url), 'utf8')) as SandboxCalendarFile;
  const rnd = random(seed);
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const local = (t: DateTime) => ({ dateTime: t.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: WINDOWS_ZONE });
  const events: GraphEventInput[] = [];
  for (let i = 0; i < count; i++) {
    const start = today.plus({ days: Math.floor(rnd() * days) }).set({ hour: 8 }).plus({ minutes: 15 * Math.floor(rnd() * 46) });
    const end = start.plus({ minutes: DURATIONS[Math.floor(rnd() * DURATIONS.length)]! });
    const r = rnd();
    const showAs = r < 0.8 ? 'busy' : r < 0.9 ? 'tentative' : 'free';
    events.push({ subject: `${SUBJECTS[i % SUBJECTS.length]} #${i}`, start: local(start), end: local(end), showAs, isAllDay: false, isCancelled: false });
  }
  return { ...fixture, events };
}

// ---------------------------------------------------------------------------------------------------------------
// KMS stand-in: data keys "wrapped" as a fixed prefix + the key; Decrypt insists on an encryption context.

const BLOB_PREFIX = Buffer.from('bench-kms-wrapped:');

function mockKms() {
  const mock = mockClient(KMSClient);
  mock.on(GenerateDataKeyCommand).callsFake((input: GenerateDataKeyCommand['input']) => {
    if (!input.EncryptionContext || Object.keys(input.EncryptionContext).length === 0) throw new Error('bench KMS: GenerateDataKey without EncryptionContext');
    const key = randomBytes(32);
    return { Plaintext: new Uint8Array(key), CiphertextBlob: new Uint8Array(Buffer.concat([BLOB_PREFIX, key])), KeyId: input.KeyId };
  });
  mock.on(DecryptCommand).callsFake((input: DecryptCommand['input']) => {
    const blob = Buffer.from(input.CiphertextBlob ?? []);
    const ok = blob.length === BLOB_PREFIX.length + 32 && blob.subarray(0, BLOB_PREFIX.length).equals(BLOB_PREFIX) &&
      !!input.EncryptionContext && Object.keys(input.EncryptionContext).length > 0;
    if (!ok) throw new InvalidCiphertextException({ message: 'bench KMS: not a bench data key, or no EncryptionContext', $metadata: {} });
    return { Plaintext: new Uint8Array(blob.subarray(BLOB_PREFIX.length)), KeyId: input.KeyId };
  });
  const count = (): KmsCount => {
    const generateDataKey = mock.commandCalls(GenerateDataKeyCommand).length;
    const decrypt = mock.commandCalls(DecryptCommand).length;
    return { generateDataKey, decrypt, total: mock.calls().length };
  };
  return { restore: () => mock.restore(), count };
}

const minus = (a: KmsCount, b: KmsCount): KmsCount =>
  ({ generateDataKey: a.generateDataKey - b.generateDataKey, decrypt: a.decrypt - b.decrypt, total: a.total - b.total });

// ---------------------------------------------------------------------------------------------------------------
// Measurement.

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function latency(times: number[]): LatencyFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.reduce((s, t) => s + t, 0) / (sorted.length || 1),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

interface CallSample {
  ms: number;
  graph: number;
  token: number;
  routes: string[];
}

function roundTrips(samples: CallSample[]): RoundTripFigures {
  const byRoute: Record<string, number> = {};
  for (const s of samples) for (const r of s.routes) byRoute[r] = (byRoute[r] ?? 0) + 1;
  const n = samples.length || 1;
  return {
    graphAvg: samples.reduce((a, s) => a + s.graph, 0) / n,
    graphMax: Math.max(0, ...samples.map((s) => s.graph)),
    tokenAvg: samples.reduce((a, s) => a + s.token, 0) / n,
    tokenMax: Math.max(0, ...samples.map((s) => s.token)),
    byRoute,
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A full GC, also without --expose-gc (the flag can be set at run time; the function comes from a fresh context). */
const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** RSS and heap as they are, then the live heap after a full GC. */
function memory(): MemorySample {
  const m = process.memoryUsage();
  collectGarbage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), liveHeapMb: mb(process.memoryUsage().heapUsed) };
}

interface Slot { start: string; end: string }

/**
 * Runs the benchmark: `iterations` measured get_availability calls (default 200) and `bookings` measured
 * set_appointment calls (default iterations / 2, i.e. 100); `log` receives the report lines.
 */
export async function benchWebhook(opts: { iterations?: number; bookings?: number; log?: (line: string) => void } = {}): Promise<WebhookFigures> {
  const availabilityCalls = Math.max(1, opts.iterations ?? 200);
  const bookingsWanted = Math.max(1, opts.bookings ?? Math.ceil(availabilityCalls / 2));
  const log = opts.log ?? console.log;

  const kms = mockKms();
  const calendar = benchCalendar();
  let app: LocalApp | undefined;
  try {
    // The handlers prefer TOKEN_KMS_KEY_ID over the local key, so the warm path runs the KMS cipher (mocked).
    app = await startLocalApp({ port: 0, calendar, tablePrefix: `bench-${process.pid}-`, env: { TOKEN_KMS_KEY_ID: 'alias/bench' } });
    const requests = app.emulator!.requests;
    const running = app;

    /** One tool call, with the emulator requests it caused (calls are sequential, so the delta is this call's). */
    const call = async (name: string, args: Record<string, unknown>) => {
      const from = requests.length;
      const answer = await webhook(running, toolCall(name, args));
      const routes = requests.slice(from).map((r) => r.route).filter((r) => !NOT_PROVIDER.has(r));
      const token = routes.filter((r) => r === 'token').length;
      const sample: CallSample = { ms: answer.ms, graph: routes.length - token, token, routes };
      return { sample, status: answer.status, ...firstResult(answer) };
    };

    // Cold path: connect (auth code exchange, seal) + the first tool call (open the sealed cache).
    const coldFrom = requests.length;
    await connect(app);
    const first = await call('get_availability', {});
    if (first.status !== 200 || first.error) throw new Error(`first get_availability failed: ${first.status} ${first.error ?? ''}`);
    const coldRoutes = requests.slice(coldFrom).map((r) => r.route).filter((r) => !NOT_PROVIDER.has(r));
    const coldByRoute: Record<string, number> = {};
    for (const r of coldRoutes) coldByRoute[r] = (coldByRoute[r] ?? 0) + 1;
    const coldProvider = { graph: coldRoutes.filter((r) => r !== 'token').length, token: coldByRoute.token ?? 0, byRoute: coldByRoute };
    const cold = kms.count();

    // Bookable slots, harvested from get_availability answers over the horizon (day × part of day).
    const pool = new Map<string, Slot>();
    const used = new Set<string>();
    const addSlots = (result: Record<string, unknown> | undefined) => {
      for (const slot of (result?.slots as Slot[] | undefined) ?? []) if (!used.has(slot.start)) pool.set(slot.start, slot);
    };
    addSlots(first.result);
    const today = DateTime.now().setZone(ZONE).startOf('day');
    const queries: Array<Record<string, unknown>> = [{}, { time_of_day: 'morning' }, { time_of_day: 'afternoon' }, { time_of_day: 'evening' }];
    for (let d = 0; d <= EVENT_DAYS; d++) {
      const date = today.plus({ days: d }).toISODate()!;
      queries.push({ date }, { date, time_of_day: 'morning' }, { date, time_of_day: 'afternoon' }, { date, time_of_day: 'evening' });
    }
    // Latest start first: a slot near the minimum-notice edge could turn "too soon" between offer and booking.
    const takeSlot = (): Slot | undefined => {
      let latest: Slot | undefined;
      for (const slot of pool.values()) if (!latest || Date.parse(slot.start) > Date.parse(latest.start)) latest = slot;
      if (!latest) return undefined;
      pool.delete(latest.start);
      used.add(latest.start);
      return latest;
    };
    const availabilitySamples: CallSample[] = [];
    const bookingSamples: CallSample[] = [];
    let availabilityFailed = 0;
    let bookingFailed = 0;
    let booked = 0;
    let notBooked = 0;
    let queryIndex = 0;
    const notBookedReasons: Record<string, number> = {};

    const availability = async (record: boolean) => {
      const answer = await call('get_availability', queries[queryIndex++ % queries.length]!);
      if (answer.status !== 200 || answer.error || !answer.result) availabilityFailed += record ? 1 : 0;
      addSlots(answer.result);
      if (record) availabilitySamples.push(answer.sample);
    };
    /** Refills the pool with a sweep over every query; false when the sweep found nothing new. */
    const refill = async (record: boolean) => {
      const before = pool.size;
      for (let i = 0; i < queries.length; i++) await availability(record);
      return pool.size > before;
    };
    const book = async (record: boolean) => {
      let slot = takeSlot();
      if (!slot && await refill(record)) slot = takeSlot();
      if (!slot) return false;
      const answer = await call('set_appointment', { start_time: slot.start, attendee_name: `Bench Caller ${counter}`, property_address: '12 Elm St' });
      if (answer.status !== 200 || answer.error || !answer.result) {
        if (record) bookingFailed += 1;
      } else if (answer.result.booked === true) {
        if (record) booked += 1;
      } else if (record) {
        notBooked += 1;
        const reason = String(answer.result.reason);
        notBookedReasons[reason] = (notBookedReasons[reason] ?? 0) + 1;
      }
      if (record) bookingSamples.push(answer.sample);
      return true;
    };

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
    const memAfter = memory();
    const warm = minus(kms.count(), kmsBefore);

    const figures: WebhookFigures = {
      calendar: { events: calendar.events.length, days: EVENT_DAYS },
      availability: {
        ...latency(availabilitySamples.map((s) => s.ms)), roundTrips: roundTrips(availabilitySamples), failed: availabilityFailed,
        requested: availabilityCalls, harvest: availabilitySamples.length - availabilityCalls,
      },
      booking: {
        ...latency(bookingSamples.map((s) => s.ms)), roundTrips: roundTrips(bookingSamples),
        booked, notBooked, failed: bookingFailed, requested: bookingsWanted, slotsRanOut,
      },
      kms: { cold, warmUp, warm },
      coldProvider,
      memory: { before: memBefore, after: memAfter },
      misses: [],
    };
    figures.misses = missedTargets(figures);
    report(figures, log, notBookedReasons);
    return figures;
  } finally {
    await app?.stop();
    kms.restore();
  }
}

/** The targets a run missed, one line each. */
export function missedTargets(f: WebhookFigures): string[] {
  const t = WEBHOOK_TARGETS;
  const misses: string[] = [];
  if (f.availability.roundTrips.graphMax > t.availabilityGraph) misses.push(`get_availability Graph requests: max ${f.availability.roundTrips.graphMax} > ${t.availabilityGraph}`);
  if (f.booking.roundTrips.graphMax > t.bookingGraph) misses.push(`set_appointment Graph requests: max ${f.booking.roundTrips.graphMax} > ${t.bookingGraph}`);
  const tokenMax = Math.max(f.availability.roundTrips.tokenMax, f.booking.roundTrips.tokenMax);
  if (tokenMax > t.tokenPerCall) misses.push(`token-endpoint requests on warm calls: max ${tokenMax} > ${t.tokenPerCall}`);
  if (f.kms.warm.total > t.warmKmsCalls) misses.push(`KMS calls on the warm path: ${f.kms.warm.total} > ${t.warmKmsCalls}`);
  if (f.kms.cold.total === 0) misses.push('no KMS call on the cold path: the app did not use the KMS cipher, so the KMS figures mean nothing');
  if (f.availability.failed) misses.push(`${f.availability.failed} get_availability calls failed`);
  if (f.booking.failed || f.booking.notBooked) misses.push(`${f.booking.failed} set_appointment calls failed, ${f.booking.notBooked} not booked`);
  if (f.booking.calls < f.booking.requested) misses.push(`only ${f.booking.calls} of ${f.booking.requested} bookings: free slots ran out`);
  return misses;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const fixed2 = (v: number) => v.toFixed(2);

function report(f: WebhookFigures, log: (line: string) => void, notBookedReasons: Record<string, number>): void {
  const t = WEBHOOK_TARGETS;
  const a = f.availability;
  const b = f.booking;
  log(`webhook: calendar of ${f.calendar.events} events over ${f.calendar.days} days (Eastern, open 08:00-20:00 daily); KMS mocked in-process; ` +
    `times are client-side HTTP POST durations, including the local HTTP hop and the Microsoft emulator on loopback, ` +
    `after ${WARMUP_AVAILABILITY + WARMUP_BOOKINGS} warm-up calls`);
  log(`webhook get_availability: p50 ${ms(a.p50Ms)}, p99 ${ms(a.p99Ms)} (mean ${ms(a.meanMs)}, max ${ms(a.maxMs)}) over ${a.calls} calls ` +
    `${a.harvest ? `(${a.requested} + ${a.harvest} slot-harvest calls between bookings) ` : ''}(warm, loopback, target: well under the ${t.vapiTimeoutMs / 1000} s VAPI timeout)`);
  log(`webhook set_appointment: p50 ${ms(b.p50Ms)}, p99 ${ms(b.p99Ms)} (mean ${ms(b.meanMs)}, max ${ms(b.maxMs)}) over ${b.calls} calls ` +
    `(${b.booked} booked, each a different free slot${b.notBooked ? `, ${b.notBooked} not booked ${JSON.stringify(notBookedReasons)}` : ''}` +
    `${b.failed ? `, ${b.failed} failed` : ''}${b.slotsRanOut ? `; free slots ran out after ${b.calls} of ${b.requested}` : ''})`);
  log(`provider round trips per call: get_availability ${fixed2(a.roundTrips.graphAvg)} (max ${a.roundTrips.graphMax}, target ${t.availabilityGraph}); ` +
    `set_appointment ${fixed2(b.roundTrips.graphAvg)} (max ${b.roundTrips.graphMax}, target ${t.bookingGraph}); ` +
    `token endpoint ${fixed2(a.roundTrips.tokenAvg)}/${fixed2(b.roundTrips.tokenAvg)} (max ${Math.max(a.roundTrips.tokenMax, b.roundTrips.tokenMax)}, target ${t.tokenPerCall})`);
  log(`provider requests by route: get_availability ${JSON.stringify(a.roundTrips.byRoute)}; set_appointment ${JSON.stringify(b.roundTrips.byRoute)}; ` +
    `cold path (connect + first call): ${f.coldProvider.graph} Graph, ${f.coldProvider.token} token ${JSON.stringify(f.coldProvider.byRoute)}`);
  const k = (c: KmsCount) => `${c.total} (GenerateDataKey ${c.generateDataKey}, Decrypt ${c.decrypt})`;
  log(`KMS calls on the warm path: ${k(f.kms.warm)} (target ${t.warmKmsCalls}); cold path (connect + first call): ${k(f.kms.cold)}; warm-up: ${k(f.kms.warmUp)}`);
  log(`memory (whole process: handlers + emulator + bench client; DynamoDB Local is a separate JVM, not counted): ` +
    `RSS ${f.memory.before.rssMb} → ${f.memory.after.rssMb} MB, heapUsed ${f.memory.before.heapUsedMb} → ${f.memory.after.heapUsedMb} MB, ` +
    `live heap after GC ${f.memory.before.liveHeapMb} → ${f.memory.after.liveHeapMb} MB over the measured phase`);
  log(f.misses.length ? `webhook: MISSED ${f.misses.length} target(s):\n  - ${f.misses.join('\n  - ')}` : 'webhook: all targets met');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchWebhook();
  if (figures.misses.length) process.exitCode = 1;
}
