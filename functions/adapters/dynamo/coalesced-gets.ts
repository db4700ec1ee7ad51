/**
 * GetItems sent in the same tick go out as one BatchGetItem. A tool call opens a manager with three independent reads
 * (their connections, their settings, the call's prefetched busy time), each a GetItem from its own store; one
 * request instead of three is two fewer signatures, sockets and responses to parse on the answer's path, while every
 * store keeps its own GetCommand. Reads keep their meaning: the same items by the same keys, strongly consistent where
 * any asked so, and a key BatchGetItem leaves unprocessed is asked again.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { currentDeadline } from '../shared/deadline-scope';

type Item = Record<string, unknown>;
type Send = DynamoDBDocumentClient['send'];

interface Pending {
  input: GetCommandInput;
  /** The send options (the deadline's abort signal): one invocation's reads share one deadline. */
  options: unknown;
  resolve: (output: Item) => void;
  reject: (error: unknown) => void;
}

/** BatchGetItem's own limit of keys per request. */
const MAX_KEYS = 100;
const UNPROCESSED_RETRIES = 3;

/**
 * Whether a GetCommand can join a batch: a plain read of a whole item by a string or number key (a projection, a
 * capacity report or a binary key stays a GetItem of its own).
 */
const batchable = (input: GetCommandInput) =>
  !input.ProjectionExpression &&
  !input.ExpressionAttributeNames &&
  !input.AttributesToGet &&
  !input.ReturnConsumedCapacity &&
  Object.values(input.Key ?? {}).every((v) => typeof v === 'string' || typeof v === 'number');

/** The key as one string, for matching BatchGetItem's unordered answer back to the reads and for dropping repeats. */
const keyText = (table: string | undefined, key: Item) =>
  JSON.stringify([
    table,
    Object.keys(key)
      .sort()
      .map((name) => [name, key[name]]),
  ]);

/**
 * Wraps `doc.send` so that GetCommands sent in one tick share a BatchGetItem; every other command is sent as is. A
 * single GetCommand stays a GetItem (with its own output). A batch that fails is sent again read by read, so each read
 * fails (or not) on its own, as it would have alone: an unreadable item never costs its neighbours theirs.
 */
export function coalesceGets<C extends { send: Send }>(doc: C): C {
  const send = doc.send.bind(doc) as (command: unknown, options?: unknown) => Promise<unknown>;
  const alone = (p: Pending) =>
    send(new GetCommand(p.input), p.options).then((out) => p.resolve(out as Item), p.reject);
  // One read goes as itself; several as one BatchGetItem, with the first one's options (the same deadline's signal).
  const sendGroup = (batch: Pending[]) => {
    if (batch.length === 1) return alone(batch[0]!);
    sendBatch((command) => send(command, batch[0]!.options), batch).catch(() => {
      for (const p of batch) alone(p);
    });
  };
  // Reads under the same deadline (one invocation's) wait together, flushed at the end of the tick.
  let queues = new Map<unknown, Pending[]>();
  const flush = () => {
    const groups = [...queues.values()];
    queues = new Map();
    for (const batch of groups) sendGroup(batch);
  };
  (doc as { send: unknown }).send = (command: unknown, options?: unknown) => {
    if (!(command instanceof GetCommand) || !batchable(command.input)) return send(command, options);
    return new Promise((resolve, reject) => {
      if (!queues.size) queueMicrotask(flush);
      const group = currentDeadline();
      const queue = queues.get(group) ?? [];
      queues.set(group, queue);
      queue.push({ input: command.input, options, resolve, reject });
      if (queue.length >= MAX_KEYS) {
        queues.delete(group);
        sendGroup(queue);
      }
    });
  };
  return doc;
}

/** One BatchGetItem for `batch` (unprocessed keys asked again), then each read gets its item or none. */
async function sendBatch(send: (command: unknown) => Promise<unknown>, batch: Pending[]): Promise<void> {
  const wanted = new Map<string, { table: string; key: Item; consistent: boolean }>();
  for (const { input } of batch) {
    const text = keyText(input.TableName, input.Key as Item);
    const prior = wanted.get(text);
    const consistent = Boolean(input.ConsistentRead) || Boolean(prior?.consistent);
    wanted.set(text, { table: input.TableName!, key: input.Key as Item, consistent });
  }
  const found = new Map<string, Item>();
  let asking = [...wanted.values()];
  for (let attempt = 0; asking.length; attempt++) {
    const RequestItems: Record<string, { Keys: Item[]; ConsistentRead: boolean }> = {};
    for (const { table, key, consistent } of asking) {
      const entry = (RequestItems[table] ??= { Keys: [], ConsistentRead: false });
      entry.Keys.push(key);
      entry.ConsistentRead ||= consistent;
    }
    const out = (await send(new BatchGetCommand({ RequestItems }))) as BatchGetCommandOutput;
    for (const [table, items] of Object.entries(out.Responses ?? {}))
      for (const item of items) {
        const match = [...wanted.entries()].find(([, w]) => w.table === table && matches(item, w.key));
        if (match) found.set(match[0], item);
      }
    const left = Object.entries(out.UnprocessedKeys ?? {}).flatMap(([table, { Keys = [] }]) =>
      Keys.map((key) => wanted.get(keyText(table, key))!).filter(Boolean),
    );
    if (left.length && attempt >= UNPROCESSED_RETRIES) throw new Error('DynamoDB left keys of a BatchGetItem unread');
    if (left.length) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    asking = left;
  }
  for (const p of batch) p.resolve({ Item: found.get(keyText(p.input.TableName, p.input.Key as Item)) });
}

/** Whether `item` has exactly `key`'s attribute values (key attributes are strings, numbers or binaries). */
function matches(item: Item, key: Item): boolean {
  return Object.entries(key).every(([name, value]) => JSON.stringify(item[name]) === JSON.stringify(value));
}
