/** StateStore on the OAuthState table (pk stateHash): single-use, short-lived OAuth authorizations. */
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../domain/errors';
import type { OAuthStateRecord, StateStore } from '../../domain/ports';
import { failedItem, isConditionFailed, rawString } from './conditions';
import { legacyConnectionId } from './legacy-migration';

/** Seconds TTL waits after expiresAt; TTL only garbage-collects, consume() checks expiry itself. */
const TTL_SLACK_SECONDS = 300;

/** Pending OAuth states; consume() reads and burns an unexpired state in one conditional delete. */
export class DynamoStateStore implements StateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(record: OAuthStateRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...pick(record), ttl: record.expiresAt + TTL_SLACK_SECONDS },
          // A state is 128+ random bits, so a collision means a bug or an attack: never overwrite.
          ConditionExpression: 'attribute_not_exists(stateHash)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new ConcurrencyError('OAuth state already exists', { cause: error });
      throw error;
    }
  }

  async consume(stateHash: string, nowEpochSeconds: number): Promise<OAuthStateRecord | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { stateHash },
          // Expiry lives in the condition: TTL may leave an expired item readable for days.
          ConditionExpression: 'attribute_exists(stateHash) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': nowEpochSeconds },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? pick(Attributes as StoredState) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** A mark the previous version wrote holds the Microsoft homeAccountId: it binds that account's connection id. */
  async claimInvite(inviteId: string, accountKey: string, inviteExpiresAt: number): Promise<boolean> {
    const mark = {
      stateHash: inviteKey(inviteId),
      kind: 'used-invite',
      accountKey,
      // Kept until the invite itself expires; after that the signature check refuses it anyway.
      expiresAt: inviteExpiresAt,
      ttl: inviteExpiresAt + TTL_SLACK_SECONDS,
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: mark,
          ConditionExpression: 'attribute_not_exists(stateHash) OR accountKey = :account',
          ExpressionAttributeValues: { ':account': accountKey },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const legacy = rawString(failedItem(error), 'homeAccountId');
      if (legacy === undefined || legacyConnectionId(legacy) !== accountKey) return false;
      return this.rebind(mark, legacy);
    }
  }

  /** Rewrites an older mark with the account key it stands for, unless it changed meanwhile. */
  private async rebind(mark: Record<string, unknown>, homeAccountId: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: mark,
          ConditionExpression: 'homeAccountId = :legacy',
          ExpressionAttributeValues: { ':legacy': homeAccountId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}

/** Used-invite marks share the table with states under a prefix no state hash (base64url) can start with. */
const inviteKey = (inviteId: string) => `invite#${inviteId}`;

type StoredState = Omit<OAuthStateRecord, 'provider' | 'intent'> &
  Partial<Pick<OAuthStateRecord, 'provider' | 'intent'>>;

/** The record's own fields; one the previous version wrote (no provider, no intent) was a Microsoft connect. */
function pick(r: StoredState): OAuthStateRecord {
  return {
    stateHash: r.stateHash,
    managerId: r.managerId,
    provider: r.provider ?? 'microsoft',
    intent: r.intent === 'add' ? 'add' : 'connect',
    codeVerifier: r.codeVerifier,
    nonce: r.nonce,
    bindingHash: r.bindingHash,
    expiresAt: r.expiresAt,
    ...(r.inviteId
      ? { inviteId: r.inviteId, inviteExpiresAt: r.inviteExpiresAt, inviteIssuedAt: r.inviteIssuedAt }
      : {}),
    ...(r.expectedEmail ? { expectedEmail: r.expectedEmail } : {}),
  };
}
