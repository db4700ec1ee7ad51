/**
 * How the connection store's own writes keep an item on the keeper's due-list (CONNECTIONS_KEEPER_INDEX): each sets the
 * constant shard and a due time no later than the true one. The keeper computes the exact time after its look and
 * writes it back; a due time that is too early only costs one look, one that is too late could let a grant lapse.
 * Items stored before the keeper existed join through the one-off, paged enrolment (`enrolPage`).
 */
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CONNECTIONS_KEEPER_INDEX } from '../../contract/tables';
import { ValidationError } from '../../domain/errors';
import type { EnrolmentPage } from '../../domain/ports';
import { isConditionFailed } from './conditions';
import type { Expression } from './connection-expressions';

/** The one value of the index's partition key: the list is small (one item per manager) and read oldest first. */
export const KEEPER_SHARD = 'due';

export const KEEPER_SHARD_ATTRIBUTE = CONNECTIONS_KEEPER_INDEX.partitionKey.name;
export const KEEPER_DUE_ATTRIBUTE = CONNECTIONS_KEEPER_INDEX.sortKey.name;

/**
 * `expression` plus the enrolment. `reset`: due at `dueMs` (a connect or a role change: the keeper looks again);
 * otherwise an item already listed keeps its due time (a touch only makes the true due time later) and one not yet
 * listed (written before the keeper existed) joins at `dueMs`.
 */
export function withKeeperEnrolment(expression: Expression, dueMs: number, reset: boolean): Expression {
  const due = reset ? '#keeperDue = :keeperDue' : '#keeperDue = if_not_exists(#keeperDue, :keeperDue)';
  const assignments = `#keeperShard = :keeperShard, ${due}`;
  const update = expression.update ?? '';
  const merged = /^SET /.test(update)
    ? `SET ${assignments}, ${update.slice(4)}`
    : `SET ${assignments}${update ? ` ${update}` : ''}`;
  return {
    ...expression,
    update: merged,
    names: { ...expression.names, '#keeperShard': KEEPER_SHARD_ATTRIBUTE, '#keeperDue': KEEPER_DUE_ATTRIBUTE },
    values: { ...expression.values, ':keeperShard': KEEPER_SHARD, ':keeperDue': dueMs },
  };
}

/** Enrolment writes in flight at once (a page is read in one Scan, its items written a few at a time). */
const ENROL_WRITES_AT_ONCE = 10;

const Cursor = z.strictObject({ managerId: z.string().check(z.minLength(1)) });

/**
 * One page of the one-off enrolment: a Scan of `limit` items from `cursor` (projecting the key only), then, for each
 * item not yet enrolled, the shard and a due time of `nowMs`, conditional on it still existing and still not being
 * enrolled (a concurrent connect or keeper write wins; a deleted item is not brought back).
 */
export async function enrolPage(
  doc: DynamoDBDocumentClient,
  tableName: string,
  page: { nowMs: number; cursor: string | undefined; limit: number },
): Promise<EnrolmentPage> {
  const { Items, ScannedCount, LastEvaluatedKey } = await doc.send(
    new ScanCommand({
      TableName: tableName,
      Limit: page.limit,
      // Only the key (and the filter's shard) is read: never a credential. The keeper role's Scan is held to these.
      Select: 'SPECIFIC_ATTRIBUTES',
      ProjectionExpression: '#managerId',
      FilterExpression: 'attribute_not_exists(#keeperShard)',
      ExpressionAttributeNames: { '#managerId': 'managerId', '#keeperShard': KEEPER_SHARD_ATTRIBUTE },
      ...(page.cursor !== undefined ? { ExclusiveStartKey: decodeCursor(page.cursor) } : {}),
    }),
  );
  const ids = (Items ?? []).map((item) => String(item.managerId));
  let enrolled = 0;
  for (let start = 0; start < ids.length; start += ENROL_WRITES_AT_ONCE) {
    const written = await Promise.all(
      ids.slice(start, start + ENROL_WRITES_AT_ONCE).map((id) => enrolOne(doc, tableName, id, page.nowMs)),
    );
    enrolled += written.filter(Boolean).length;
  }
  return {
    scanned: ScannedCount ?? 0,
    enrolled,
    cursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : undefined,
  };
}

async function enrolOne(doc: DynamoDBDocumentClient, tableName: string, managerId: string, nowMs: number) {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { managerId },
        UpdateExpression: 'SET #keeperShard = :keeperShard, #keeperDue = :keeperDue',
        ConditionExpression: 'attribute_exists(managerId) AND attribute_not_exists(#keeperShard)',
        ExpressionAttributeNames: { '#keeperShard': KEEPER_SHARD_ATTRIBUTE, '#keeperDue': KEEPER_DUE_ATTRIBUTE },
        ExpressionAttributeValues: { ':keeperShard': KEEPER_SHARD, ':keeperDue': nowMs },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** The Scan's LastEvaluatedKey as an opaque, URL-safe string (the table's key is managerId alone). */
const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify({ managerId: key.managerId }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { managerId: string } {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new ValidationError('The enrolment cursor is not one an enrolment run returned', 'bad_cursor', {
      cause: error,
    });
  }
}
