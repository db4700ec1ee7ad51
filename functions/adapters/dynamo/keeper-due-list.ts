/**
 * KeeperDueList on the Connections table: a Query of the sparse keeper index (oldest due first, with a Limit: never a
 * scan), and a lease on the manager's item written with conditions, so two runs at once never refresh one manager.
 */
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONNECTIONS_KEEPER_INDEX } from '../../contract/tables';
import type { KeeperDueList, KeeperLease } from '../../domain/ports';
import { isConditionFailed } from './conditions';
import { commandFields, connectionFieldsExpression } from './connection-expressions';
import { KEEPER_DUE_ATTRIBUTE, KEEPER_SHARD, KEEPER_SHARD_ATTRIBUTE } from './keeper-enrolment';

const NAMES = {
  '#shard': KEEPER_SHARD_ATTRIBUTE,
  '#due': KEEPER_DUE_ATTRIBUTE,
  '#lease': 'keeperLeaseId',
  '#leaseUntil': 'keeperLeaseUntilMs',
};

/** The keeper's due-list in DynamoDB. */
export class DynamoKeeperDueList implements KeeperDueList {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(nowMs: number, limit: number): Promise<string[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: CONNECTIONS_KEEPER_INDEX.name,
        KeyConditionExpression: '#shard = :shard AND #due <= :now',
        ExpressionAttributeNames: { '#shard': NAMES['#shard'], '#due': NAMES['#due'], '#managerId': 'managerId' },
        ExpressionAttributeValues: { ':shard': KEEPER_SHARD, ':now': nowMs },
        ProjectionExpression: '#managerId',
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => String(item.managerId));
  }

  async claim(managerId: string, nowMs: number, leaseUntilMs: number): Promise<KeeperLease | undefined> {
    const leaseId = randomUUID();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          UpdateExpression: 'SET #lease = :lease, #leaseUntil = :until',
          // The index is read eventually consistently: the item itself must still be due, and free.
          ConditionExpression:
            'attribute_exists(managerId) AND #due <= :now AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :now)',
          ExpressionAttributeNames: {
            '#due': NAMES['#due'],
            '#lease': NAMES['#lease'],
            '#leaseUntil': NAMES['#leaseUntil'],
          },
          ExpressionAttributeValues: { ':lease': leaseId, ':until': leaseUntilMs, ':now': nowMs },
        }),
      );
      return { managerId, leaseId };
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  async release(lease: KeeperLease, nextDueMs: number | undefined): Promise<boolean> {
    const listed = nextDueMs !== undefined;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId: lease.managerId },
          UpdateExpression: listed
            ? 'SET #shard = :shard, #due = :next REMOVE #lease, #leaseUntil'
            : 'REMOVE #shard, #due, #lease, #leaseUntil',
          ConditionExpression: '#lease = :lease',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: {
            ':lease': lease.leaseId,
            ...(listed ? { ':shard': KEEPER_SHARD, ':next': nextDueMs } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async recordRefresh(managerId: string, connectionId: string, at: string): Promise<void> {
    const expression = connectionFieldsExpression(connectionId, { lastRefreshedAt: at });
    try {
      await this.doc.send(
        new UpdateCommand({ TableName: this.tableName, Key: { managerId }, ...commandFields(expression) }),
      );
    } catch (error) {
      // Disconnected while it was refreshed: nothing is left to record it on.
      if (isConditionFailed(error)) return;
      throw error;
    }
  }
}
