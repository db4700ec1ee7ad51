/**
 * The call-start prefetch bench: per call, VAPI's status-update "in-progress" and then the call's first
 * get_availability, through the whole local app (DynamoDB Local, Microsoft emulator, the bench mailbox), once with
 * BUSY_PREFETCH=on and once with off. Each mode runs in its own process: the handlers read their configuration once
 * per process, at cold start. It counts the provider requests (Graph and token endpoint) of each first
 * get_availability (target with prefetch: 0) and times it, and the call-start message's own requests and latency.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startLocalApp, type LocalApp } from '../../local/app';
import { benchCalendar } from './calendar';
import { connect, firstResult, webhook } from './client';
import type { LatencyFigures } from './figures';
import { latency, providerRoutes } from './measure';

/** Provider requests of a call's first get_availability: none with the prefetch, one per calendar without. */
export const PREFETCH_TARGETS = { on: 0, off: 1 } as const;
const WARMUP_CALLS = 10;
const MEASURED_CALLS = 50;

type Measured = LatencyFigures & { providerAvg: number; providerMax: number };

export interface PrefetchModeFigures {
  prefetch: 'on' | 'off';
  /** The status-update "in-progress" answer: its latency and the provider requests it made (the prefetch's read). */
  callStart: Measured;
  /** Each call's first get_availability. */
  firstAvailability: Measured;
  /** Calls whose call start or get_availability answered with an error. */
  failed: number;
}

export interface PrefetchFigures {
  on: PrefetchModeFigures;
  off: PrefetchModeFigures;
  misses: string[];
}

const measured = (samples: Array<{ ms: number; provider: number }>): Measured => ({
  ...latency(samples.map((s) => s.ms)),
  providerAvg: samples.reduce((a, s) => a + s.provider, 0) / (samples.length || 1),
  providerMax: Math.max(0, ...samples.map((s) => s.provider)),
});

let callNumber = 0;

/** One call: its start message, then its first get_availability, each with the provider requests it caused. */
async function oneCall(app: LocalApp) {
  callNumber += 1;
  const call = { id: `prefetch-bench-${process.pid}-${callNumber}`, customer: { number: '+15550100000' } };
  const requests = app.emulator!.requests;
  const send = async (message: Record<string, unknown>) => {
    const from = requests.length;
    const answer = await webhook(app, { message: { timestamp: Date.now(), call, ...message } });
    return { answer, ms: answer.ms, provider: providerRoutes(requests, from).length };
  };
  const start = await send({ type: 'status-update', status: 'in-progress' });
  const ask = await send({
    type: 'tool-calls',
    toolCallList: [{ id: `${call.id}-tc`, type: 'function', function: { name: 'get_availability', arguments: {} } }],
  });
  const failed = start.answer.status !== 200 || ask.answer.status !== 200 || !firstResult(ask.answer).result;
  return { start, ask, failed };
}

/** One mode in this process: boot, connect, warm up, then MEASURED_CALLS calls. */
export async function benchPrefetchMode(mode: 'on' | 'off'): Promise<PrefetchModeFigures> {
  let app: LocalApp | undefined;
  try {
    app = await startLocalApp({
      port: 0,
      calendar: benchCalendar(),
      tablePrefix: `bench-prefetch-${mode}-${process.pid}-`,
      env: { BUSY_PREFETCH: mode },
    });
    await connect(app);
    for (let i = 0; i < WARMUP_CALLS; i++) await oneCall(app);
    const calls = [];
    for (let i = 0; i < MEASURED_CALLS; i++) calls.push(await oneCall(app));
    return {
      prefetch: mode,
      callStart: measured(calls.map((c) => c.start)),
      firstAvailability: measured(calls.map((c) => c.ask)),
      failed: calls.filter((c) => c.failed).length,
    };
  } finally {
    await app?.stop();
  }
}

/** The line prefix a mode's figures travel under from its process (the rest of stdout is the report). */
export const PREFETCH_FIGURES_PREFIX = 'PREFETCH_FIGURES ';

/**
 * Runs one mode in a fresh process (as bench/run.ts runs the Google bench) with `env` (the user's, not one a bench
 * run in this process has filled with its own app's sandbox endpoints); its figures.
 */
function runMode(mode: 'on' | 'off', env: NodeJS.ProcessEnv): PrefetchModeFigures {
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, mode], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith(PREFETCH_FIGURES_PREFIX));
  if (!line)
    throw new Error(`the prefetch bench (${mode}) printed no figures (exit ${run.status}): ${run.stderr?.slice(-500)}`);
  return JSON.parse(line.slice(PREFETCH_FIGURES_PREFIX.length)) as PrefetchModeFigures;
}

function missesOf(on: PrefetchModeFigures, off: PrefetchModeFigures): string[] {
  const misses: string[] = [];
  if (on.firstAvailability.providerMax > PREFETCH_TARGETS.on)
    misses.push(`first get_availability with prefetch: max ${on.firstAvailability.providerMax} provider requests > 0`);
  if (off.firstAvailability.providerMax > PREFETCH_TARGETS.off)
    misses.push(`first get_availability without prefetch: max ${off.firstAvailability.providerMax} > 1`);
  if (off.callStart.providerMax > 0) misses.push('a call start made provider requests with the prefetch off');
  for (const f of [on, off]) if (f.failed) misses.push(`${f.failed} calls failed with prefetch ${f.prefetch}`);
  return misses;
}

/** Prints the figures beside their targets. */
export function prefetchReport(f: PrefetchFigures, log: (line: string) => void = console.log): void {
  const one = (x: Measured) =>
    `p50 ${x.p50Ms.toFixed(1)} ms, p99 ${x.p99Ms.toFixed(1)} ms, provider requests ${x.providerAvg.toFixed(2)}/call ` +
    `(max ${x.providerMax})`;
  for (const m of [f.on, f.off]) {
    const target = PREFETCH_TARGETS[m.prefetch];
    log(`prefetch ${m.prefetch}: first get_availability ${one(m.firstAvailability)}, target ${target}`);
    log(`prefetch ${m.prefetch}: status-update in-progress ${one(m.callStart)} over ${m.callStart.calls} calls`);
  }
  log(f.misses.length ? `prefetch MISSED: ${f.misses.join('; ')}` : 'prefetch: every target met');
}

/** Both modes, each in its own process: the figures and what missed its target. */
export function benchPrefetch(
  log: (line: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): PrefetchFigures {
  const on = runMode('on', env);
  const off = runMode('off', env);
  const figures = { on, off, misses: missesOf(on, off) };
  prefetchReport(figures, log);
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const mode = process.argv[2];
  if (mode === 'on' || mode === 'off') {
    console.log(`${PREFETCH_FIGURES_PREFIX}${JSON.stringify(await benchPrefetchMode(mode))}`);
  } else {
    const figures = benchPrefetch();
    if (figures.misses.length) process.exitCode = 1;
  }
}
