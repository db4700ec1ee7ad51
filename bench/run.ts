/**
 * npm run bench: the slot engine, the webhook end to end, and the Lambda bundles (when bench/bundles.ts exists), in
 * sequence, then one table of every figure with its target and PASS/MISS. Exit code 1 when a gated target is missed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// Types only: each bench is imported when it runs, so --help loads nothing heavy (the webhook bench loads the app).
import { NODE_MAJOR } from '../lib/constructs/bundling';
import type { WEBHOOK_TARGETS, WebhookFigures } from './webhook';
import type { GoogleFigures } from './webhook/google';

/** The environment as the user gave it: the webhook bench's app writes its sandbox variables into process.env. */
const USER_ENV = { ...process.env };
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

type Status = 'PASS' | 'MISS' | 'info' | 'skip';

interface Row {
  bench: string;
  figure: string;
  value: string;
  target: string;
  status: Status;
}

/** bench/slot-engine.ts gates its median at 50 ms (its TARGET_MS is not exported). */
const SLOT_ENGINE_TARGET_MS = 50;

const USAGE = 'Usage: npm run bench   (no options; -h or --help prints what it measures)';
const HELP = `${USAGE}

Runs six benchmarks in sequence, then prints one table of every figure with its target and PASS/MISS:
  slot engine  findAvailability over 10,000 entries / 60 days, in-process (median < ${SLOT_ENGINE_TARGET_MS} ms)
  graph-datetime  Graph's UTC dateTime strings parsed by the fast path and by the general one (faster)
  webhook      the whole app in-process (DynamoDB Local, Microsoft emulator, handlers; KMS mocked): latency of
               get_availability and set_appointment over loopback HTTP (< VAPI's 20 s), Graph requests per call
               (<= 1 and <= 2), token-endpoint and KMS calls on the warm path (0), every booking made; own-code time
               per warm get_availability (wall minus I/O, median <= 5 ms), sequential DynamoDB round trips per
               set_appointment (<= 3) and sequential provider calls (<= 1 and <= 2)
  prefetch     a call-start status-update then the call's first get_availability, with BUSY_PREFETCH on and off
               (one process each): provider requests of that first read (0 with prefetch, 1 without)
  google       the same for a manager connected to Google Calendar (Google emulator, one calendar): Calendar API
               requests per call (1 per calendar for availability, 2 per booking), token endpoint 0 when warm
  bundles      each Lambda bundled as cdk synth does: size (the webhook's <= 600 KB, the others <= 1 MB) and
               median module load in a fresh node, required as Lambda does (<= 60 ms); beside them the
               AWS SDK clients alone, bundled and loaded the same way (no target: what the SDK costs)
Exit code 1 when a gated target is missed. The webhook bench needs Java 17 (DynamoDB Local).
Each runs alone too: npx tsx bench/slot-engine.ts, bench/webhook.ts or bench/bundles.ts (see bench/README.md).`;

const rows: Row[] = [];
const add = (bench: string, figure: string, value: string, target: string, status: Status) =>
  rows.push({ bench, figure, value, target, status });
const gate = (ok: boolean): Status => (ok ? 'PASS' : 'MISS');
const ms = (v: number) => `${v.toFixed(1)} ms`;

function section(title: string): void {
  console.log(`\n=== ${title} ===`);
}

function failure(bench: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${bench} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  add(bench, 'run', `ERROR: ${message.split('\n')[0]!.slice(0, 80)}`, 'completes', 'MISS');
}

async function slotEngine(): Promise<void> {
  section('slot engine');
  try {
    const { benchSlotEngine } = await import('./slot-engine');
    const { medianMs, p99Ms } = await benchSlotEngine();
    add(
      'slot engine',
      'findAvailability median (10k events / 60 days)',
      ms(medianMs),
      `< ${SLOT_ENGINE_TARGET_MS} ms`,
      gate(medianMs < SLOT_ENGINE_TARGET_MS),
    );
    add(
      'slot engine',
      'findAvailability p99 (wall clock, noisy)',
      ms(p99Ms),
      `< ${SLOT_ENGINE_TARGET_MS} ms (not gated)`,
      'info',
    );
  } catch (error) {
    failure('slot engine', error);
  }
}

function lifecycleRows(f: WebhookFigures, t: typeof WEBHOOK_TARGETS): void {
  const lc = f.lifecycle;
  const tools = [
    ['find_appointment', lc.find, t.findGraph],
    ['reschedule_appointment', lc.reschedule, t.rescheduleGraph],
    ['cancel_appointment', lc.cancel, t.cancelGraph],
  ] as const;
  for (const [name, x, target] of tools) {
    const latencyOk = gate(x.calls > 0 && x.p99Ms < t.vapiTimeoutMs);
    add('webhook', `${name} p50 / p99 (${x.calls} calls)`, `${ms(x.p50Ms)} / ${ms(x.p99Ms)}`, '< 20 s', latencyOk);
    const graph = `${x.roundTrips.graphAvg.toFixed(2)} (max ${x.roundTrips.graphMax})`;
    add('webhook', `Graph requests per ${name}`, graph, `${target}`, gate(x.roundTrips.graphMax <= target));
  }
  add('webhook', 'lifecycle calls that misbehaved', String(lc.failures.length), '0', gate(!lc.failures.length));
}

function webhookRows(f: WebhookFigures, t: typeof WEBHOOK_TARGETS): void {
  const b = 'webhook';
  const vapi = `< ${t.vapiTimeoutMs / 1000} s VAPI timeout`;
  const a = f.availability;
  const s = f.booking;
  add(b, `get_availability p50 (${a.calls} calls, HTTP, loopback)`, ms(a.p50Ms), vapi, gate(a.p50Ms < t.vapiTimeoutMs));
  add(b, 'get_availability p99', ms(a.p99Ms), vapi, gate(a.p99Ms < t.vapiTimeoutMs));
  add(b, `set_appointment p50 (${s.calls} calls, HTTP, loopback)`, ms(s.p50Ms), vapi, gate(s.p50Ms < t.vapiTimeoutMs));
  add(b, 'set_appointment p99', ms(s.p99Ms), vapi, gate(s.p99Ms < t.vapiTimeoutMs));
  add(
    b,
    'bookings made (each a different free slot)',
    `${s.booked} of ${s.requested}`,
    `${s.requested}, none failed`,
    gate(s.booked === s.requested && !s.failed && !s.notBooked),
  );
  add(b, 'failed get_availability calls', String(a.failed), '0', gate(a.failed === 0));
  add(
    b,
    'Graph requests per get_availability',
    `${a.roundTrips.graphAvg.toFixed(2)} (max ${a.roundTrips.graphMax})`,
    `${t.availabilityGraph}`,
    gate(a.roundTrips.graphMax <= t.availabilityGraph),
  );
  add(
    b,
    'Graph requests per set_appointment',
    `${s.roundTrips.graphAvg.toFixed(2)} (max ${s.roundTrips.graphMax})`,
    `${t.bookingGraph}`,
    gate(s.roundTrips.graphMax <= t.bookingGraph),
  );
  lifecycleRows(f, t);
  const tokenMax = Math.max(a.roundTrips.tokenMax, s.roundTrips.tokenMax);
  add(
    b,
    'token-endpoint requests per warm call',
    `${Math.max(a.roundTrips.tokenAvg, s.roundTrips.tokenAvg).toFixed(2)} (max ${tokenMax})`,
    `${t.tokenPerCall}`,
    gate(tokenMax <= t.tokenPerCall),
  );
  add(
    b,
    'KMS calls, warm path',
    String(f.kms.warm.total),
    `${t.warmKmsCalls}`,
    gate(f.kms.warm.total <= t.warmKmsCalls),
  );
  add(
    b,
    'KMS calls, cold path (connect + 1st call)',
    `${f.kms.cold.total} (GDK ${f.kms.cold.generateDataKey}, Decrypt ${f.kms.cold.decrypt})`,
    '> 0 (KMS cipher in use)',
    gate(f.kms.cold.total > 0),
  );
  add(
    b,
    'process RSS before → after (app + emulator)',
    `${f.memory.before.rssMb} → ${f.memory.after.rssMb} MB`,
    '-',
    'info',
  );
  add(
    b,
    'live heap after GC before → after',
    `${f.memory.before.liveHeapMb} → ${f.memory.after.liveHeapMb} MB`,
    '-',
    'info',
  );
}

async function graphDateTime(): Promise<void> {
  section('Graph date-time parsing');
  try {
    const { benchGraphDateTime } = await import('./graph-datetime');
    const g = benchGraphDateTime();
    const value = `${g.beforeMsPer100k.toFixed(1)} → ${g.afterMsPer100k.toFixed(1)} ms (${g.speedup.toFixed(1)}x)`;
    add('graph-datetime', 'ms per 100k UTC dateTime parses, before → after', value, '< before', gate(g.speedup > 1));
  } catch (error) {
    failure('graph-datetime', error);
  }
}

async function webhook(): Promise<void> {
  section('webhook (whole app in-process: DynamoDB Local, Microsoft emulator, handlers; KMS mocked)');
  try {
    const { benchWebhook, WEBHOOK_TARGETS: targets, ioSummaryRows } = await import('./webhook');
    const f = await benchWebhook();
    webhookRows(f, targets);
    for (const r of ioSummaryRows(f))
      add('webhook', r.figure, r.value, r.target, r.ok === undefined ? 'info' : gate(r.ok));
  } catch (error) {
    failure('webhook', error);
  }
}

async function prefetch(): Promise<void> {
  section('call-start prefetch (BUSY_PREFETCH on and off, one process each)');
  try {
    const { benchPrefetch } = await import('./webhook/prefetch');
    const f = benchPrefetch(console.log, USER_ENV);
    const first = (m: typeof f.on) =>
      `${m.firstAvailability.providerAvg.toFixed(2)}/call (max ${m.firstAvailability.providerMax}), ` +
      `p50 ${ms(m.firstAvailability.p50Ms)}`;
    const figure = "provider requests of a call's first get_availability";
    add('prefetch', `${figure}, prefetch on`, first(f.on), '0', gate(f.on.firstAvailability.providerMax === 0));
    add(
      'prefetch',
      `${figure}, prefetch off`,
      first(f.off),
      '1 (live read)',
      gate(f.off.firstAvailability.providerMax <= 1),
    );
    add(
      'prefetch',
      'call-start message (status-update) p50, on / off',
      `${ms(f.on.callStart.p50Ms)} / ${ms(f.off.callStart.p50Ms)}`,
      'info',
      'info',
    );
    add('prefetch', 'failed calls, on / off', `${f.on.failed} / ${f.off.failed}`, '0', gate(!f.misses.length));
  } catch (error) {
    failure('prefetch', error);
  }
}

/** Runs bench/webhook/google.ts in a fresh process (the handlers read their config once per process); its figures. */
function runGoogleBench(prefix: string): GoogleFigures {
  const script = fileURLToPath(new URL('./webhook/google.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8',
    timeout: 600_000,
    env: USER_ENV,
  });
  const lines = (run.stdout ?? '').split('\n');
  for (const line of lines) if (line && !line.startsWith(prefix)) console.log(line);
  const figures = lines.find((line) => line.startsWith(prefix));
  if (!figures) throw new Error(`the Google bench printed no figures (exit ${run.status}): ${run.stderr?.slice(-500)}`);
  return JSON.parse(figures.slice(prefix.length)) as GoogleFigures;
}

async function google(): Promise<void> {
  section('webhook, Google-connected manager (Google emulator, one calendar)');
  try {
    const { FIGURES_PREFIX, GOOGLE_TARGETS: t, googleTools } = await import('./webhook/google');
    const f = runGoogleBench(FIGURES_PREFIX);
    const tools = googleTools(f);
    for (const [name, x, target] of tools) {
      add(
        'google',
        `${name} p50 / p99 (${x.calls} calls)`,
        `${ms(x.p50Ms)} / ${ms(x.p99Ms)}`,
        '< 20 s',
        gate(x.p99Ms < 20_000),
      );
      const api = `${x.roundTrips.graphAvg.toFixed(2)} (max ${x.roundTrips.graphMax})`;
      add('google', `Calendar API requests per ${name}`, api, `<= ${target}`, gate(x.roundTrips.graphMax <= target));
    }
    const tokenMax = Math.max(...tools.map(([, x]) => x.roundTrips.tokenMax));
    add('google', 'token-endpoint requests per warm call', `max ${tokenMax}`, `${t.token}`, gate(tokenMax <= t.token));
    add('google', 'calls that failed or misbehaved', String(f.misses.length), '0', gate(!f.misses.length));
  } catch (error) {
    failure('google', error);
  }
}

async function bundles(): Promise<void> {
  section('bundles');
  try {
    const { benchBundles, SDK_FLOOR, TARGETS } = await import('./bundles');
    const figures = await benchBundles();
    for (const f of figures) {
      const error = f.error ? ` (${f.error.slice(0, 60)})` : '';
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
      if (f.name === SDK_FLOOR) {
        const value = `${kb(f.bytes)}, ${Number.isNaN(f.loadMs) ? 'n/a' : ms(f.loadMs)}${error}`;
        add('bundles', 'AWS SDK clients alone: size, module load', value, 'no target', 'info');
        continue;
      }
      add('bundles', `${f.name} bundle size`, kb(f.bytes), `≤ ${kb(f.maxBytes)}`, gate(f.bytes <= f.maxBytes));
      add(
        'bundles',
        `${f.name} module load (median)`,
        `${Number.isNaN(f.loadMs) ? 'n/a' : ms(f.loadMs)}${error}`,
        `≤ ${TARGETS.maxLoadMs} ms`,
        gate(f.loadMs <= TARGETS.maxLoadMs && !f.error),
      );
    }
    console.log(`bundled and loaded ${figures.length - 1} functions and the SDK floor`);
  } catch (error) {
    failure('bundles', error);
  }
}

function table(): void {
  const header: Row = { bench: 'bench', figure: 'figure', value: 'value', target: 'target', status: 'PASS' };
  const cols = ['bench', 'figure', 'value', 'target'] as const;
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(...[header, ...rows].map((r) => r[c].length))]),
  ) as Record<(typeof cols)[number], number>;
  const line = (r: Row, status: string) => `${cols.map((c) => r[c].padEnd(width[c])).join('  ')}  ${status}`;
  console.log(`\n=== summary (node ${process.version}, ${new Date().toISOString()}) ===`);
  console.log(line(header, 'status'));
  console.log('-'.repeat(line(header, 'status').length));
  for (const r of rows) console.log(line(r, r.status));
  const missed = rows.filter((r) => r.status === 'MISS').length;
  const skipped = rows.filter((r) => r.status === 'skip').length;
  console.log(
    `\n${missed ? `MISS: ${missed} target(s) missed` : 'PASS: every gated target met'}` +
      `${skipped ? ` (${skipped} skipped)` : ''}`,
  );
  if (missed) process.exitCode = 1;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
} else if (args.length) {
  console.error(`Unknown argument ${args[0]}\n${USAGE}`);
  process.exitCode = 2;
} else {
  // Figures taken on another Node major than the Lambda runtime's say little about production.
  const major = Number(process.versions.node.split('.')[0]);
  add(
    'node',
    'runtime the benchmarks ran on',
    process.version,
    `v${NODE_MAJOR}.x (Lambda)`,
    gate(major === NODE_MAJOR),
  );
  await slotEngine();
  await graphDateTime();
  await webhook();
  await prefetch();
  await google();
  await bundles();
  table();
}
