/** Telling "another booking holds one of these cells" apart from every other way a take of cells can fail. */
import { SlotTakenError } from '../../domain/errors';
import type { BookingTable } from './booking-table';
import { cancellationReasons, rawString } from './conditions';
import { liveLock } from './lock-holder';
import { conflictOnly, failedCondition, type TransactItems, transactWrite } from './transact';

/** What a take needs to look for the race's winner: the table, who is taking, which cells, and "now". */
export interface TakeContext extends BookingTable {
  booking: { managerId: string; bookingId: string };
  cells: readonly number[];
  nowMs: number;
}

/**
 * The SlotTakenError a failed take means, or undefined when it means something else. Only a held cell means "taken
 * now": a ConditionalCheckFailed (its holder comes back in CancellationReasons), or a clash that outlasted the retries
 * with another booking now holding one of the cells (the race's winner). Throttling, a clash with nobody holding
 * anything or a validation failure is our problem, and must not be told to the caller as "someone booked it".
 */
export async function slotTaken(error: unknown, take: TakeContext): Promise<SlotTakenError | undefined> {
  if (failedCondition(error)) {
    const holder = cancellationReasons(error)!.find((r) => r.Code === 'ConditionalCheckFailed' && r.Item)?.Item;
    const cell = holder?.cell?.N;
    return taken(error, rawString(holder, 'toolCallId'), rawString(holder, 'callId'), cell ? Number(cell) : undefined);
  }
  if (!conflictOnly(error)) return undefined;
  // One read at a time: a clash past the retries is rare, and the first held cell is enough.
  for (const cell of take.cells) {
    const lock = await liveLock(take, take.booking.managerId, cell, take.nowMs);
    if (lock && lock.bookingId !== take.booking.bookingId) {
      return taken(error, lock.toolCallId as string | undefined, lock.callId as string | undefined, cell);
    }
  }
  return undefined;
}

function taken(cause: unknown, toolCallId?: string, callId?: string, cell?: number): SlotTakenError {
  const error = new SlotTakenError('Slot already taken', toolCallId, callId, { cause });
  if (cell !== undefined) error.holderCell = cell;
  return error;
}

/** Runs a transaction that takes cells; a held cell comes out as SlotTakenError, any other failure as it is. */
export async function takeCells(take: TakeContext, items: TransactItems): Promise<void> {
  try {
    await transactWrite(take.doc, { TransactItems: items });
  } catch (error) {
    throw (await slotTaken(error, take)) ?? error;
  }
}
