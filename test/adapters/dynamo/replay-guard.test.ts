import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoReplayGuard } from '../../../functions/adapters/dynamo/replay-guard';
import { useDynamoTables } from '../../support/dynamo';

/** A fixed "now" in epoch ms (2030-03-17T17:46:40Z). */
const NOW_MS = 1_900_000_000_000;
const IN_SIX_MINUTES = NOW_MS + 360_000;

describe('DynamoReplayGuard', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let guard: DynamoReplayGuard;

  beforeAll(async () => {
    ({
      doc,
      tables: { oauthState: table },
    } = await useDynamoTables());
    guard = new DynamoReplayGuard(doc, table);
  });

  it('admits a digest once: the second sighting inside its window is refused', async () => {
    // Act
    const first = await guard.admitOnce('d-once', IN_SIX_MINUTES, NOW_MS);
    const second = await guard.admitOnce('d-once', IN_SIX_MINUTES, NOW_MS + 299_000);

    // Assess
    expect([first, second]).toEqual([true, false]);
  });

  it('stores the digest under replay#, with its writer, expiresAt in epoch seconds and a later TTL', async () => {
    // Act
    await guard.admitOnce('d-stored', IN_SIX_MINUTES, NOW_MS);
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { stateHash: 'replay#d-stored' } }));

    // Assess
    expect(Item).toEqual({
      stateHash: 'replay#d-stored',
      kind: 'seen-signature',
      writer: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: IN_SIX_MINUTES / 1000,
      ttl: IN_SIX_MINUTES / 1000 + 300,
    });
  });

  it('admits again once the record has expired, even though TTL has not deleted it yet', async () => {
    // Prepare: an expired record still in the table (TTL can lag for days).
    const expiresAt = NOW_MS / 1000 - 1;
    const item = { stateHash: 'replay#d-lapsed', kind: 'seen-signature', expiresAt, ttl: expiresAt + 300 };
    await doc.send(new PutCommand({ TableName: table, Item: item }));

    // Act
    const admitted = await guard.admitOnce('d-lapsed', IN_SIX_MINUTES, NOW_MS);

    // Assess
    expect(admitted).toBe(true);
  });

  it('admits exactly one of 10 parallel sightings of one digest', async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 10 }, () => guard.admitOnce('d-parallel', IN_SIX_MINUTES, NOW_MS)),
    );

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('never touches an OAuth state or an invite mark: other digests, other keys', async () => {
    // Prepare
    const state = { stateHash: 'd-other', managerId: 'm-1', expiresAt: NOW_MS / 1000 + 600 };
    await doc.send(new PutCommand({ TableName: table, Item: state }));

    // Act
    const admitted = await guard.admitOnce('d-other', IN_SIX_MINUTES, NOW_MS);
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { stateHash: 'd-other' } }));

    // Assess
    expect(admitted).toBe(true);
    expect(Item).toEqual(state);
  });

  it.each([
    ['its own write landed before a retry (same writer)', true],
    ['another request wrote it (another writer)', false],
  ])('on a failed condition, admits only when %s', async (_case, expected) => {
    // Prepare: the item DynamoDB returns with ReturnValuesOnConditionCheckFailure ALL_OLD (raw attribute values).
    const refusing = {
      send: async (command: PutCommand) => {
        const writer = expected ? String(command.input.Item?.writer) : 'someone-else';
        throw Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
          Item: { writer: { S: writer } },
        });
      },
    } as unknown as DynamoDBDocumentClient;

    // Act
    const admitted = await new DynamoReplayGuard(refusing, table).admitOnce('d-retried', IN_SIX_MINUTES, NOW_MS);

    // Assess
    expect(admitted).toBe(expected);
  });
});
