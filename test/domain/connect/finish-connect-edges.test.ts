/** The connect flow's second leg at its edges: what the provider is asked, what is stored, retries, refusals. */
import { describe, expect, it } from 'vitest';
import { connectionIdFor } from '../../../functions/domain/connect/calendar-roles';
import { startConnect } from '../../../functions/domain/connect/connect-calendar';
import { finishConnect } from '../../../functions/domain/connect/finish-connect';
import { createInviteToken } from '../../../functions/domain/connect/invite';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import { ConcurrencyError } from '../../../functions/domain/errors';
import type {
  AuthorizationClient,
  CalendarConnection,
  Cipher,
  Deadline,
  ManagerConnections,
  ProviderPlugin,
  ProviderRegistry,
  ReadVersions,
  RedeemedGrant,
} from '../../../functions/domain/ports';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore, MemoryStateStore } from '../../fakes/stores';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const REDIRECT = 'https://api.example.com/calendar/auth/callback';
const BUDGET = 5_000;

type RedeemInput = Parameters<AuthorizationClient['redeemCode']>[0];

/** A provider sign-in that grants what the test says and records what it was asked to redeem. */
class RecordingAuthorization implements AuthorizationClient {
  grant: RedeemedGrant = {
    account: { accountId: 'u1', email: 'pat@contoso.example' },
    grantedScopes: ['calendars', 'offline'],
    credentials: '{"refresh":"secret"}',
  };
  redeemed: Array<{ input: RedeemInput; deadline: Deadline }> = [];
  async buildAuthorizeUrl(input: Parameters<AuthorizationClient['buildAuthorizeUrl']>[0]) {
    return `https://login.fake.example/authorize?state=${input.state}`;
  }
  async redeemCode(input: RedeemInput, deadline: Deadline) {
    this.redeemed.push({ input, deadline });
    return structuredClone(this.grant);
  }
  missingScopes(granted: readonly string[]) {
    return ['calendars'].filter((s) => !granted.includes(s));
  }
}

/** The in-memory state store, recording the invites it was asked to bind. */
class RecordingStateStore extends MemoryStateStore {
  claims: Array<{ inviteId: string; accountKey: string; inviteExpiresAt: number }> = [];
  override async claimInvite(inviteId: string, accountKey: string, inviteExpiresAt: number) {
    this.claims.push({ inviteId, accountKey, inviteExpiresAt });
    return super.claimInvite(inviteId, accountKey, inviteExpiresAt);
  }
}

function world() {
  const auth = new RecordingAuthorization();
  const plugin: ProviderPlugin = {
    id: 'fake',
    label: 'Fake 365',
    authorizeOrigin: 'https://login.fake.example',
    readsWorkingHours: true,
    authorization: auth,
  };
  const providers: ProviderRegistry = { get: (id) => (id === 'fake' ? plugin : undefined), all: () => [plugin] };
  const states = new RecordingStateStore();
  const connections = new MemoryConnectionStore();
  const calendar = new FakeCalendar();
  calendar.account = { accountId: 'u1', email: 'pat@contoso.example', name: 'Pat' };
  calendar.calendars = [{ id: 'main', name: 'Calendar', isDefault: true, canEdit: true, shared: false }];
  /** The connections the calendar reads were opened with. */
  const openedWith: CalendarConnection[] = [];
  const open = calendar.open.bind(calendar);
  calendar.open = (managerId: string, connection: CalendarConnection) => {
    openedWith.push(structuredClone(connection));
    return open(managerId, connection);
  };
  const sealedFor: unknown[] = [];
  const cipher: Cipher = {
    seal: async (text, context) => {
      sealedFor.push(context);
      return `v1.${Buffer.from(text).toString('base64url')}`;
    },
    open: async (sealed) => Buffer.from(sealed.slice(3), 'base64url').toString(),
  };
  const deps = { states, providers, clock: () => NOW, redirectUri: REDIRECT, inviteSigningKey: KEY };
  const finishDeps = { ...deps, connections, calendars: calendar, cipher, budgetMs: BUDGET };
  /** The first leg; returns the callback the browser would make and the pending sign-in stored. */
  async function start(opts: { invite?: string; intent?: 'connect' | 'add' } = {}) {
    const invite = opts.invite ?? createInviteToken('pat', KEY, NOW, 24);
    const started = await startConnect({ invite, provider: 'fake', intent: opts.intent }, deps);
    const pending = [...states.states.values()].at(-1)!;
    return { input: { state: started.state, code: 'code-1', bindingCookie: started.binding }, pending };
  }
  async function connect(opts: { invite?: string; intent?: 'connect' | 'add' } = {}) {
    return finishConnect((await start(opts)).input, finishDeps);
  }
  return { auth, states, connections, calendar, openedWith, sealedFor, deps, finishDeps, start, connect };
}

/** Makes `save` of `w` fail with `errors` in turn (then save), counting the calls; stops a runaway retry loop. */
function failSaves(w: ReturnType<typeof world>, errors: Error[]) {
  const save = w.connections.save.bind(w.connections);
  const calls = { count: 0 };
  w.connections.save = async (record: ManagerConnections, expected: ReadVersions | undefined) => {
    calls.count++;
    if (calls.count > 10) throw new Error('retried without end');
    const error = errors[calls.count - 1];
    if (error) throw error;
    return save(record, expected);
  };
  return calls;
}

describe('Function: finishConnect', () => {
  it('redeems the code with the stored verifier and nonce, within the budget from now', async () => {
    // Prepare
    const w = world();
    const { input, pending } = await w.start();

    // Act
    await finishConnect(input, w.finishDeps);

    // Assess
    expect(w.auth.redeemed).toEqual([
      {
        input: { code: 'code-1', codeVerifier: pending.codeVerifier, nonce: pending.nonce, redirectUri: REDIRECT },
        deadline: { at: NOW + BUDGET },
      },
    ]);
  });

  it('seals the credentials for this manager and purpose, and reads the calendars over a fresh draft', async () => {
    // Act
    const w = world();
    await w.connect();

    // Assess
    expect(w.sealedFor).toEqual([{ managerId: 'pat', purpose: CREDENTIALS_PURPOSE }]);
    expect(w.openedWith).toEqual([
      expect.objectContaining({
        connectionId: connectionIdFor('fake', 'u1'),
        calendars: [],
        needsReconnect: false,
        version: 0,
      }),
    ]);
  });

  it('stores a healthy connection named as the calendar account names itself', async () => {
    // Prepare
    const w = world();
    w.auth.grant.account = { accountId: 'u1', email: 'pat@contoso.example', name: 'From sign-in' };

    // Act
    await w.connect();

    // Assess
    const stored = (await w.connections.get('pat'))!.connections[0]!;
    expect(stored).toMatchObject({ displayName: 'Pat', needsReconnect: false });
  });

  it("falls back to the sign-in's name when the calendar account gives none", async () => {
    // Prepare
    const w = world();
    w.auth.grant.account = { accountId: 'u1', email: 'pat@contoso.example', name: 'From sign-in' };
    w.calendar.account = { accountId: 'u1', email: 'pat@contoso.example' };

    // Act
    const done = await w.connect();

    // Assess
    expect(done.connection.displayName).toBe('From sign-in');
  });

  it('refuses a sign-in whose provider is no longer offered, before any code exchange', async () => {
    // Prepare
    const w = world();
    const { input } = await w.start();
    const none: ProviderRegistry = { get: () => undefined, all: () => [] };

    // Act
    const act = finishConnect(input, { ...w.finishDeps, providers: none });

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ExpiredError',
      message: 'This sign-in attempt can no longer be finished. Start again from your invite link.',
    });
    expect(w.auth.redeemed).toEqual([]);
  });

  it('matches the expected account however the provider spaces or capitalises the address', async () => {
    // Prepare
    const w = world();
    w.auth.grant.account = { accountId: 'u1', email: 'pat.upn@contoso.example' };
    w.calendar.account = { accountId: 'u1', email: ' Pat@Contoso.example ' };
    const invite = createInviteToken('pat', KEY, NOW, 24, { email: 'pat@contoso.example' });

    // Act
    const done = await w.connect({ invite });

    // Assess
    expect(done.connections).toHaveLength(1);
  });

  it('tells the manager which account the link is for and to sign in as it', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24, { email: 'lee@contoso.example' });

    // Act
    const act = w.connect({ invite });

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ValidationError',
      reason: 'account_mismatch',
      message:
        'This link is for lee@contoso.example, but the sign-in was for another account. Nothing was connected. ' +
        'Start again from your invite link and sign in as lee@contoso.example.',
    });
  });

  it('binds the invite to the account until the invite itself expires', async () => {
    // Prepare
    const w = world();
    const { input, pending } = await w.start({ invite: createInviteToken('pat', KEY, NOW, 48) });

    // Act
    await finishConnect(input, w.finishDeps);

    // Assess
    expect(w.states.claims).toEqual([
      {
        inviteId: pending.inviteId,
        accountKey: connectionIdFor('fake', 'u1'),
        inviteExpiresAt: NOW / 1000 + 48 * 3600,
      },
    ]);
  });

  it('reconnects one of two accounts in place with a plain connect, the other one untouched', async () => {
    // Prepare
    const w = world();
    const other = fakeConnection('fake-other', [{ id: 'default', role: 'book' }]);
    await w.connections.save(managerRecord('pat', [other]), undefined);
    await w.connect({ intent: 'add' });
    w.calendar.account = { accountId: 'u1', email: 'pat@contoso.example', name: 'Pat again' };

    // Act
    const done = await w.connect({ invite: createInviteToken('pat', KEY, NOW - 3_600_000, 24) });

    // Assess
    expect(done.connections.map((c) => [c.connectionId, c.displayName, c.version])).toEqual([
      ['fake-other', undefined, 1],
      [connectionIdFor('fake', 'u1'), 'Pat again', 2],
    ]);
    const stored = (await w.connections.get('pat'))!.connections;
    expect(stored.map((c) => c.connectionId)).toEqual(['fake-other', connectionIdFor('fake', 'u1')]);
  });

  it('gives up after three writes that lost to another writer, failing with the conflict', async () => {
    // Prepare
    const w = world();
    const calls = failSaves(w, [new ConcurrencyError(), new ConcurrencyError(), new ConcurrencyError()]);

    // Act
    const act = w.connect();

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ConcurrencyError' });
    expect(calls.count).toBe(3);
    expect(await w.connections.get('pat')).toBeUndefined();
  });

  it('stores on the third write when the first two lost to another writer', async () => {
    // Prepare
    const w = world();
    const calls = failSaves(w, [new ConcurrencyError(), new ConcurrencyError()]);

    // Act
    const done = await w.connect();

    // Assess
    expect(calls.count).toBe(3);
    expect((await w.connections.get('pat'))!.connections).toEqual([done.connection]);
  });

  it('fails at once, without another try, when the store fails for another reason', async () => {
    // Prepare
    const w = world();
    const calls = failSaves(w, [new Error('table unavailable')]);

    // Act
    const act = w.connect();

    // Assess
    await expect(act).rejects.toThrow('table unavailable');
    expect(calls.count).toBe(1);
    expect(await w.connections.get('pat')).toBeUndefined();
  });
});
