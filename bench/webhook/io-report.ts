/**
 * The I/O figures of a webhook bench run, each beside its target: as report lines (report.ts prints them) and as
 * summary rows (for bench/run.ts's table).
 */
import type { WebhookFigures } from './figures';
import type { IoFigures, Stat } from './io-summary';
import { WEBHOOK_TARGETS } from './targets';

/** One figure for a summary table; `ok` is undefined for a figure reported without a gate. */
export interface IoRow {
  figure: string;
  value: string;
  target: string;
  ok?: boolean;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
const avgMax = (s: Stat) => `${n(s.mean)} (max ${s.max})`;
const p50Max = (s: Stat) => `p50 ${s.p50}, max ${s.max}`;

/** Every I/O figure of the run with its target: own-code time, DynamoDB requests and round trips, provider calls. */
export function ioSummaryRows(f: Pick<WebhookFigures, 'availability' | 'booking'>): IoRow[] {
  const t = WEBHOOK_TARGETS;
  const a = f.availability.io;
  const b = f.booking.io;
  const traced = (io: IoFigures) => `${io.traced} of ${io.calls}`;
  return [
    {
      figure: 'get_availability own-code time p50 (wall − I/O)',
      value: ms(a.ownMs.p50),
      target: `<= ${t.availabilityOwnMs} ms`,
      ok: a.ownMs.p50 <= t.availabilityOwnMs,
    },
    { figure: 'get_availability own-code time p99', value: ms(a.ownMs.p99), target: '- (not gated)' },
    {
      figure: 'get_availability own CPU time p50 / p99 (CPU − CPU in I/O)',
      value: `${ms(a.ownCpuMs.p50)} / ${ms(a.ownCpuMs.p99)}`,
      target: `${t.availabilityOwnMs} ms (not gated)`,
    },
    {
      figure: 'set_appointment own-code time p50 / p99',
      value: `${ms(b.ownMs.p50)} / ${ms(b.ownMs.p99)}`,
      target: '- (not gated)',
    },
    { figure: 'get_availability DynamoDB requests per call', value: avgMax(a.dynamo.requests), target: '-' },
    {
      figure: 'get_availability sequential DynamoDB round trips',
      value: p50Max(a.dynamo.chain),
      target: '- (not gated)',
    },
    {
      figure: 'get_availability DynamoDB writes on the answer path',
      value: `max ${a.dynamo.writesAnswered.max}`,
      target: `${t.availabilityDynamoWrites}`,
      ok: a.dynamo.writesAnswered.max <= t.availabilityDynamoWrites,
    },
    {
      figure: 'get_availability sequential provider calls',
      value: p50Max(a.provider.chain),
      target: `<= ${t.availabilityProviderSteps}`,
      ok: a.provider.chain.max <= t.availabilityProviderSteps,
    },
    { figure: 'set_appointment DynamoDB requests per call', value: avgMax(b.dynamo.requests), target: '-' },
    {
      figure: 'set_appointment sequential DynamoDB round trips (answer path)',
      value: p50Max(b.dynamo.chain),
      target: `<= ${t.bookingDynamoSteps}`,
      ok: b.dynamo.chain.max <= t.bookingDynamoSteps,
    },
    {
      figure: 'set_appointment sequential DynamoDB, background included',
      value: p50Max(b.dynamo.chainAll),
      target: '- (not gated)',
    },
    {
      figure: 'set_appointment sequential provider calls',
      value: p50Max(b.provider.chain),
      target: `<= ${t.bookingProviderSteps}`,
      ok: b.provider.chain.max <= t.bookingProviderSteps,
    },
    {
      figure: 'calls traced in-process (availability / booking)',
      value: `${traced(a)} / ${traced(b)}`,
      target: 'all',
      ok: a.traced === a.calls && b.traced === b.calls,
    },
  ];
}

function toolLine(name: string, io: IoFigures, targets: { own?: number; dynamo?: number; provider: number }): string {
  const d = io.dynamo;
  const own = targets.own === undefined ? 'no target' : `target <= ${targets.own} ms median`;
  const dynamoTarget = targets.dynamo === undefined ? 'no target' : `target <= ${targets.dynamo}`;
  return (
    `${name} over ${io.traced} traced calls: own code p50 ${ms(io.ownMs.p50)}, p99 ${ms(io.ownMs.p99)} (${own}; ` +
    `wall p50 ${ms(io.wallMs.p50)} − I/O p50 ${ms(io.ioMs.p50)}; ` +
    `own CPU time p50 ${ms(io.ownCpuMs.p50)}, p99 ${ms(io.ownCpuMs.p99)}; medians before the first I/O ` +
    `${ms(io.ownSplitP50Ms.beforeIo)}, between ${ms(io.ownSplitP50Ms.betweenIo)}, ` +
    `after the last ${ms(io.ownSplitP50Ms.afterIo)}); ` +
    `DynamoDB ${avgMax(d.requests)} requests/call, sequential ${p50Max(d.chain)} (${dynamoTarget}), ` +
    `with background ${p50Max(d.chainAll)}, ${n(d.background.mean)} left running after the answer, ` +
    `writes before the answer max ${d.writesAnswered.max}; ` +
    `commonest steps "${d.commonSteps.steps}" (${d.commonSteps.calls} calls); ` +
    `provider calls sequential ${p50Max(io.provider.chain)} (target <= ${targets.provider}), ` +
    `with background max ${io.provider.chainAll.max}`
  );
}

/** The report lines of the I/O figures. */
export function ioLines(f: WebhookFigures): string[] {
  const t = WEBHOOK_TARGETS;
  return [
    'webhook I/O (traced in-process from diagnostics channels: handler wall = the handler call → its settling (no local HTTP hop); ' +
      'I/O = union of DynamoDB and provider request intervals; sequential = longest chain of non-overlapping requests ' +
      'over by the answer):',
    `  ${toolLine('get_availability', f.availability.io, { own: t.availabilityOwnMs, provider: t.availabilityProviderSteps })}; ` +
      `DynamoDB writes on the answer path target ${t.availabilityDynamoWrites}`,
    `  ${toolLine('set_appointment', f.booking.io, { dynamo: t.bookingDynamoSteps, provider: t.bookingProviderSteps })}`,
  ];
}
