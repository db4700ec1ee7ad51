/** How the DynamoDB stores answer a failed condition, and that every other DynamoDB error reaches the caller as is. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoBusyCache } from '../../../functions/adapters/dynamo/busy-cache';
import { wrongCodes } from '../../../functions/adapters/dynamo/caller-counters';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { giveUnitBack } from '../../../functions/adapters/dynamo/counter-items';
import { DynamoKeeperDueList } from '../../../functions/adapters/dynamo/keeper-due-list';
import { legacyConnectionId } from '../../../functions/adapters/dynamo/legacy-migration';
import { DynamoReplayGuard } from '../../../functions/adapters/dynamo/replay-guard';
import { DynamoSettingsStore } from '../../../functions/adapters/dynamo/settings-store';
import { DynamoStateStore } from '../../../functions/adapters/dynamo/state-store';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../../functions/domain/errors';
import { AT, connection, LEGACY_FIXTURE, record } from '../../contracts/connection-store-fixtures';

type Command = { constructor: { name: string }; input: Record<string, any> };

/** A DocumentClient whose `answer` gives each command its output, or an error to throw; it keeps what it was sent. */
function scripted(answer: (command: Command) => unknown) {
  const sent: Command[] = [];
  const doc = {
    send: async (command: Command) => {
      sent.push(command);
      const out = answer(command);
      if (out instanceof Error) throw out;
      return out ?? {};
    },
  } as never;
  return { doc, sent };
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
const conditionFailed = (Item?: Record<string, unknown>) =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', Item });
const writes = (command: Command) => !(command instanceof GetCommand);
const failure = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe('DynamoConnectionStore on DynamoDB errors', () => {
  const legacyGet = (error: Error) =>
    scripted((c) => (c instanceof GetCommand ? { Item: structuredClone(LEGACY_FIXTURE) } : error));

  it('migrating an older item: a throttled write fails the read with that error; read consistent', async () => {
    // Prepare
    const error = throttled();
    const { doc, sent } = legacyGet(error);
    // Act
    const caught = await failure(new DynamoConnectionStore(doc, 'c').get('legacy-manager'));
    // Assess
    expect(caught).toBe(error);
    expect(sent.map((c) => c.constructor.name)).toEqual(['GetCommand', 'UpdateCommand']);
    expect(sent[0]!.input.ConsistentRead).toBe(true);
  });

  it('gives up after three reads of an older item that keeps changing before its migration lands', async () => {
    // Prepare
    const { doc, sent } = legacyGet(conditionFailed());
    // Act
    const caught = await failure(new DynamoConnectionStore(doc, 'c').get('legacy-manager'));
    // Assess
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect(caught?.message).toBe('The connection item kept changing while it was migrated');
    expect(sent.filter((c) => c instanceof GetCommand)).toHaveLength(3);
  });

  it('save, updateCredentials and touch pass a throttling error on as it is', async () => {
    // Prepare
    const error = throttled();
    const store = new DynamoConnectionStore(scripted(() => error).doc, 'c');
    // Act
    const caught = [
      await failure(store.save(record('m', [connection('a')]), undefined)),
      await failure(store.updateCredentials('m', 'microsoft-a', 'v1.x.y', 0)),
      await failure(store.touch('m', AT)),
      await failure(store.updateSchedule('m', 'microsoft-a', { timeZone: 'UTC' }, AT)),
    ];
    // Assess
    expect(caught).toEqual([error, error, error, error]);
  });

  it('a disconnect whose condition fails on a stored item is a lost race: ConcurrencyError', async () => {
    // Prepare
    const cause = conditionFailed({ managerId: { S: 'm' }, revision: { N: '2' } });
    const store = new DynamoConnectionStore(scripted(() => cause).doc, 'c');
    // Act
    const caught = await failure(store.save(record('m', [], 1), { revision: 1, versions: {} }));
    // Assess
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect(caught?.message).toBe('The connections changed since they were read');
    expect(caught?.cause).toBe(cause);
  });

  it('a credentials write losing to another writer, or on an item not yet migrated: ConcurrencyError', async () => {
    // Prepare
    const other = conditionFailed({
      connections: { M: { 'microsoft-a': { M: { credentials: { S: 'v1.other.blob' } } } } },
    });
    const legacy = conditionFailed({ managerId: { S: 'm' }, tokenCache: { S: 'v1.old.blob' } });
    const store = (error: Error) => new DynamoConnectionStore(scripted(() => error).doc, 'c');
    // Act
    const lost = await failure(store(other).updateCredentials('m', 'microsoft-a', 'v1.mine.blob', 0));
    const old = await failure(store(legacy).updateCredentials('m', 'microsoft-a', 'v1.mine.blob', 0));
    // Assess
    expect(lost).toBeInstanceOf(ConcurrencyError);
    expect(lost?.message).toBe('Credentials were changed by another writer');
    expect(lost?.cause).toBe(other);
    expect(old).toBeInstanceOf(ConcurrencyError);
  });

  it('touching a manager with no item is a NotFoundError, its cause the failed condition', async () => {
    // Prepare
    const cause = conditionFailed();
    const store = new DynamoConnectionStore(scripted(() => cause).doc, 'c');
    // Act
    const caught = await failure(store.touch('m', AT));
    // Assess
    expect(caught).toBeInstanceOf(NotFoundError);
    expect(caught?.message).toBe('No such calendar connection for this manager');
    expect(caught?.cause).toBe(cause);
  });
});

describe('DynamoStateStore on DynamoDB errors', () => {
  const state = {
    stateHash: 'h',
    managerId: 'm',
    provider: 'microsoft' as const,
    intent: 'connect' as const,
    codeVerifier: 'v',
    nonce: 'n',
    bindingHash: 'b',
    expiresAt: 1_900_000_000,
  };

  it('put of a state that exists is a ConcurrencyError; a throttled put, consume or claim throws', async () => {
    // Prepare
    const cause = conditionFailed();
    const error = throttled();
    const taken = new DynamoStateStore(scripted(() => cause).doc, 's');
    const busy = new DynamoStateStore(scripted(() => error).doc, 's');
    // Act
    const exists = await failure(taken.put(state));
    const caught = [
      await failure(busy.put(state)),
      await failure(busy.consume('h', 1_800_000_000)),
      await failure(busy.claimInvite('i', 'k', 1_900_000_000)),
    ];
    // Assess
    expect(exists).toBeInstanceOf(ConcurrencyError);
    expect(exists?.message).toBe('OAuth state already exists');
    expect(exists?.cause).toBe(cause);
    expect(caught).toEqual([error, error, error]);
  });

  it('an invite mark is kept until the invite expires, TTL 5 minutes later', async () => {
    // Prepare
    const { doc, sent } = scripted(() => undefined);
    // Act
    const claimed = await new DynamoStateStore(doc, 's').claimInvite('i', 'k', 1_900_000_000);
    // Assess
    expect(claimed).toBe(true);
    expect(sent[0]!.input.Item).toEqual({
      stateHash: 'invite#i',
      kind: 'used-invite',
      accountKey: 'k',
      expiresAt: 1_900_000_000,
      ttl: 1_900_000_300,
    });
  });

  it("rebinding an older invite mark: a changed mark is not this account's (false); a throttle throws", async () => {
    // Prepare
    const homeAccountId = 'home-1';
    const older = conditionFailed({ stateHash: { S: 'invite#i' }, homeAccountId: { S: homeAccountId } });
    const error = throttled();
    const second = (then: Error) => {
      let puts = 0;
      return new DynamoStateStore(scripted(() => (++puts === 1 ? older : then)).doc, 's');
    };
    const key = legacyConnectionId(homeAccountId);
    // Act
    const changed = await second(conditionFailed()).claimInvite('i', key, 1_900_000_000);
    const caught = await failure(second(error).claimInvite('i', key, 1_900_000_000));
    // Assess
    expect(changed).toBe(false);
    expect(caught).toBe(error);
  });
});

describe('DynamoSettingsStore, DynamoBusyCache and DynamoKeeperDueList on DynamoDB errors', () => {
  it('settings: read strongly consistent; a merge of nothing only reads; a throttled merge throws', async () => {
    // Prepare
    const error = throttled();
    const { doc, sent } = scripted((c) => (c instanceof GetCommand ? { Item: { managerId: 'm' } } : error));
    const store = new DynamoSettingsStore(doc, 's');
    // Act
    const nothing = await store.merge('m', {}, AT);
    const caught = await failure(store.merge('m', { bufferMinutes: 5 } as never, AT));
    // Assess
    expect(nothing).toEqual({});
    expect(sent.map((c) => [c.constructor.name, c.input.ConsistentRead])).toEqual([
      ['GetCommand', true],
      ['UpdateCommand', undefined],
    ]);
    expect(caught).toBe(error);
  });

  it('busy cache: read consistent; a throttled put throws; a spent mark lives 5 minutes past expiry', async () => {
    // Prepare
    const error = throttled();
    const { doc, sent } = scripted((c) => (c instanceof PutCommand && c.input.Item?.kind === 'busy' ? error : {}));
    const cache = new DynamoBusyCache(doc, 'b');
    const busy = { managerId: 'm', fetchedAtMs: 0, range: { start: AT, end: AT }, calendars: [], entries: [] };
    // Act
    await cache.get('call');
    const caught = await failure(cache.put('call', busy as never, 1_000_000));
    await cache.spend('call', 1_000_000);
    // Assess
    expect(sent[0]!.input.ConsistentRead).toBe(true);
    expect(caught).toBe(error);
    const { expiresAt, ttl } = sent[2]!.input.Item;
    expect(ttl - expiresAt).toBe(300);
  });

  it('keeper: a throttled claim, release or recordRefresh throws instead of reading as a lost lease', async () => {
    // Prepare
    const error = throttled();
    const list = new DynamoKeeperDueList(scripted((c) => (writes(c) ? error : {})).doc, 'c');
    // Act
    const caught = [
      await failure(list.claim('m', 1, 2)),
      await failure(list.release({ managerId: 'm', leaseId: 'l', dueMs: 1 }, 5)),
      await failure(list.recordRefresh('m', 'microsoft-a', AT)),
    ];
    // Assess
    expect(caught).toEqual([error, error, error]);
  });
});

describe('DynamoDB stores refusing a write before sending it', () => {
  it('connections: a bad id, an id twice, unsealed credentials, each named with its field', async () => {
    // Prepare
    const { doc, sent } = scripted(() => undefined);
    const store = new DynamoConnectionStore(doc, 'c');
    const save = (...connections: ReturnType<typeof connection>[]) =>
      failure(store.save(record('m', connections), undefined));
    // Act
    const caught = [
      await save(connection('a', { connectionId: 'Microsoft_A' })),
      await save(connection('a'), connection('a')),
      await save(connection('a', { credentials: '{"RefreshToken":"rt"}' })),
    ];
    // Assess
    expect(caught.map((e) => [e?.name, e?.message, (e as ValidationError)?.reason])).toEqual([
      ['ValidationError', 'A connection id is lowercase letters, digits and dashes', 'connectionId'],
      ['ValidationError', 'A connection is listed twice', 'connectionId'],
      ['ValidationError', 'Credentials must be sealed before they are stored', 'credentials'],
    ]);
    expect(sent).toEqual([]);
  });

  it('settings: every problem of a change in one ValidationError of reason "settings"', async () => {
    // Prepare
    const { doc, sent } = scripted(() => undefined);
    // Act
    const caught = await failure(
      new DynamoSettingsStore(doc, 's').merge('m', { bufferMinutes: -1, horizonDays: 0 } as never, AT),
    );
    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught?.message.split('; ')).toHaveLength(2);
    expect((caught as ValidationError).reason).toBe('settings');
    expect(sent).toEqual([]);
  });
});

describe('DynamoConnectionStore reading the last use', () => {
  it('shows the last use on connections connected by then (the same instant included), not on later ones', async () => {
    // Prepare
    const { connectionId: _a, ...early } = connection('a', { connectedAt: AT });
    const { connectionId: _b, ...late } = connection('b', { connectedAt: '2030-03-01T00:00:00.000Z' });
    const Item = {
      managerId: 'm',
      schema: 2,
      revision: 1,
      lastUsedAt: AT,
      connections: { 'microsoft-a': early, 'microsoft-b': late },
    };
    const store = new DynamoConnectionStore(scripted(() => ({ Item })).doc, 'c');
    // Act
    const read = await store.get('m');
    // Assess
    expect(read?.connections.map((c) => [c.connectionId, c.lastUsedAt])).toEqual([
      ['microsoft-a', AT],
      ['microsoft-b', undefined],
    ]);
    expect(read?.connections[1]).not.toHaveProperty('lastUsedAt');
  });
});

describe('DynamoDB counters and the replay guard on DynamoDB errors', () => {
  it('a throttled admitOnce or unit give-back throws; a give-back with no unit taken is a no-op', async () => {
    // Prepare
    const error = throttled();
    const busy = scripted(() => error).doc;
    const key = { pk: 'COUNT#call', sk: 'COUNT' } as never;
    // Act
    const caught = [
      await failure(new DynamoReplayGuard(busy, 'r').admitOnce('d', 2_000_000, 1_000_000)),
      await failure(giveUnitBack({ doc: busy, table: 'b' }, key)),
    ];
    const none = await failure(giveUnitBack({ doc: scripted(() => conditionFailed()).doc, table: 'b' }, key));
    // Assess
    expect(caught).toEqual([error, error]);
    expect(none).toBeUndefined();
  });

  it("a call's wrong-code count is read strongly consistent", async () => {
    // Prepare
    const { doc, sent } = scripted(() => ({ Item: { attempts: 2 } }));
    // Act
    const count = await wrongCodes({ doc, table: 'b' }, 'call');
    // Assess
    expect(count).toBe(2);
    expect(sent[0]!.input.ConsistentRead).toBe(true);
  });
});

describe('DynamoConnectionStore sending a write with no placeholders', () => {
  it('saving no connections for a manager never read deletes only if nothing is stored', async () => {
    // Prepare
    const { doc, sent } = scripted(() => undefined);
    // Act
    await new DynamoConnectionStore(doc, 'c').save(record('m', []), undefined);
    // Assess
    expect(sent.map((c) => [c.constructor.name, c.input.ConditionExpression])).toEqual([
      ['DeleteCommand', 'attribute_not_exists(managerId)'],
    ]);
  });
});
