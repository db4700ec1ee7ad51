/**
 * The lifecycle phase of the webhook bench: per round, book a slot, find it by its code, move it to another free slot,
 * cancel it; each call's provider requests are counted (find reads the event by id; a move reads it beside the
 * calendar view, then patches it; a cancel reads who is invited, then cancels).
 */
import type { ToolCaller } from './driver';
import type { CallSample } from './measure';
import type { slotPool } from './slots';

export interface LifecycleSamples {
  find: CallSample[];
  reschedule: CallSample[];
  cancel: CallSample[];
  /** Calls that did not answer as a working lifecycle would (with their tool and answer). */
  failures: string[];
}

/** Runs `rounds` rounds of book → find → reschedule → cancel over slots from `pool`. */
export async function lifecycleRounds(
  call: ToolCaller,
  pool: ReturnType<typeof slotPool>,
  refill: (record: boolean) => Promise<boolean>,
  rounds: number,
): Promise<LifecycleSamples> {
  const samples: LifecycleSamples = { find: [], reschedule: [], cancel: [], failures: [] };
  const take = async () => pool.take() ?? ((await refill(false)) ? pool.take() : undefined);
  for (let i = 0; i < rounds; i++) {
    const [first, second] = [await take(), await take()];
    if (!first || !second) break;
    const booked = await call('set_appointment', { start_time: first.start, attendee_name: `Lifecycle ${i}` });
    const appointment = booked.result?.appointment as { id: string; confirmation_code: string } | undefined;
    if (!appointment) {
      samples.failures.push(`set_appointment: ${JSON.stringify(booked.result ?? booked.error)}`);
      continue;
    }
    const code = appointment.confirmation_code;
    const found = await call('find_appointment', { confirmation_code: code });
    samples.find.push(found.sample);
    if ((found.result?.appointments as unknown[] | undefined)?.length !== 1)
      samples.failures.push(`find_appointment: ${JSON.stringify(found.result ?? found.error)}`);
    const moved = await call('reschedule_appointment', {
      appointment_id: appointment.id,
      confirmation_code: code,
      new_start_time: second.start,
    });
    samples.reschedule.push(moved.sample);
    if (moved.result?.rescheduled !== true)
      samples.failures.push(`reschedule_appointment: ${JSON.stringify(moved.result ?? moved.error)}`);
    const cancelled = await call('cancel_appointment', { confirmation_code: code });
    samples.cancel.push(cancelled.sample);
    if (cancelled.result?.cancelled !== true)
      samples.failures.push(`cancel_appointment: ${JSON.stringify(cancelled.result ?? cancelled.error)}`);
  }
  return samples;
}
