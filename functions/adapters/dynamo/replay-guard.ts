/** ReplayGuard on the OAuth state table: one conditional PutItem per signed webhook request. */
import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REPLAY_KEY_PREFIX } from '../../contract/tables';
import type { ReplayGuard } from '../../domain/ports';
import { failedItem, isConditionFailed, rawString } from './conditions';

/** Seconds TTL waits after expiresAt; TTL only garbage-collects, the condition checks expiry itself. */
const TTL_SLACK_SECONDS = 300;

/** Signatures already admitted, as `replay#<digest>` items beside the OAuth states (short-lived, TTL on). */
export class DynamoReplayGuard implements ReplayGuard {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async admitOnce(digest: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    const expiresAt = Math.ceil(expiresAtMs / 1000);
    // Ours alone: if the SDK retries a put that did land (a timeout after the write), the record it then finds is
    // this one, which is no replay.
    const writer = randomUUID();
    const item = { stateHash: `${REPLAY_KEY_PREFIX}${digest}`, kind: 'seen-signature', writer, expiresAt };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, ttl: expiresAt + TTL_SLACK_SECONDS },
          // A record TTL has not yet deleted but whose window has ended is no replay: the write takes its place.
          ConditionExpression: 'attribute_not_exists(stateHash) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(nowMs / 1000) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return rawString(failedItem(error), 'writer') === writer;
      throw error;
    }
  }
}
