/** The connect use cases over in-memory stores, a fake provider and a fake calendar: both legs, every refusal. */
import { describe, expect, it } from 'vitest';
import { connectionIdFor } from '../../../functions/domain/connect/calendar-roles';
import { startConnect } from '../../../functions/domain/connect/connect-calendar';
import { finishConnect } from '../../../functions/domain/connect/finish-connect';
import { createInviteToken } from '../../../functions/domain/connect/invite';
import { ConcurrencyError, ExpiredError, ValidationError } from '../../../functions/domain/errors';
import type {
  AuthorizationClient,
  Cipher,
  ManagerConnections,
  ProviderPlugin,
  ProviderRegistry,
  ReadVersions,
  RedeemedGrant,
} from '../../../functions/domain/ports';
import { versionsOf } from '../../../functions/domain/ports';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore, MemoryStateStore } from '../../fakes/stores';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const REDIRECT = 'https://api.example.com/calendar/auth/callback';

/** A provider "fake" whose sign-in grants what the test says. */
class FakeAuthorization implements AuthorizationClient {
  grant: RedeemedGrant = {
    account: { accountId: 'u1', email: 'pat@contoso.example' },
    grantedScopes: ['calendars', 'offline'],
    credentials: '{"refresh":"secret"}',
  };
  urls: Parameters<AuthorizationClient['buildAuthorizeUrl']>[0][] = [];
  redeemed = 0;
  async buildAuthorizeUrl(input: Parameters<AuthorizationClient['buildAuthorizeUrl']>[0]) {
    this.urls.push(input);
    return `https://login.fake.example/authorize?state=${input.state}`;
  }
  async redeemCode() {
    this.redeemed++;
    return structuredClone(this.grant);
  }
  missingScopes(granted: readonly string[]) {
    return ['calendars'].filter((s) => !granted.includes(s));
  }
}

const cipher: Cipher = {
  seal: async (text) => `v1.${Buffer.from(text).toString('base64url')}`,
  open: async (sealed) => Buffer.from(sealed.slice(3), 'base64url').toString(),
};

function world() {
  const auth = new FakeAuthorization();
  const plugin: ProviderPlugin = {
    id: 'fake',
    label: 'Fake 365',
    authorizeOrigin: 'https://login.fake.example',
    readsWorkingHours: true,
    authorization: auth,
  };
  const providers: ProviderRegistry = { get: (id) => (id === 'fake' ? plugin : undefined), all: () => [plugin] };
  const states = new MemoryStateStore();
  const connections = new MemoryConnectionStore();
  const calendar = new FakeCalendar();
  calendar.account = { accountId: 'u1', email: 'pat@contoso.example', name: 'Pat' };
  calendar.calendars = [
    { id: 'main', name: 'Calendar', isDefault: true, canEdit: true, shared: false },
    { id: 'showings', name: 'Showings', isDefault: false, canEdit: true, shared: false },
    { id: 'team', name: 'Team', isDefault: false, canEdit: false, shared: true },
  ];
  const deps = { states, providers, clock: () => NOW, redirectUri: REDIRECT, inviteSigningKey: KEY };
  const finishDeps = { ...deps, connections, calendars: calendar, cipher, budgetMs: 5_000 };
  /** Both legs: the invite's start, then the callback with the right binding cookie. */
  async function connect(
    opts: { managerId?: string; email?: string; intent?: 'connect' | 'add'; invite?: string } = {},
  ) {
    const invite =
      opts.invite ?? createInviteToken(opts.managerId ?? 'pat', KEY, NOW, 24, opts.email ? { email: opts.email } : {});
    const started = await startConnect({ invite, provider: 'fake', intent: opts.intent }, deps);
    return finishConnect({ state: started.state, code: 'code-1', bindingCookie: started.binding }, finishDeps);
  }
  return { auth, states, connections, calendar, deps, finishDeps, connect };
}

const rolesOf = (record: ManagerConnections | undefined) =>
  record?.connections.map((c) => Object.fromEntries(c.calendars.map((cal) => [cal.id, cal.role])));

describe('Function: startConnect', () => {
  it('stores the provider, the intent and the expected account, and sends the account as the login hint', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24, { email: 'pat@contoso.example' });

    // Act
    const started = await startConnect({ invite, provider: 'fake', intent: 'add' }, w.deps);

    // Assess
    expect(started.authorizeUrl).toBe(`https://login.fake.example/authorize?state=${started.state}`);
    expect(w.auth.urls).toEqual([expect.objectContaining({ loginHint: 'pat@contoso.example', redirectUri: REDIRECT })]);
    expect([...w.states.states.values()]).toEqual([
      expect.objectContaining({
        managerId: 'pat',
        provider: 'fake',
        intent: 'add',
        expectedEmail: 'pat@contoso.example',
      }),
    ]);
  });

  it('refuses a provider the registry does not have, storing nothing', async () => {
    // Prepare
    const w = world();

    // Act
    const act = startConnect({ invite: createInviteToken('pat', KEY, NOW, 24), provider: 'other' }, w.deps);

    // Assess
    await expect(act).rejects.toThrow(ValidationError);
    expect(w.states.states.size).toBe(0);
  });
});

describe('Function: finishConnect', () => {
  it('stores a first connection sealed: the default calendar books, own ones busy, shared ones ignored', async () => {
    // Prepare
    const w = world();

    // Act
    const done = await w.connect();

    // Assess
    const stored = await w.connections.get('pat');
    expect(done.connection.connectionId).toBe(connectionIdFor('fake', 'u1'));
    expect(rolesOf(stored)).toEqual([{ main: 'book', showings: 'busy', team: 'ignore' }]);
    expect(stored!.connections[0]).toMatchObject({ account: 'pat@contoso.example', provider: 'fake', version: 1 });
    expect(stored!.connections[0]!.credentials).not.toContain('secret');
  });

  it.each([
    ['its address', { accountId: 'u1', email: 'pat@contoso.example' }, 'PAT@contoso.example'],
    ['its sign-in name', { accountId: 'u1', email: 'pat.upn@contoso.example' }, 'pat.upn@contoso.example'],
  ])('connects the account the invite expects, matched by %s', async (_case, account, expected) => {
    // Prepare
    const w = world();
    w.auth.grant.account = account;

    // Act
    const done = await w.connect({ email: expected });

    // Assess
    expect(done.connection.account).toBe('pat@contoso.example');
  });

  it('refuses another account than the invite expects, says why, and stores nothing', async () => {
    // Prepare
    const w = world();

    // Act
    const act = w.connect({ email: 'lee@contoso.example' });

    // Assess
    await expect(act).rejects.toThrow(
      'This link is for lee@contoso.example, but the sign-in was for another account. Nothing was connected.',
    );
    await expect(act).rejects.toMatchObject({ reason: 'account_mismatch' });
    expect(await w.connections.get('pat')).toBeUndefined();
    expect(w.states.invites.size).toBe(0);
  });

  it('refuses a grant without the calendar scope before any calendar is read, storing nothing', async () => {
    // Prepare
    const w = world();
    w.auth.grant.grantedScopes = ['offline'];

    // Act
    const act = w.connect();

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ValidationError', reason: 'scopes' });
    await expect(act).rejects.toThrow('Please allow calendar access and try again.');
    expect(w.calendar.opened).toEqual([]);
    expect(await w.connections.get('pat')).toBeUndefined();
  });

  it('reconnects the same account in place: the roles the manager gave stay, the version moves on', async () => {
    // Prepare
    const w = world();
    await w.connect();
    const record = (await w.connections.get('pat'))!;
    const changed = record.connections.map((c) => ({
      ...c,
      calendars: c.calendars.map((cal) => (cal.id === 'showings' ? { ...cal, role: 'ignore' as const } : cal)),
    }));
    await w.connections.save({ ...record, connections: changed }, versionsOf(record));

    // Act
    await w.connect();

    // Assess
    const after = (await w.connections.get('pat'))!;
    expect(rolesOf(after)).toEqual([{ main: 'book', showings: 'ignore', team: 'ignore' }]);
    expect(after.connections[0]!.version).toBe(2);
  });

  it('refuses another account on a plain connect when one is connected: adding is only on purpose', async () => {
    // Prepare
    const w = world();
    await w.connections.save(managerRecord('pat', [fakeConnection('fake-other')]), undefined);

    // Act
    const act = w.connect();

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ValidationError', reason: 'add_account' });
    expect((await w.connections.get('pat'))!.connections.map((c) => c.connectionId)).toEqual(['fake-other']);
  });

  it('intent "add" adds another account beside the connected one: its calendars count, book role stays', async () => {
    // Prepare
    const w = world();
    await w.connections.save(managerRecord('pat', [fakeConnection('fake-other')]), undefined);

    // Act
    await w.connect({ intent: 'add' });

    // Assess
    expect(rolesOf(await w.connections.get('pat'))).toEqual([
      { default: 'book' },
      { main: 'busy', showings: 'busy', team: 'ignore' },
    ]);
  });

  it('refuses to add an account with an invite issued before the connected ones (an old, leaked link)', async () => {
    // Prepare: the manager connected half an hour ago; the link was issued an hour ago
    const w = world();
    const connectedAt = new Date(NOW - 30 * 60_000).toISOString();
    await w.connections.save(
      managerRecord('pat', [fakeConnection('fake-other', undefined, { connectedAt })]),
      undefined,
    );
    const invite = createInviteToken('pat', KEY, NOW - 60 * 60_000, 24);

    // Act
    const act = w.connect({ invite, intent: 'add' });

    // Assess
    await expect(act).rejects.toThrow(ExpiredError);
    await expect(act).rejects.toThrow('older than the calendars connected for this manager');
    expect((await w.connections.get('pat'))!.connections.map((c) => c.connectionId)).toEqual(['fake-other']);
  });

  it('lets the same old invite reconnect the account it connected; a link issued since may add one', async () => {
    // Prepare
    const w = world();
    const old = createInviteToken('pat', KEY, NOW - 60 * 60_000, 24);
    await w.connect({ invite: old });

    // Act
    const again = await w.connect({ invite: old });
    w.auth.grant.account = { accountId: 'u2', email: 'lee@contoso.example' };
    w.calendar.account = { accountId: 'u2', email: 'lee@contoso.example' };
    const refused = await w.connect({ invite: old, intent: 'add' }).catch((e: unknown) => e);
    const added = await w.connect({ invite: createInviteToken('pat', KEY, NOW, 24), intent: 'add' });

    // Assess
    expect(again.connections).toHaveLength(1);
    expect(refused).toBeInstanceOf(ExpiredError);
    expect(added.connections.map((c) => c.account)).toEqual(['pat@contoso.example', 'lee@contoso.example']);
  });

  it('binds the invite to the first account it connects: another account with it later is refused', async () => {
    // Prepare
    const w = world();
    const invite = createInviteToken('pat', KEY, NOW, 24);
    await w.connect({ invite });
    // The manager disconnected since: nothing but the invite's mark remembers which account it connected.
    const record = (await w.connections.get('pat'))!;
    await w.connections.save({ ...record, connections: [] }, versionsOf(record));
    w.auth.grant.account = { accountId: 'u2', email: 'pat@contoso.example' };

    // Act
    const act = w.connect({ invite });

    // Assess
    await expect(act).rejects.toThrow(ExpiredError);
    await expect(act).rejects.toThrow('already used to connect a different account');
  });

  it('reads again and retries if the record changed meanwhile (a token write-back, a role change)', async () => {
    // Prepare
    const w = world();
    let raced = false;
    const save = w.connections.save.bind(w.connections);
    w.connections.save = async (record: ManagerConnections, expected: ReadVersions | undefined) => {
      if (!raced) {
        raced = true;
        throw new ConcurrencyError();
      }
      return save(record, expected);
    };

    // Act
    const done = await w.connect();

    // Assess
    expect(raced).toBe(true);
    expect(done.connections).toHaveLength(1);
    expect(await w.connections.get('pat')).toBeDefined();
  });

  it('uses a state once: the same callback again is refused without a second code exchange', async () => {
    // Prepare
    const w = world();
    const started = await startConnect({ invite: createInviteToken('pat', KEY, NOW, 24), provider: 'fake' }, w.deps);
    const input = { state: started.state, code: 'code-1', bindingCookie: started.binding };
    await finishConnect(input, w.finishDeps);

    // Act
    const act = finishConnect(input, w.finishDeps);

    // Assess
    await expect(act).rejects.toThrow(ExpiredError);
    expect(w.auth.redeemed).toBe(1);
  });
});
