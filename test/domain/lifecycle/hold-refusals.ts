/** hold_slot refusals: the call's hold calls and the refusals a store can give, shared by the hold-slot-re* tests. */
import { SlotTakenError } from '../../../functions/domain/errors';
import { resultOf, type World } from './harness';

export const ny = (time: string) => `2026-11-24T${time}:00-05:00`;
/** The holds of the world that keep a slot starting at `start` (New York) now. */
export const liveAt = (w: World, start: string) =>
  [...w.bookings.bookings.values()].filter(
    (b) => b.start === ny(start) && b.status === 'held' && b.holdUntilMs! > w.clock.now,
  );
/** call-a's hold_slot at Tuesday `start` for `minutes`; its result. */
export const holdFor = async (w: World, start: string, minutes = 30) =>
  resultOf(
    await w.tool('hold_slot', { start_time: `2026-11-24T${start}`, duration_minutes: minutes }, { callId: 'call-a' }),
  );
/** A refusal naming the holder of the first held cell: this call's own hold, or call-x's. */
export const own = () => new SlotTakenError('Slot already taken', 'tc-a', 'call-a');
export const other = () => new SlotTakenError('Slot already taken', 'tc-x', 'call-x');
export const LOST = 'The time I was holding for you before has been let go too.';
