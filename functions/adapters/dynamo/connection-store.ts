/**
 * ConnectionStore on the Connections table (pk managerId), one schema-2 item per manager (connection-item.ts). Every
 * invariant of the port is a ConditionExpression (connection-expressions.ts); older single-connection items are
 * migrated on read (legacy-migration.ts). Only GetItem, UpdateItem and DeleteItem are used, never PutItem.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, NotFoundError } from '../../domain/errors';
import type { ConnectionStore, ManagerConnections, ReadVersions } from '../../domain/ports';
import type { OwnerSchedule } from '../../domain/types';
import { failedItem, isConditionFailed, rawString } from './conditions';
import { assertSealed, assertWritable, parseConnectionsItem, toRecord } from './connection-item';
import {
  commandFields,
  connectionFieldsExpression,
  credentialsExpression,
  type Expression,
  saveExpression,
  unchangedExpression,
} from './connection-expressions';
import { withKeeperEnrolment } from './keeper-enrolment';
import { isLegacyItem, migrateLegacyItem, migrationUpdate } from './legacy-migration';

/** Reads of an older item that lose the migration race (to another reader or an older writer) before giving up. */
const MIGRATION_ATTEMPTS = 3;

/** Manager connections in DynamoDB. */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reads the manager's item; an older one is written back as schema 2 first, so every later write sees schema 2. */
  async get(managerId: string): Promise<ManagerConnections | undefined> {
    for (let attempt = 0; attempt < MIGRATION_ATTEMPTS; attempt++) {
      // Consistent: a token write-back right after this read must see the latest version.
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { managerId }, ConsistentRead: true }),
      );
      if (!Item) return undefined;
      if (!isLegacyItem(Item)) return toRecord(parseConnectionsItem(Item));
      const { item, oldVersion } = migrateLegacyItem(Item);
      try {
        await this.doc.send(new UpdateCommand(migrationUpdate(this.tableName, item, oldVersion)));
        return toRecord(item);
      } catch (error) {
        // Someone migrated it, or an older writer refreshed its token, since the read: read what they wrote.
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new ConcurrencyError('The connection item kept changing while it was migrated');
  }

  /** Writes the whole record (UpdateItem, so lastUsedAt stays); a record without connections deletes the item. */
  async save(record: ManagerConnections, expected: ReadVersions | undefined): Promise<void> {
    assertWritable(record);
    const Key = { managerId: record.managerId };
    const writeId = randomUUID();
    // On a failed condition: the item as it is, to tell a lost race from a retry whose first attempt landed.
    const onFailure = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;
    try {
      // The last sealed credentials go with the item. Not a shred of every copy: point-in-time recovery (lib/data.ts)
      // keeps the deleted item restorable for up to 35 days, and its data key is wrapped by a KMS key that remains.
      if (!record.connections.length) {
        const fields = commandFields(unchangedExpression(record, expected));
        await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key, ...fields, ...onFailure }));
        return;
      }
      // A connect or role change puts the manager on the keeper's list now: it works out the exact due time.
      const fields = commandFields(withKeeperEnrolment(saveExpression(record, expected, writeId), Date.now(), true));
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key, ...fields, ...onFailure }));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const item = failedItem(error);
      // Deleted, or written by this very save: a retry of an attempt that landed (its answer lost to a timeout).
      const landed = record.connections.length ? rawString(item, 'writeId') === writeId : item === undefined;
      if (!landed) throw new ConcurrencyError('The connections changed since they were read', { cause: error });
    }
  }

  async updateCredentials(managerId: string, connectionId: string, sealed: string, expectedVersion: number) {
    assertSealed(sealed);
    const expression = credentialsExpression(connectionId, sealed, expectedVersion);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          ...commandFields(expression),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      // A sealed blob is unique (random data key and IV): finding ours stored means this write landed on a retry.
      if (storedCredentials(failedItem(error), connectionId) !== sealed) {
        throw new ConcurrencyError('Credentials were changed by another writer', { cause: error });
      }
    }
    return expectedVersion + 1;
  }

  /** needsReconnectAt is kept for operators reading the table; the domain only sees the flag. */
  async markNeedsReconnect(managerId: string, connectionId: string, at: string): Promise<void> {
    const fields = { needsReconnect: true, needsReconnectAt: at };
    await this.updateExisting(managerId, connectionFieldsExpression(connectionId, fields));
  }

  async touch(managerId: string, at: string): Promise<void> {
    const touched = {
      update: 'SET #lastUsedAt = :at',
      condition: 'attribute_exists(managerId)',
      names: { '#lastUsedAt': 'lastUsedAt' },
      values: { ':at': at },
    };
    await this.updateExisting(managerId, withKeeperEnrolment(touched, epochMs(at), false));
  }

  async updateSchedule(managerId: string, connectionId: string, schedule: OwnerSchedule, checkedAt: string) {
    const kept = {
      ...(schedule.timeZone !== undefined ? { timeZone: schedule.timeZone } : {}),
      ...(schedule.working !== undefined ? { working: schedule.working } : {}),
    };
    const fields = { schedule: Object.keys(kept).length ? kept : undefined, scheduleCheckedAt: checkedAt };
    const expression = connectionFieldsExpression(connectionId, fields);
    await this.updateExisting(managerId, withKeeperEnrolment(expression, epochMs(checkedAt), false));
  }

  /** An update whose condition only says "it exists": a failed condition is a NotFoundError. */
  private async updateExisting(managerId: string, expression: Expression): Promise<void> {
    try {
      await this.update(managerId, expression);
    } catch (error) {
      if (isConditionFailed(error))
        throw new NotFoundError('No such calendar connection for this manager', { cause: error });
      throw error;
    }
  }

  private async update(managerId: string, expression: Expression): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.tableName, Key: { managerId }, ...commandFields(expression) }),
    );
  }
}

/** An ISO instant as epoch ms (now, should it not parse: an early due time only costs the keeper a look). */
const epochMs = (iso: string): number => (Number.isFinite(Date.parse(iso)) ? Date.parse(iso) : Date.now());

/** The sealed credentials of one connection in a raw (marshalled) item, as a failed condition returns it. */
function storedCredentials(item: Record<string, AttributeValue> | undefined, connectionId: string): string | undefined {
  return item?.connections?.M?.[connectionId]?.M?.credentials?.S;
}
