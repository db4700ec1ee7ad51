/** How the DynamoDB stores (not connections) answer a failed condition; other DynamoDB errors reach the caller. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoBusyCache } from '../../../functions/adapters/dynamo/busy-cache';
import { wrongCodes } from '../../../functions/adapters/dynamo/caller-counters';
import { giveUnitBack } from '../../../functions/adapters/dynamo/counter-items';
import { DynamoKeeperDueList } from '../../../functions/adapters/dynamo/keeper-due-list';
import { legacyConnectionId } from '../../../functions/adapters/dynamo/legacy-migration';
import { DynamoReplayGuard } from '../../../functions/adapters/dynamo/replay-guard';
import { DynamoSettingsStore } from '../../../functions/adapters/dynamo/settings-store';
import { DynamoStateStore } from '../../../functions/adapters/dynamo/state-store';
import { ConcurrencyError, ValidationError } from '../../../functions/domain/errors';
import { AT } from '../../contracts/connection-store-fixtures';
import { conditionFailed, failure, scripted, throttled, writes } from './scripted-client';

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

describe('DynamoDB stores refusing a write before sending it', () => {
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
