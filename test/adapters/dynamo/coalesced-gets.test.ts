import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { coalesceGets } from '../../../functions/adapters/dynamo/coalesced-gets';
import { withDeadline } from '../../../functions/adapters/shared/deadline-scope';

type Item = Record<string, unknown>;

/** A fake DocumentClient over in-memory tables that records what it was sent; `unprocessed` keys are left once. */
function fakeDoc(tables: Record<string, Item[]>, keyOf: Record<string, string>, unprocessed: Item[] = []) {
  const sent: unknown[] = [];
  let leave = [...unprocessed];
  const find = (table: string, key: Item) => tables[table]?.find((i) => i[keyOf[table]!] === key[keyOf[table]!]);
  const send = async (command: unknown, options?: unknown) => {
    sent.push({ command, options });
    if (command instanceof GetCommand) return { Item: find(command.input.TableName!, command.input.Key as Item) };
    if (command instanceof BatchGetCommand) {
      const Responses: Record<string, Item[]> = {};
      const UnprocessedKeys: Record<string, { Keys: Item[] }> = {};
      for (const [table, { Keys = [] }] of Object.entries(command.input.RequestItems ?? {})) {
        for (const key of Keys as Item[]) {
          if (leave.some((k) => JSON.stringify(k) === JSON.stringify(key))) {
            leave = leave.filter((k) => JSON.stringify(k) !== JSON.stringify(key));
            (UnprocessedKeys[table] ??= { Keys: [] }).Keys.push(key);
            continue;
          }
          const item = find(table, key);
          if (item) (Responses[table] ??= []).push(item);
        }
      }
      return { Responses, UnprocessedKeys };
    }
    return {};
  };
  return { doc: coalesceGets({ send } as never) as { send: (c: unknown, o?: unknown) => Promise<any> }, sent };
}

const TABLES = {
  connections: [{ managerId: 'm1', v: 1 }],
  settings: [{ managerId: 'm1', tz: 'Europe/London' }],
};
const KEYS = { connections: 'managerId', settings: 'managerId' };
const get = (TableName: string, managerId: string, ConsistentRead = true) =>
  new GetCommand({ TableName, Key: { managerId }, ConsistentRead });

describe('Function: coalesceGets', () => {
  it('sends GetItems of one tick as one BatchGetItem and gives each read its own item (or none)', async () => {
    // Prepare
    const { doc, sent } = fakeDoc(TABLES, KEYS);
    // Act
    const [c, s, missing] = await Promise.all([
      doc.send(get('connections', 'm1'), { abortSignal: 'deadline' }),
      doc.send(get('settings', 'm1', false)),
      doc.send(get('settings', 'm2')),
    ]);
    // Assess
    expect(c.Item).toEqual({ managerId: 'm1', v: 1 });
    expect(s.Item).toEqual({ managerId: 'm1', tz: 'Europe/London' });
    expect(missing.Item).toBeUndefined();
    expect(sent).toHaveLength(1);
    const { command, options } = (sent as Array<{ command: BatchGetCommand; options: unknown }>)[0]!;
    expect(command).toBeInstanceOf(BatchGetCommand);
    expect(command.input.RequestItems).toEqual({
      connections: { Keys: [{ managerId: 'm1' }], ConsistentRead: true },
      settings: { Keys: [{ managerId: 'm1' }, { managerId: 'm2' }], ConsistentRead: true },
    });
    expect(options).toEqual({ abortSignal: 'deadline' });
  });

  it('keeps a lone GetItem, a projected one and every other command as they are', async () => {
    // Prepare
    const { doc, sent } = fakeDoc(TABLES, KEYS);
    const projected = new GetCommand({ TableName: 'settings', Key: { managerId: 'm1' }, ProjectionExpression: 'tz' });
    // Act
    const alone = await doc.send(get('connections', 'm1'));
    await Promise.all([doc.send(projected), doc.send(new PutCommand({ TableName: 'settings', Item: {} }))]);
    // Assess
    expect(alone.Item).toEqual({ managerId: 'm1', v: 1 });
    expect((sent as Array<{ command: unknown }>).map((s) => s.command)).toEqual([
      expect.any(GetCommand),
      projected,
      expect.any(PutCommand),
    ]);
  });

  it('asks one key once when two reads want it, and asks again for keys DynamoDB left unprocessed', async () => {
    // Prepare
    const { doc, sent } = fakeDoc(TABLES, KEYS, [{ managerId: 'm1' }]);
    // Act
    const [a, b, s] = await Promise.all([
      doc.send(get('connections', 'm1')),
      doc.send(get('connections', 'm1')),
      doc.send(get('settings', 'm1')),
    ]);
    // Assess
    expect([a.Item, b.Item, s.Item]).toEqual([TABLES.connections[0], TABLES.connections[0], TABLES.settings[0]]);
    const batches = (sent as Array<{ command: BatchGetCommand }>).map((x) => x.command.input.RequestItems);
    expect(batches[0]!.connections!.Keys).toEqual([{ managerId: 'm1' }]);
    expect(batches).toHaveLength(2);
  });

  it('sends a failed batch again read by read: an unreadable item fails its own read only', async () => {
    // Prepare
    const failing = coalesceGets({
      send: async (command: unknown) => {
        if (command instanceof BatchGetCommand) throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
        const { TableName, Key } = (command as GetCommand).input;
        if (TableName === 'cache') throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
        return { Item: { ...Key, from: TableName } };
      },
    } as never) as { send: (c: unknown) => Promise<any> };
    // Act
    const results = await Promise.allSettled([failing.send(get('connections', '1')), failing.send(get('cache', '2'))]);
    // Assess
    expect(results[0]).toEqual({ status: 'fulfilled', value: { Item: { managerId: '1', from: 'connections' } } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { name: 'AccessDenied' } });
  });

  it("batches reads of one deadline together, never two invocations' reads (each keeps its own deadline)", async () => {
    // Prepare
    const { doc, sent } = fakeDoc(TABLES, KEYS);
    // Act
    await Promise.all([
      withDeadline({ at: Date.now() + 5_000 }, () =>
        Promise.all([doc.send(get('connections', 'm1')), doc.send(get('settings', 'm1'))]),
      ),
      withDeadline({ at: Date.now() + 9_000 }, () =>
        Promise.all([doc.send(get('connections', 'm1')), doc.send(get('settings', 'm1'))]),
      ),
    ]);
    // Assess
    const commands = (sent as Array<{ command: unknown }>).map((x) => x.command);
    expect(commands).toEqual([expect.any(BatchGetCommand), expect.any(BatchGetCommand)]);
  });
});
