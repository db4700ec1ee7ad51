/**
 * Tool-call idempotency records (TOOLCALL#<id> in the Bookings table). A claim is a conditional put; a claim left
 * in progress longer than the lease (a crashed Lambda) may be taken again, and a record past its ttl counts as absent.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { StoredToolAnswer, ToolAnswerWrite, ToolCallClaim } from '../../domain/ports';
import { epochSeconds, toolCallKey } from './booking-keys';
import { failedItem, isConditionFailed, rawString } from './conditions';
import type { TransactItems } from './transact';

const RECORD_TTL_S = 86_400;
const NAMES = { '#state': 'state', '#ttl': 'ttl' };

/** The values of a stored answer: a JSON string, not a map, so it survives a failed condition's raw item as it was. */
function answerValues(answer: StoredToolAnswer, nowMs: number) {
  return {
    ':done': 'done',
    ':answer': JSON.stringify({ result: answer.result, error: answer.error }),
    ':now': nowMs,
    ':ttl': epochSeconds(nowMs) + RECORD_TTL_S,
  };
}

/** Claims, answers and releases of tool calls. */
export class ToolCallRecords {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes the claim, or reports the current holder's state (and the stored answer once done). */
  async claim(toolCallId: string, nowMs: number, attemptsLeft = 2): Promise<ToolCallClaim> {
    // Ours alone: when the SDK resends this put because its first answer was lost (a request timeout), the resend
    // fails its condition against our own claim, and only the token tells that claim from another invocation's.
    const token = randomUUID();
    try {
      const { Attributes } = await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...toolCallKey(toolCallId),
            type: 'toolcall',
            state: 'in_progress',
            claimedAt: nowMs,
            claimToken: token,
            ttl: epochSeconds(nowMs) + RECORD_TTL_S,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #ttl < :nowS OR (#state = :inProgress AND claimedAt < :staleBefore)',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: {
            ':nowS': Math.floor(nowMs / 1000),
            ':inProgress': 'in_progress',
            ':staleBefore': nowMs - this.leaseMs,
          },
          // The blocking record comes back with the failure, so no second read is needed to answer a redelivery.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          // And a lapsed claim this one took over comes back with the success.
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes?.state === 'in_progress' ? { claimed: true, contended: true } : { claimed: true };
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const item = failedItem(error) ?? (await this.read(toolCallId));
      // Released between our put and read: the id is free again, so try once more.
      if (!item) {
        if (attemptsLeft <= 1) return { claimed: false, state: 'in_progress' };
        const again = await this.claim(toolCallId, nowMs, attemptsLeft - 1);
        return again.claimed ? { claimed: true, contended: true } : again;
      }
      // Our own claim, met by the SDK's resend: claimed, and contended since the lost answer may have been a takeover.
      if (rawString(item, 'claimToken') === token) return { claimed: true, contended: true };
      const answer = rawString(item, 'answer');
      if (rawString(item, 'state') === 'done' && answer !== undefined) {
        return { claimed: false, state: 'done', answer: JSON.parse(answer) as StoredToolAnswer };
      }
      return { claimed: false, state: 'in_progress' };
    }
  }

  /** Stores the answer; the first stored answer wins, so every redelivery hears the same words. */
  async complete(toolCallId: string, answer: StoredToolAnswer, nowMs: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: toolCallKey(toolCallId),
          UpdateExpression: 'SET #state = :done, answer = :answer, completedAt = :now, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#state) OR #state <> :done',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: answerValues(answer, nowMs),
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /**
   * The answer's write as an action of another transaction (confirm). Unconditional: the claim is this invocation's
   * (its lease outlasts the webhook's budget), and a condition failing here would undo the booking's confirm.
   */
  completeAction({ toolCallId, answer, nowMs }: ToolAnswerWrite): TransactItems[number] {
    return {
      Update: {
        TableName: this.tableName,
        Key: toolCallKey(toolCallId),
        UpdateExpression: 'SET #state = :done, answer = :answer, completedAt = :now, #ttl = :ttl',
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: answerValues(answer, nowMs),
      },
    };
  }

  /** Drops an in-progress claim; a completed answer is never dropped. */
  async release(toolCallId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: toolCallKey(toolCallId),
          ConditionExpression: '#state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress' },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  private async read(toolCallId: string): Promise<Record<string, string> | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: toolCallKey(toolCallId), ConsistentRead: true }),
    );
    return Item as Record<string, string> | undefined;
  }
}
