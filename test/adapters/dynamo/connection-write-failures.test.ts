/** How DynamoConnectionStore answers a failed condition or a refused write; other DynamoDB errors reach the caller. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { ConcurrencyError, NotFoundError, type ValidationError } from '../../../functions/domain/errors';
import { AT, connection, LEGACY_FIXTURE, record } from '../../contracts/connection-store-fixtures';
import { conditionFailed, failure, scripted, throttled } from './scripted-client';

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
