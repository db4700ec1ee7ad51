/** The webhook's warm get_availability DynamoDB requests, and the items they find (bench/sdk-path.ts). */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withDeadline } from '../../functions/adapters/shared/deadline-scope';

type Doc = DynamoDBDocumentClient;

/** One warm get_availability's DynamoDB requests: a coalesced pair of reads, then the busy-time Query. */
export async function availabilityReads(doc: Doc, t: Record<string, string>): Promise<void> {
  await withDeadline({ at: Date.now() + 10_000 }, async () => {
    await Promise.all([
      doc.send(new GetCommand({ TableName: t.connections, Key: { managerId: 'bench' } })),
      doc.send(new GetCommand({ TableName: t.settings, Key: { managerId: 'bench' } })),
    ]);
    await doc.send(
      new QueryCommand({
        TableName: t.bookings,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: '#status = :held OR (#status = :confirmed AND NOT (#connectionId IN (:c0)))',
        ProjectionExpression: '#bookingId, #startMs, #endMs, #status, #eventId, #connectionId',
        ExpressionAttributeNames: Object.fromEntries(
          ['bookingId', 'startMs', 'endMs', 'status', 'eventId', 'connectionId'].map((f) => [`#${f}`, f]),
        ),
        ExpressionAttributeValues: {
          ':pk': 'manager#bench',
          ':from': '2026-12-01',
          ':to': '2026-12-31',
          ':held': 'held',
          ':confirmed': 'confirmed',
          ':c0': 'conn-1',
        },
        ConsistentRead: true,
      }),
    );
  });
}

/** The items the reads find: a connections item of ~5 KB, its settings, 30 bookings of which 6 pass the filter. */
export async function seed(doc: Doc, t: Record<string, string>): Promise<void> {
  const calendars = Array.from({ length: 12 }, (_, i) => ({
    id: `AAMkAGI2TG93AAA${'x'.repeat(100)}${i}`,
    name: `Calendar ${i}`,
    role: i ? 'busy' : 'book',
    canEdit: true,
  }));
  const connection = { provider: 'microsoft', accountId: 'a1', account: 'm@example.com', calendars, version: 3 };
  const credentials = 'v1.'.padEnd(2_400, 'k');
  const Item = {
    managerId: 'bench',
    schema: 2,
    revision: 7,
    connections: { 'conn-1': { ...connection, credentials } },
  };
  await doc.send(new PutCommand({ TableName: t.connections, Item }));
  await doc.send(new PutCommand({ TableName: t.settings, Item: { managerId: 'bench', slotMinutes: 30, buffer: 5 } }));
  for (let i = 0; i < 30; i++) {
    const start = Date.UTC(2026, 11, 2 + (i % 20), 14);
    const [status, connectionId] = i % 5 ? ['confirmed', 'conn-1'] : ['held', 'conn-1'];
    await doc.send(
      new PutCommand({
        TableName: t.bookings,
        Item: {
          pk: 'manager#bench',
          sk: `${new Date(start).toISOString()}#b${i}`,
          bookingId: `b${i}`,
          status,
          startMs: start,
          endMs: start + 1_800_000,
          eventId: `AAMkAGI2${i}`.padEnd(150, 'e'),
          connectionId,
          callerNumber: '+15550100',
          notes: 'n'.repeat(300),
        },
      }),
    );
  }
}
