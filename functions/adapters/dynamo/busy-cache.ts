/**
 * BusyCache on the OAuth state table (short-lived items, TTL on, no backups): one `prefetch#<digest of the call id>`
 * item per call. A read is strongly consistent, so a call's own write (which marks the item spent) is never missed.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { PREFETCH_KEY_PREFIX } from '../../contract/tables';
import type { BusyCache, CachedBusy, PrefetchedBusy } from '../../domain/ports';
import { epochSeconds } from './booking-keys';
import { isConditionFailed } from './conditions';
import { decodeEntries, encodeEntries } from './busy-encoding';

/** How long a busy item is kept: its freshness (60 s) is checked on read; this only bounds garbage. */
const BUSY_KEEP_SECONDS = 120;
/** How long a spent mark outlives its write: longer than any call-start prefetch still in flight could take. */
const SPENT_KEEP_SECONDS = 3_600;
/** Seconds TTL waits after expiresAt; TTL only garbage-collects. */
const TTL_SLACK_SECONDS = 300;

const BusyItem = z.object({
  kind: z.literal('busy'),
  managerId: z.string().check(z.minLength(1)),
  fetchedAtMs: z.number(),
  rangeStart: z.number(),
  rangeEnd: z.number(),
  calendars: z.array(z.string()),
  entries: z.instanceof(Uint8Array),
});

/** The item key of a call: a digest, so any call id (a 4 KB one too) gives a short key. */
export function prefetchKey(callId: string): { stateHash: string } {
  return { stateHash: `${PREFETCH_KEY_PREFIX}${createHash('sha256').update(callId).digest('hex')}` };
}

export class DynamoBusyCache implements BusyCache {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(callId: string): Promise<CachedBusy> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: prefetchKey(callId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    if (Item.kind === 'spent') return 'spent';
    const item = BusyItem.safeParse(Item);
    const entries = item.success ? decodeEntries(item.data.entries) : undefined;
    if (!item.success || !entries) return undefined;
    const { managerId, fetchedAtMs, rangeStart, rangeEnd, calendars } = item.data;
    return { managerId, fetchedAtMs, range: { start: rangeStart, end: rangeEnd }, calendars, entries };
  }

  async put(callId: string, busy: PrefetchedBusy, nowMs: number): Promise<boolean> {
    const entries = encodeEntries(busy.entries);
    if (!entries) return false;
    const expiresAt = epochSeconds(nowMs) + BUSY_KEEP_SECONDS;
    const item = {
      ...prefetchKey(callId),
      kind: 'busy',
      managerId: busy.managerId,
      fetchedAtMs: busy.fetchedAtMs,
      rangeStart: busy.range.start,
      rangeEnd: busy.range.end,
      calendars: busy.calendars,
      entries,
      expiresAt,
      ttl: expiresAt + TTL_SLACK_SECONDS,
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          // A spent mark stays until it expires: a prefetch that began before the call's write must not bring back
          // what the write changed.
          ConditionExpression: 'attribute_not_exists(stateHash) OR #kind = :busy OR expiresAt <= :now',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':busy': 'busy', ':now': Math.floor(nowMs / 1000) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async spend(callId: string, nowMs: number): Promise<void> {
    const expiresAt = epochSeconds(nowMs) + SPENT_KEEP_SECONDS;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...prefetchKey(callId), kind: 'spent', expiresAt, ttl: expiresAt + TTL_SLACK_SECONDS },
      }),
    );
  }
}
