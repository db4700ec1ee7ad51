import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { toolCallKey } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { useDynamoTables } from '../../support/dynamo';

const NOW = Date.parse('2030-06-01T12:00:00Z');
/** Not the store's default (30 s), so a test can tell the lease it was given is the one used. */
const LEASE_MS = 20_000;

describe('DynamoBookingStore tool-call claims', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoBookingStore;

  beforeAll(async () => {
    ({
      doc,
      tables: { bookings: table },
    } = await useDynamoTables());
    store = new DynamoBookingStore(doc, table, { toolCallLeaseMs: LEASE_MS });
  });

  it('a second claim sees in_progress; after complete every claim sees done with the same answer', async () => {
    // Prepare
    const answer = { result: 'Booked for Tuesday at 3 pm. Your code is ABC123.' };
    // Act
    const first = await store.claimToolCall('tc-seq', NOW);
    const second = await store.claimToolCall('tc-seq', NOW + 1_000);
    await store.completeToolCall('tc-seq', answer, NOW + 2_000);
    const third = await store.claimToolCall('tc-seq', NOW + 3_000);
    const muchLater = await store.claimToolCall('tc-seq', NOW + 10 * LEASE_MS);
    // Assess
    expect(first).toEqual({ claimed: true });
    expect(second).toEqual({ claimed: false, state: 'in_progress' });
    const stored = await doc.send(
      new GetCommand({ TableName: table, Key: toolCallKey('tc-seq'), ConsistentRead: true }),
    );
    expect(stored.Item).toMatchObject({ type: 'toolcall', state: 'done' });
    expect(third).toEqual({ claimed: false, state: 'done', answer });
    expect(muchLater).toEqual(third);
  });

  it('the first stored answer wins', async () => {
    // Prepare
    await store.claimToolCall('tc-twice', NOW);
    await store.completeToolCall('tc-twice', { error: 'first' }, NOW + 1);
    // Act
    await store.completeToolCall('tc-twice', { result: 'second' }, NOW + 2);
    // Assess
    expect(await store.claimToolCall('tc-twice', NOW + 3)).toEqual({
      claimed: false,
      state: 'done',
      answer: { error: 'first' },
    });
  });

  it('20 parallel claims of one id: exactly 1 claimed', async () => {
    // Act
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claimToolCall('tc-par', NOW)));
    // Assess
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    expect(claims.filter((c) => !c.claimed && c.state === 'in_progress')).toHaveLength(19);
  });

  it('an in_progress claim past its lease may be re-claimed (a crashed Lambda does not block forever)', async () => {
    // Prepare: a store of its own, so the lease it is given is read in this test (mutation runs see it)
    const store = new DynamoBookingStore(doc, table, { toolCallLeaseMs: LEASE_MS });
    await store.claimToolCall('tc-crash', NOW);
    // Act
    const withinLease = await store.claimToolCall('tc-crash', NOW + LEASE_MS - 1);
    const afterLease = await store.claimToolCall('tc-crash', NOW + LEASE_MS + 1);
    // Assess
    expect(withinLease).toEqual({ claimed: false, state: 'in_progress' });
    expect(afterLease).toEqual({ claimed: true, contended: true });
  });

  it('release frees an in_progress claim but never a completed answer', async () => {
    // Prepare
    await store.claimToolCall('tc-rel', NOW);
    await store.claimToolCall('tc-done', NOW);
    await store.completeToolCall('tc-done', { result: 'kept' }, NOW);
    // Act
    await store.releaseToolCall('tc-rel');
    await store.releaseToolCall('tc-done');
    await store.releaseToolCall('tc-never-claimed');
    // Assess
    expect(await store.claimToolCall('tc-rel', NOW + 1)).toEqual({ claimed: true });
    expect(await store.claimToolCall('tc-done', NOW + 1)).toMatchObject({ state: 'done', answer: { result: 'kept' } });
  });

  it('a record past its ttl that TTL has not yet deleted counts as absent', async () => {
    // Prepare
    const ttl = Math.floor(NOW / 1000) - 1;
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { ...toolCallKey('tc-old'), state: 'done', answer: '{"result":"stale"}', ttl },
      }),
    );
    // Act
    const claim = await store.claimToolCall('tc-old', NOW);
    // Assess
    expect(claim).toEqual({ claimed: true });
  });

  it("a claim whose answer was lost stays its own: the SDK's resend meets that claim, not another's", async () => {
    // Prepare: a client that sends each put twice and answers with the second, as the SDK's retry after a timeout
    const resending = {
      send: async (command: unknown) => {
        if (command instanceof PutCommand) await doc.send(command);
        return doc.send(command as PutCommand);
      },
    } as unknown as DynamoDBDocumentClient;
    const retried = new DynamoBookingStore(resending, table, { toolCallLeaseMs: LEASE_MS });
    // Act
    const claim = await retried.claimToolCall('tc-resent', NOW);
    const other = await store.claimToolCall('tc-resent', NOW + 1);
    // Assess
    expect(claim).toEqual({ claimed: true, contended: true });
    expect(other).toEqual({ claimed: false, state: 'in_progress' });
  });
});
