/**
 * The counters a new booking is counted in (its call's, its caller number's day), as actions of the transaction that
 * takes its cells: the caps are conditions, so a limit cannot be passed by parallel bookings, and a booking refused at
 * a limit (or for its slot) has taken no unit it would have to give back.
 */
import { CallLimitError, SlotTakenError } from '../../domain/errors';
import type { BookingLimits, BookingRecord } from '../../domain/ports';
import { MAX_CELLS, validateCells } from './booking-keys';
import { takeCallCount } from './call-count';
import { takeQuotaUnit } from './caller-counters';
import { cancellationReasons, failedAt } from './conditions';
import type { TransactItems } from './transact';

/** The counter actions of `limits` for the booking, and the booking as it is to be written (countedInCall). */
export interface LimitActions {
  record: BookingRecord;
  /** Day first, then call: the order the refusals are told in. */
  actions: TransactItems;
  kinds: Array<'day' | 'call'>;
}

/** The actions counting the booking; validates the cells leave room for them in one transaction. */
export function limitActions(
  table: string,
  booking: BookingRecord,
  cells: number[],
  nowMs: number,
  limits: BookingLimits = {},
): LimitActions {
  const actions: TransactItems = [];
  const kinds: LimitActions['kinds'] = [];
  if (limits.perCallerDay !== undefined && booking.quota) {
    if (!(limits.perCallerDay > 0)) throw new CallLimitError('Daily limit of the caller reached', { limit: 'day' });
    const unit = { managerId: booking.managerId, ...booking.quota };
    actions.push({ Update: takeQuotaUnit(table, unit, limits.perCallerDay, nowMs) });
    kinds.push('day');
  }
  const call = limits.perCall === undefined ? undefined : takeCallCount(table, booking, limits.perCall, nowMs);
  if (call) {
    actions.push(call);
    kinds.push('call');
  }
  validateCells(cells, { max: MAX_CELLS - actions.length });
  return { record: call ? { ...booking, countedInCall: true } : booking, actions, kinds };
}

/**
 * The CallLimitError a cancelled transaction means when its counter actions sit at `from` on, else undefined. A
 * counter is checked before the cells: a caller at a limit books nothing, whoever holds the slot.
 */
export function limitReached(error: unknown, from: number, kinds: LimitActions['kinds']): CallLimitError | undefined {
  const cause = error instanceof SlotTakenError ? error.cause : error;
  if (!cancellationReasons(cause)) return undefined;
  const index = kinds.findIndex((_, i) => failedAt(cause, from + i));
  if (index < 0) return undefined;
  const limit = kinds[index]!;
  const message = limit === 'day' ? 'Daily limit of the caller reached' : 'Booking limit of the call reached';
  return new CallLimitError(message, { cause: error, limit });
}
