/**
 * The tables npm start and the tests get from functions/contract/tables.ts (DynamoDB Local): each table's keys, its
 * due-list index and its TTL attribute, as the adapters read and write them.
 */
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  // The table definitions are module-level values: the test loads them (and the builder using them) afresh
  // (why: test/mutation/README.md).
  vi.resetModules();
});

const LAYOUT = {
  connections: { keys: ['managerId S'], index: 'keeper: keeperShard S, keeperDueMs N', ttl: undefined },
  settings: { keys: ['managerId S'], index: undefined, ttl: undefined },
  oauthState: { keys: ['stateHash S'], index: undefined, ttl: 'ttl' },
  bookings: { keys: ['pk S', 'sk S'], index: 'due: dueShard S, dueAtMs N', ttl: 'ttl' },
} as const;

describe('Module: table definitions', () => {
  it('builds each table with its keys, due-list index and TTL attribute', async () => {
    // Prepare
    const { useDynamoTables } = await import('../support/dynamo');
    const { client, tables: names } = await useDynamoTables();

    for (const [role, layout] of Object.entries(LAYOUT) as [
      keyof typeof LAYOUT,
      (typeof LAYOUT)[keyof typeof LAYOUT],
    ][]) {
      // Act
      const { Table } = await client.send(new DescribeTableCommand({ TableName: names[role] }));
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: names[role] }));
      const typeOf = (name?: string) =>
        Table?.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
      const index = Table?.GlobalSecondaryIndexes?.map(
        (i) => `${i.IndexName}: ${i.KeySchema?.map((k) => `${k.AttributeName} ${typeOf(k.AttributeName)}`).join(', ')}`,
      );

      // Assess
      expect(names[role], role).toMatch(new RegExp(`-${role[0]!.toUpperCase()}${role.slice(1)}$`, 'i'));
      expect(
        Table?.KeySchema?.map((k) => `${k.AttributeName} ${typeOf(k.AttributeName)}`),
        role,
      ).toEqual(layout.keys);
      expect(index?.[0], role).toBe(layout.index);
      expect(TimeToLiveDescription?.AttributeName, role).toBe(layout.ttl);
    }
  });

  it("keys a call's prefetched busy time under prefetch#", async () => {
    // Prepare
    const { prefetchKey } = await import('../../functions/adapters/dynamo/busy-cache');

    // Act + Assess
    expect(prefetchKey('call-1').stateHash).toMatch(/^prefetch#[0-9a-f]{64}$/);
  });
});
