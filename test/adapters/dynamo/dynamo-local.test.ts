import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { tables, type TableRole } from '../../../functions/contract/tables';
import { dynamoClientFor, startDynamoLocal } from '../../../local/dynamo-local';
import { useDynamoTables } from '../../support/dynamo';

describe('createTables', () => {
  it('builds every table of lib/tables.ts with its keys, on-demand billing and TTL attribute', async () => {
    // Prepare
    const { client, tables: names } = await useDynamoTables();
    for (const role of Object.keys(tables) as TableRole[]) {
      const spec = tables[role];
      // Act
      const { Table } = await client.send(new DescribeTableCommand({ TableName: names[role] }));
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: names[role] }));
      // Assess
      expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(
        [spec.partitionKey.name, spec.sortKey?.name].filter(Boolean),
      );
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(TimeToLiveDescription?.AttributeName).toBe(spec.ttlAttribute);
    }
  });

  it('gives each call its own table names', async () => {
    // Act
    const [a, b] = await Promise.all([useDynamoTables(), useDynamoTables()]);
    // Assess
    expect(a.tables.bookings).not.toBe(b.tables.bookings);
  });
});

describe('startDynamoLocal', () => {
  it('answers ListTables once started; stop() is idempotent and the endpoint is gone afterwards', async () => {
    // Prepare
    const local = await startDynamoLocal();
    const client = dynamoClientFor(local.endpoint);
    // Act
    const listed = await client.send(new ListTablesCommand({}));
    await Promise.all([local.stop(), local.stop()]);
    await local.stop();
    // Assess
    expect(listed.TableNames).toEqual([]);
    await expect(client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    client.destroy();
  }, 40_000);
});
