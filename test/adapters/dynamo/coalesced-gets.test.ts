import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('Function: coalesceGets (keys, limits and retries)', () => {
  /** A DocumentClient over one table keyed by pk (and sk when given) that records every command it was sent. */
  function tableDoc(items: Item[], leaveEvery = false) {
    const sent: unknown[] = [];
    const same = (item: Item, key: Item) => Object.entries(key).every(([k, v]) => item[k] === v);
    const send = async (command: unknown) => {
      sent.push(command);
      if (command instanceof GetCommand) return { Item: items.find((i) => same(i, command.input.Key as Item)) };
      const { Keys = [] } = (command as BatchGetCommand).input.RequestItems!.t!;
      if (leaveEvery) return { Responses: { t: [] }, UnprocessedKeys: { t: { Keys } } };
      return { Responses: { t: items.filter((i) => (Keys as Item[]).some((k) => same(i, k))) } };
    };
    return { doc: coalesceGets({ send } as never) as { send: (c: unknown) => Promise<any> }, sent };
  }

  it('batches number keys, and keeps a read by a binary key a GetItem of its own', async () => {
    // Prepare
    const bin = new Uint8Array([1]);
    const { doc, sent } = tableDoc([{ pk: 1 }, { pk: 2 }]);
    // Act
    const [one, two] = await Promise.all([
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 1 } })),
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 2 } })),
    ]);
    await Promise.all([
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: bin } })),
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'b', sk: bin } })),
    ]);
    // Assess
    expect([one.Item, two.Item]).toEqual([{ pk: 1 }, { pk: 2 }]);
    expect(sent.map((c) => c?.constructor)).toEqual([BatchGetCommand, GetCommand, GetCommand]);
  });

  it('gives each read its own item when keys share a partition, whatever order the key attributes are in', async () => {
    // Prepare
    const { doc, sent } = tableDoc([
      { pk: 'a', sk: '1', n: 1 },
      { pk: 'a', sk: '2', n: 2 },
    ]);
    // Act
    const [first, second, again] = await Promise.all([
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: '1' } })),
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: '2' } })),
      doc.send(new GetCommand({ TableName: 't', Key: { sk: '2', pk: 'a' } })),
    ]);
    // Assess
    expect([first.Item?.n, second.Item?.n, again.Item?.n]).toEqual([1, 2, 2]);
    expect((sent[0] as BatchGetCommand).input.RequestItems!.t!.Keys).toHaveLength(2);
  });

  it('asks for eventually consistent reads when no read in the batch wants a strong one', async () => {
    // Prepare
    const { doc, sent } = tableDoc([{ pk: 'a' }, { pk: 'b' }]);
    // Act
    await Promise.all([
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })),
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'b' }, ConsistentRead: false })),
    ]);
    // Assess
    expect((sent[0] as BatchGetCommand).input.RequestItems!.t!.ConsistentRead).toBe(false);
  });

  it('sends a BatchGetItem as soon as 100 reads wait, the rest in the next one, each read with its item', async () => {
    // Prepare
    const items = Array.from({ length: 150 }, (_, i) => ({ pk: `k${i}` }));
    const { doc, sent } = tableDoc(items);
    // Act
    const out = await Promise.all(items.map((i) => doc.send(new GetCommand({ TableName: 't', Key: i }))));
    // Assess
    expect(out.map((o) => o.Item)).toEqual(items);
    expect(sent.map((c) => (c as BatchGetCommand).input.RequestItems!.t!.Keys!.length)).toEqual([100, 50]);
  });

  describe('with keys DynamoDB keeps leaving unprocessed', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('asks again after 10, 20 and 40 ms, then gives up the batch and reads each item alone', async () => {
      // Prepare
      const { doc, sent } = tableDoc([{ pk: 'a' }, { pk: 'b' }], true);
      const reads = Promise.allSettled([
        doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })),
        doc.send(new GetCommand({ TableName: 't', Key: { pk: 'b' } })),
      ]);
      // Act
      const counts: number[] = [];
      for (const ms of [0, 9, 1, 19, 1, 39, 1]) {
        await vi.advanceTimersByTimeAsync(ms);
        counts.push(sent.filter((c) => c instanceof BatchGetCommand).length);
      }
      await vi.advanceTimersByTimeAsync(1_000);
      // Assess
      expect(counts).toEqual([1, 1, 2, 2, 3, 3, 4]);
      expect(sent.map((c) => c?.constructor)).toEqual([...Array(4).fill(BatchGetCommand), GetCommand, GetCommand]);
      const results = await reads;
      expect(results.map((r) => r.status === 'fulfilled' && r.value.Item)).toEqual([{ pk: 'a' }, { pk: 'b' }]);
    });
  });

  it('answers a batch DynamoDB read in full without waiting on a timer', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { doc } = tableDoc([{ pk: 'a' }, { pk: 'b' }]);
    // Act
    const settled = vi.fn();
    void Promise.all([
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })),
      doc.send(new GetCommand({ TableName: 't', Key: { pk: 'b' } })),
    ]).then(settled);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    vi.useRealTimers();
    // Assess
    expect(settled).toHaveBeenCalledOnce();
  });
});
