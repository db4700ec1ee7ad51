/** ConnectionStore on the Connections table (pk managerId). The token cache is stored sealed, never in plaintext. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../domain/errors';
import type { ConnectionStore, ManagerConnection } from '../../domain/ports';
import type { OwnerSchedule } from '../../domain/types';
import { looksSealed } from '../crypto/envelope';
import { isConditionFailed } from './conditions';

const FIELDS: (keyof ManagerConnection)[] = [
  'managerId',
  'provider',
  'account',
  'displayName',
  'homeAccountId',
  'timeZone',
  'working',
  'mailboxCheckedAt',
  'needsReconnect',
  'connectedAt',
  'lastUsedAt',
  'version',
  'tokenCache',
];

/** Manager connections in DynamoDB; every write except put() requires the connection to exist. */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(managerId: string): Promise<ManagerConnection | undefined> {
    // Consistent: a token write-back right after this read must see the latest version.
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { managerId }, ConsistentRead: true }),
    );
    return Item ? toConnection(Item) : undefined;
  }

  async put(connection: ManagerConnection): Promise<void> {
    assertSealed(connection.tokenCache);
    const item = Object.fromEntries(FIELDS.map((f) => [f, connection[f]]));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async updateTokenCache(managerId: string, sealedCache: string, expectedVersion: number): Promise<number> {
    assertSealed(sealedCache);
    const next = expectedVersion + 1;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          UpdateExpression: 'SET tokenCache = :cache, #v = :next',
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':cache': sealedCache, ':next': next, ':expected': expectedVersion },
        }),
      );
      return next;
    } catch (error) {
      if (isConditionFailed(error))
        throw new ConcurrencyError('Token cache was changed by another writer', { cause: error });
      throw error;
    }
  }

  async markNeedsReconnect(managerId: string, at: string): Promise<void> {
    await this.update(managerId, { needsReconnect: true, needsReconnectAt: at });
  }

  async touch(managerId: string, at: string): Promise<void> {
    await this.update(managerId, { lastUsedAt: at });
  }

  async updateSchedule(managerId: string, schedule: OwnerSchedule, checkedAt: string): Promise<void> {
    await this.update(managerId, {
      timeZone: schedule.timeZone,
      mailboxCheckedAt: checkedAt,
      working: schedule.working,
    });
  }

  /**
   * SETs the defined fields and REMOVEs the undefined ones. Names go through placeholders (timeZone is a reserved word).
   * attribute_exists: an UpdateItem on a missing key would otherwise create a half-empty connection.
   */
  private async update(managerId: string, fields: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(fields);
    const names = Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name]));
    const values = Object.fromEntries(
      entries.flatMap(([, value], i) => (value === undefined ? [] : [[`:f${i}`, value]])),
    );
    const set = entries.flatMap(([, value], i) => (value === undefined ? [] : [`#f${i} = :f${i}`]));
    const remove = entries.flatMap(([, value], i) => (value === undefined ? [`#f${i}`] : []));
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(managerId)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionFailed(error))
        throw new NotFoundError('No calendar connection for this manager', { cause: error });
      throw error;
    }
  }
}

// Defence in depth for "never a plaintext token at rest": a caller that forgot to seal fails loudly, before any write.
function assertSealed(tokenCache: string): void {
  if (!looksSealed(tokenCache))
    throw new ValidationError('Token cache must be sealed before it is stored', 'tokenCache');
}

function toConnection(item: Record<string, unknown>): ManagerConnection {
  const picked = Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return picked as unknown as ManagerConnection;
}
