import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { legacyConnectionId } from '../../../functions/adapters/dynamo/legacy-migration';
import { DynamoStateStore } from '../../../functions/adapters/dynamo/state-store';
import { ConcurrencyError } from '../../../functions/domain/errors';
import type { OAuthStateRecord } from '../../../functions/domain/ports';
import { useDynamoTables } from '../../support/dynamo';

const NOW_S = 1_900_000_000;

/** A state as the previous version wrote it: no provider, no intent. */
function previous(stateHash: string, expiresAt = NOW_S + 600) {
  return { stateHash, managerId: 'm-1', codeVerifier: 'v'.repeat(43), nonce: 'n-1', bindingHash: 'b-1', expiresAt };
}

function record(stateHash: string, expiresAt = NOW_S + 600): OAuthStateRecord {
  return { ...previous(stateHash, expiresAt), provider: 'microsoft', intent: 'connect' };
}

describe('DynamoStateStore', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoStateStore;

  beforeAll(async () => {
    ({
      doc,
      tables: { oauthState: table },
    } = await useDynamoTables());
    store = new DynamoStateStore(doc, table);
  });

  it('put then consume returns the record and deletes it', async () => {
    // Prepare
    await store.put(record('h-roundtrip'));
    // Act
    const first = await store.consume('h-roundtrip', NOW_S);
    const replay = await store.consume('h-roundtrip', NOW_S);
    // Assess
    expect(first).toEqual(record('h-roundtrip'));
    expect(replay).toBeUndefined();
    expect(
      (await doc.send(new GetCommand({ TableName: table, Key: { stateHash: 'h-roundtrip' } }))).Item,
    ).toBeUndefined();
  });

  it('stores a ttl after expiresAt for garbage collection', async () => {
    // Prepare
    await store.put(record('h-ttl'));
    // Act
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { stateHash: 'h-ttl' } }));
    // Assess
    expect(Item?.ttl).toBeGreaterThan(NOW_S + 600);
  });

  it('refuses to overwrite an existing state', async () => {
    // Prepare
    await store.put(record('h-dup'));
    // Act
    const second = store.put({ ...record('h-dup'), managerId: 'attacker' });
    // Assess
    await expect(second).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.consume('h-dup', NOW_S))?.managerId).toBe('m-1');
  });

  it('20 parallel consumes of one state: exactly 1 record, 19 undefined', async () => {
    // Prepare
    await store.put(record('h-race'));
    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => store.consume('h-race', NOW_S)));
    // Assess
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(results.filter((r) => r === undefined)).toHaveLength(19);
  });

  it('rejects a state with expiresAt = now - 1 s that TTL has not yet removed', async () => {
    // Prepare: written directly, as TTL lag would leave it (ttl already in the past too)
    await doc.send(new PutCommand({ TableName: table, Item: { ...record('h-expired', NOW_S - 1), ttl: NOW_S - 1 } }));
    // Act
    const result = await store.consume('h-expired', NOW_S);
    // Assess
    expect(result).toBeUndefined();
  });

  it('rejects a state at exactly its expiry second', async () => {
    // Prepare
    await store.put(record('h-edge', NOW_S));
    // Act
    const atExpiry = await store.consume('h-edge', NOW_S);
    const justBefore = await store.consume('h-edge', NOW_S - 1);
    // Assess
    expect(atExpiry).toBeUndefined();
    expect(justBefore?.stateHash).toBe('h-edge');
  });

  it('returns undefined for an unknown state', async () => {
    // Act
    const result = await store.consume('h-never-stored', NOW_S);
    // Assess
    expect(result).toBeUndefined();
  });

  it('a state the previous version wrote (no provider, no intent) reads as a Microsoft connect', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { ...previous('h-previous'), ttl: NOW_S + 900 } }));
    // Act
    const read = await store.consume('h-previous', NOW_S);
    // Assess
    expect(read).toEqual({ ...previous('h-previous'), provider: 'microsoft', intent: 'connect' });
  });

  it('an invite bound by the previous version (to a homeAccountId) stays bound to that account', async () => {
    // Prepare
    const mark = (inviteId: string) => ({
      stateHash: `invite#${inviteId}`,
      kind: 'used-invite',
      homeAccountId: 'oid.tid',
      expiresAt: NOW_S + 3_600,
      ttl: NOW_S + 3_900,
    });
    await doc.send(new PutCommand({ TableName: table, Item: mark('inv-old') }));
    await doc.send(new PutCommand({ TableName: table, Item: mark('inv-old-2') }));
    // Act
    const same = await store.claimInvite('inv-old', legacyConnectionId('oid.tid'), NOW_S + 3_600);
    const sameAgain = await store.claimInvite('inv-old', legacyConnectionId('oid.tid'), NOW_S + 3_600);
    const other = await store.claimInvite('inv-old-2', legacyConnectionId('someone.else'), NOW_S + 3_600);
    // Assess
    expect([same, sameAgain, other]).toEqual([true, true, false]);
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { stateHash: 'invite#inv-old' } }));
    expect(Item).toMatchObject({ accountKey: legacyConnectionId('oid.tid') });
  });
});
