/**
 * KeeperDueList on the Connections table: a Query of the sparse keeper index (oldest due first, with a Limit: a run
 * never scans), and a lease on the manager's item written with conditions, so two runs at once never refresh one
 * manager. Only the one-off `enrol` scans (keeper-enrolment.ts), a page at a time.
 */
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONNECTIONS_KEEPER_INDEX } from '../../contract/tables';
import type { EnrolmentPage, KeeperDueList, KeeperLease } from '../../domain/ports';
import { isConditionFailed } from './conditions';
import { commandFields, connectionFieldsExpression } from './connection-expressions';
import { enrolPage, KEEPER_DUE_ATTRIBUTE, KEEPER_SHARD, KEEPER_SHARD_ATTRIBUTE } from './keeper-enrolment';

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
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          // `#due = #due` only so UPDATED_NEW returns the due time claimed (and not the item's sealed credentials).
          UpdateExpression: 'SET #lease = :lease, #leaseUntil = :until, #due = #due',
          // The index is read eventually consistently: the item itself must still be due, and free.
          ConditionExpression:
            'attribute_exists(managerId) AND #due <= :now AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :now)',
          ExpressionAttributeNames: {
            '#due': NAMES['#due'],
            '#lease': NAMES['#lease'],
            '#leaseUntil': NAMES['#leaseUntil'],
          },
          ExpressionAttributeValues: { ':lease': leaseId, ':until': leaseUntilMs, ':now': nowMs },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { managerId, leaseId, dueMs: Number(Attributes?.[KEEPER_DUE_ATTRIBUTE]) };
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  async release(lease: KeeperLease, nextDueMs: number | undefined): Promise<boolean> {
    const listed = nextDueMs !== undefined;
    // Off the list: the due time goes, the shard stays (marking the item as enrolled, so `enrol` never re-adds it).
    const moved = this.endLease(
      lease,
      listed ? 'SET #shard = :shard, #due = :next REMOVE #lease, #leaseUntil' : 'REMOVE #due, #lease, #leaseUntil',
      '#lease = :lease AND #due = :claimed',
      { ':claimed': lease.dueMs, ...(listed ? { ':shard': KEEPER_SHARD, ':next': nextDueMs } : {}) },
    );
    // A connect or role change during the run set a due time from a record newer than the one this run read: keep it.
    return (await moved) || this.endLease(lease, 'REMOVE #lease, #leaseUntil', '#lease = :lease', {});
  }

  async enrol(nowMs: number, cursor: string | undefined, limit: number): Promise<EnrolmentPage> {
    return enrolPage(this.doc, this.tableName, { nowMs, cursor, limit });
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

  /** One conditional write on a leased item; false when its condition failed. */
  private async endLease(lease: KeeperLease, update: string, condition: string, values: Record<string, unknown>) {
    const names = Object.fromEntries(Object.entries(NAMES).filter(([name]) => `${update} ${condition}`.includes(name)));
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId: lease.managerId },
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':lease': lease.leaseId, ...values },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
