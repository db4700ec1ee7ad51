/** The webhook bench's human-readable report: one line per figure group, then the missed targets. */
import type { KmsCount, WebhookFigures } from './figures';
import { ioLines } from './io-report';
import { WEBHOOK_TARGETS } from './targets';

const ms = (v: number) => `${v.toFixed(1)} ms`;
const fixed2 = (v: number) => v.toFixed(2);

/** Writes the report of a run to `log`; `warmUpCalls` is how many unmeasured calls preceded the measured phase. */
export function report(
  f: WebhookFigures,
  log: (line: string) => void,
  notBookedReasons: Record<string, number>,
  warmUpCalls: number,
): void {
  const t = WEBHOOK_TARGETS;
  const a = f.availability;
  const b = f.booking;
  log(
    `webhook: calendar of ${f.calendar.events} events over ${f.calendar.days} days ` +
      `(Eastern, open 08:00-20:00 daily); KMS mocked in-process; ` +
      `times are client-side HTTP POST durations, including the local HTTP hop ` +
      `and the Microsoft emulator on loopback, ` +
      `after ${warmUpCalls} warm-up calls`,
  );
  log(
    `webhook get_availability: p50 ${ms(a.p50Ms)}, p99 ${ms(a.p99Ms)} ` +
      `(mean ${ms(a.meanMs)}, max ${ms(a.maxMs)}) over ${a.calls} calls ` +
      `${a.harvest ? `(${a.requested} + ${a.harvest} slot-harvest calls between bookings) ` : ''}` +
      `(warm, loopback, target: well under the ${t.vapiTimeoutMs / 1000} s VAPI timeout)`,
  );
  log(
    `webhook set_appointment: p50 ${ms(b.p50Ms)}, p99 ${ms(b.p99Ms)} ` +
      `(mean ${ms(b.meanMs)}, max ${ms(b.maxMs)}) over ${b.calls} calls ` +
      `(${b.booked} booked, each a different free slot` +
      `${b.notBooked ? `, ${b.notBooked} not booked ${JSON.stringify(notBookedReasons)}` : ''}` +
      `${b.failed ? `, ${b.failed} failed` : ''}` +
      `${b.slotsRanOut ? `; free slots ran out after ${b.calls} of ${b.requested}` : ''})`,
  );
  log(
    `provider round trips per call: ` +
      `get_availability ${fixed2(a.roundTrips.graphAvg)} ` +
      `(max ${a.roundTrips.graphMax}, target ${t.availabilityGraph}); ` +
      `set_appointment ${fixed2(b.roundTrips.graphAvg)} (max ${b.roundTrips.graphMax}, target ${t.bookingGraph}); ` +
      `token endpoint ${fixed2(a.roundTrips.tokenAvg)}/${fixed2(b.roundTrips.tokenAvg)} ` +
      `(max ${Math.max(a.roundTrips.tokenMax, b.roundTrips.tokenMax)}, target ${t.tokenPerCall})`,
  );
  log(
    `provider requests by route: get_availability ${JSON.stringify(a.roundTrips.byRoute)}; ` +
      `set_appointment ${JSON.stringify(b.roundTrips.byRoute)}; ` +
      `cold path (connect + first call): ${f.coldProvider.graph} Graph, ${f.coldProvider.token} token ` +
      `${JSON.stringify(f.coldProvider.byRoute)}`,
  );
  for (const line of ioLines(f)) log(line);
  const lc = f.lifecycle;
  const one = (name: string, x: typeof lc.find, target: number) =>
    `${name} p50 ${ms(x.p50Ms)}, p99 ${ms(x.p99Ms)}, Graph ${fixed2(x.roundTrips.graphAvg)}/call ` +
    `(max ${x.roundTrips.graphMax}, target ${target}) ${JSON.stringify(x.roundTrips.byRoute)}`;
  log(
    `webhook lifecycle over ${lc.find.calls} rounds (book → find by code → reschedule → cancel): ` +
      `${one('find_appointment', lc.find, t.findGraph)}; ` +
      `${one('reschedule_appointment', lc.reschedule, t.rescheduleGraph)}; ` +
      `${one('cancel_appointment', lc.cancel, t.cancelGraph)}`,
  );
  const k = (c: KmsCount) => `${c.total} (GenerateDataKey ${c.generateDataKey}, Decrypt ${c.decrypt})`;
  log(
    `KMS calls on the warm path: ${k(f.kms.warm)} (target ${t.warmKmsCalls}); ` +
      `cold path (connect + first call): ${k(f.kms.cold)}; warm-up: ${k(f.kms.warmUp)}`,
  );
  log(
    `memory (whole process: handlers + emulator + bench client; DynamoDB Local is a separate JVM, not counted): ` +
      `RSS ${f.memory.before.rssMb} → ${f.memory.after.rssMb} MB, ` +
      `heapUsed ${f.memory.before.heapUsedMb} → ${f.memory.after.heapUsedMb} MB, ` +
      `live heap after GC ${f.memory.before.liveHeapMb} → ${f.memory.after.liveHeapMb} MB over the measured phase`,
  );
  log(
    f.misses.length
      ? `webhook: MISSED ${f.misses.length} target(s):\n  - ${f.misses.join('\n  - ')}`
      : 'webhook: all targets met',
  );
}
