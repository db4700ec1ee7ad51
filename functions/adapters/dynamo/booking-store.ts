/** BookingStore on the Bookings single table: tool-call claims, slot-lock transactions and booking reads. */
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, SlotTakenError, ValidationError } from '../../domain/errors';
import type { BookingRecord, BookingStore, Clock, StoredToolAnswer, ToolCallClaim } from '../../domain/ports';
import { bookingKey, bookingPk, fromBookingItem, lockKey, validateCells } from './booking-keys';
import { cancellationReasons, isConditionFailed, rawString } from './conditions';
import { confirmItems, releaseItems, reserveItems } from './slot-locks';
import { ToolCallRecords } from './tool-calls';
import { conflictOnly, failedCondition, transactWrite } from './transact';

export interface BookingStoreOptions {
  /** How long an unfinished tool-call claim blocks a redelivery before it may be re-claimed (default 30 s). */
  toolCallLeaseMs?: number;
  /** Decides whether a pending lease has lapsed in holderOf (default Date.now). */
  clock?: Clock;
}

/** Bookings, lock cells and tool-call records in DynamoDB. */
export class DynamoBookingStore implements BookingStore {
  private readonly toolCalls: ToolCallRecords;
  private readonly clock: Clock;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    opts: BookingStoreOptions = {},
  ) {
    this.toolCalls = new ToolCallRecords(doc, tableName, opts.toolCallLeaseMs ?? 30_000);
    this.clock = opts.clock ?? Date.now;
  }

  claimToolCall(toolCallId: string, nowMs: number): Promise<ToolCallClaim> {
    return this.toolCalls.claim(toolCallId, nowMs);
  }

  completeToolCall(toolCallId: string, answer: StoredToolAnswer, nowMs: number): Promise<void> {
    return this.toolCalls.complete(toolCallId, answer, nowMs);
  }

  releaseToolCall(toolCallId: string): Promise<void> {
    return this.toolCalls.release(toolCallId);
  }

  /**
   * One transaction: every cell (free or lapsed) plus the pending booking. Throws SlotTakenError or ValidationError.
   */
  async reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number): Promise<void> {
    validateCells(cells);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    try {
      await transactWrite(this.doc, {
        TransactItems: reserveItems(this.tableName, booking, cells, leaseUntilMs, nowMs),
      });
    } catch (error) {
      // Only a held cell means "taken now": a ConditionalCheckFailed, or a clash that outlasted the retries with a
      // booking that now holds one of the cells (the race's winner). Throttling, a clash with nobody holding anything
      // or a validation failure is our problem, and must not be told to the caller as "someone booked it".
      if (!failedCondition(error)) {
        const winner = conflictOnly(error) ? await this.heldBySomeoneElse(booking, cells) : undefined;
        if (!winner) throw error;
        const taken = new SlotTakenError('Slot already taken', winner.holder.toolCallId, winner.holder.callId, {
          cause: error,
        });
        taken.holderCell = winner.cell;
        throw taken;
      }
      const holder = cancellationReasons(error)!.find((r) => r.Code === 'ConditionalCheckFailed' && r.Item)?.Item;
      const taken = new SlotTakenError(
        'Slot already taken',
        rawString(holder, 'toolCallId'),
        rawString(holder, 'callId'),
        { cause: error },
      );
      const cell = holder?.cell?.N;
      if (cell) taken.holderCell = Number(cell);
      throw taken;
    }
  }

  /** The first of `cells` another booking holds now, with that booking (after a clash; one at a time, it is rare). */
  private async heldBySomeoneElse(
    booking: BookingRecord,
    cells: number[],
  ): Promise<{ cell: number; holder: BookingRecord } | undefined> {
    for (const cell of cells) {
      const holder = await this.holderOf(booking.managerId, cell);
      if (holder && holder.bookingId !== booking.bookingId) return { cell, holder };
    }
    return undefined;
  }

  /** Confirms the booking and its cells. Throws ConcurrencyError if a cell no longer belongs to this booking. */
  async confirm(booking: BookingRecord, cells: number[], eventId: string): Promise<void> {
    validateCells(cells);
    try {
      await transactWrite(this.doc, { TransactItems: confirmItems(this.tableName, booking, cells, eventId) });
    } catch (error) {
      if (cancellationReasons(error)) throw new ConcurrencyError('Booking no longer holds its slot', { cause: error });
      throw error;
    }
  }

  /** Deletes what this pending booking still holds; cells taken over by others and confirmed bookings stay. */
  async release(booking: BookingRecord, cells: number[]): Promise<void> {
    validateCells(cells);
    const items = releaseItems(this.tableName, booking, cells);
    try {
      await transactWrite(this.doc, { TransactItems: items });
    } catch (error) {
      if (!failedCondition(error)) throw error;
      // Some item is no longer ours (or already gone): still free the rest, one conditional delete each.
      await Promise.all(
        items.map(async ({ Delete }) => {
          try {
            await this.doc.send(new DeleteCommand(Delete!));
          } catch (inner) {
            if (!isConditionFailed(inner)) throw inner;
          }
        }),
      );
    }
  }

  /** Cancels a confirmed booking and frees the cells it still holds (each delete conditioned on ownership). */
  async retire(booking: BookingRecord, cells: number[]): Promise<void> {
    validateCells(cells);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKey(booking),
          UpdateExpression: 'SET #status = :cancelled',
          // Cancelled already is fine: a retire cut off before all its cell deletes ran must be able to finish.
          ConditionExpression: '#status IN (:confirmed, :cancelled)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':confirmed': 'confirmed' },
        }),
      );
    } catch (error) {
      // It is pending (an attempt still in flight) or gone: leave its cells alone.
      if (isConditionFailed(error)) return;
      throw error;
    }
    await Promise.all(
      cells.map(async (cell) => {
        try {
          await this.doc.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: lockKey(booking.managerId, cell),
              ConditionExpression: 'bookingId = :me',
              ExpressionAttributeValues: { ':me': booking.bookingId },
            }),
          );
        } catch (error) {
          if (!isConditionFailed(error)) throw error;
        }
      }),
    );
  }

  /** The booking holding a cell; a pending cell whose lease has lapsed holds nothing. */
  async holderOf(managerId: string, cell: number): Promise<BookingRecord | undefined> {
    const { Item: lock } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: lockKey(managerId, cell), ConsistentRead: true }),
    );
    if (!lock || (lock.status === 'pending' && (lock.leaseUntil as number) < this.clock())) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: bookingPk(managerId), sk: lock.bookingSk as string },
        ConsistentRead: true,
      }),
    );
    return Item ? fromBookingItem(Item) : undefined;
  }

  /**
   * Bookings starting in [fromMs, toMs): sort keys start with the fixed-width UTC ISO start,
   * so BETWEEN is a time range.
   */
  async listByManager(managerId: string, fromMs: number, toMs: number): Promise<BookingRecord[]> {
    if (!(fromMs < toMs)) return [];
    const bookings: BookingRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          // Upper bound is the bare ISO of toMs: "<iso(toMs)>#id" sorts after it, which makes the range half-open.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': bookingPk(managerId),
            ':from': new Date(fromMs).toISOString(),
            ':to': new Date(toMs).toISOString(),
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      bookings.push(...(page.Items ?? []).map(fromBookingItem));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return bookings;
  }
}
