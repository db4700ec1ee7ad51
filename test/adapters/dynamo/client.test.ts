import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamo/client';
import { withDeadline } from '../../../functions/adapters/shared/deadline-scope';
import { useDynamoTables } from '../../support/dynamo';

describe('createDocumentClient', () => {
  it('throws a TimeoutError after 2 attempts against a server that never answers, instead of hanging', async () => {
    // Prepare: a TCP server that accepts connections and stays silent
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const doc = createDocumentClient({ endpoint: `http://127.0.0.1:${port}`, region: 'local' });
    const started = Date.now();
    // Act
    const read = doc.send(new GetCommand({ TableName: 't', Key: { managerId: 'm' } }));
    // Assess
    await expect(read).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sockets.length).toBe(2);
    for (const s of sockets) s.destroy();
    server.close();
    doc.destroy();
  }, 20_000);

  it('aborts at the invocation deadline, however long the SDK would keep trying', async () => {
    // Prepare: a silent server, and a deadline 600 ms away
    const silent: Socket[] = [];
    const server = createServer((socket) => silent.push(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const doc = createDocumentClient({ endpoint: `http://127.0.0.1:${port}`, region: 'local' });
    const started = Date.now();
    // Act
    const read = withDeadline({ at: started + 600 }, () =>
      doc.send(new GetCommand({ TableName: 't', Key: { managerId: 'm' } })),
    );
    // Assess
    await expect(read).rejects.toThrow();
    // Well under one request's own 1.5 s timeout, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(1_400);
    for (const socket of silent) socket.destroy();
    server.close();
    doc.destroy();
  });

  it('drops undefined attributes, nested ones in a map included, instead of failing the write', async () => {
    // Prepare
    const { doc, tables: names } = await useDynamoTables();
    // Act
    await doc.send(
      new PutCommand({
        TableName: names.connections,
        Item: {
          managerId: 'm-u',
          displayName: undefined,
          connections: { a: { account: 'x', displayName: undefined } },
        },
      }),
    );
    const { Item } = await doc.send(new GetCommand({ TableName: names.connections, Key: { managerId: 'm-u' } }));
    // Assess
    expect(Item).toEqual({ managerId: 'm-u', connections: { a: { account: 'x' } } });
  });
});
