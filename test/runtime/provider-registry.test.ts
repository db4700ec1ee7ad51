/**
 * The provider seam, end to end with a provider that exists only in tests (test/fakes/provider-module.ts): given to
 * buildProviders as its one module, it is offered on the invite page, connects through the same route functions
 * the authStart and authCallback Lambdas run, and answers a webhook get_availability. No file in functions/ names it.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { LocalCipher } from '../../functions/adapters/crypto/local-cipher';
import { readBookingDefaults } from '../../functions/contract/booking-config';
import { readRouting } from '../../functions/contract/routing-config';
import { ConfigError } from '../../functions/contract/env';
import { ProviderUnavailableError } from '../../functions/domain/errors';
import type { ProviderModule, ProviderShared } from '../../functions/domain/ports';
import { getAvailability } from '../../functions/domain/scheduling/availability-tool';
import { answerToolCalls, type ToolHandlers } from '../../functions/domain/vapi/dispatch';
import { parseVapiMessage } from '../../functions/domain/vapi/message';
import { finishCallback, showResult } from '../../functions/handlers/connect/callback-routes';
import { continueToProvider, showInvitePage } from '../../functions/handlers/connect/invite-routes';
import type { ConnectFinishDeps, ConnectStartDeps } from '../../functions/runtime/compose-connect';
import { buildProviders } from '../../functions/runtime/provider-registry';
import { lambdaContext } from '../../local/api-gateway-event';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore, MemoryStateStore } from '../fakes/stores';
import { FAKECAL_ID, FAKECAL_LABEL, type FakecalConfig, fakecalModule } from '../fakes/provider-module';
import {
  connectEvent,
  cookiePairs,
  formOf,
  INVITE_SIGNING_KEY,
  inviteFor,
  invitePage,
  submitEvent,
} from '../handlers/connect-support';
import { httpEvent } from '../handlers/invoke';

const BASE_URL = 'https://api.example.com';
const ENV = { FAKECAL_SIGNIN_URL: 'https://signin.fakecal.example/oauth' };
const MANAGER = 'robin';
const HOUR = 3_600_000;

/** The fake provider, built by buildProviders as the deployment's only module, over in-memory stores. */
async function world(env: Record<string, string> = ENV) {
  const fake = fakecalModule();
  const connections = new MemoryConnectionStore({ strictSealing: true });
  const cipher = new LocalCipher(randomBytes(32).toString('base64'));
  const log = { warn: vi.fn(), error: vi.fn() };
  const shared: ProviderShared = { connections, cipher, secrets: { get: vi.fn() }, log, clock: Date.now };
  const providers = await buildProviders(env, shared, [fake.module]);
  const edge = { secureCookies: true, publicBaseUrl: BASE_URL, inviteSigningKey: INVITE_SIGNING_KEY };
  const connect = {
    ...edge,
    states: new MemoryStateStore(),
    providers: providers.registry,
    clock: Date.now,
    redirectUri: `${BASE_URL}/calendar/auth/callback`,
    connections,
    cipher,
    log,
  };
  const start: ConnectStartDeps = { ...connect, settings: new MemorySettingsStore() };
  const finish: ConnectFinishDeps = { ...connect, calendars: providers.access, budgetMs: 5_000 };
  return { ...fake, ...providers, shared, connections, start, finish };
}

type World = Awaited<ReturnType<typeof world>>;

/** A manager's browser through the whole connect flow: the invite page, its button, "Accept", the callback, result. */
async function connectThroughPages(w: World) {
  const invite = inviteFor(MANAGER);
  const page = await showInvitePage(invitePage(invite), w.start);
  const cookies = cookiePairs(page);
  const started = await continueToProvider(submitEvent(formOf(page, FAKECAL_LABEL), FAKECAL_LABEL, cookies), w.start);
  const callbackUrl = new URL(w.world.signIn!.consent(String(started.headers!.location)));
  const callback = httpEvent('auth-callback-get', {
    query: Object.fromEntries(callbackUrl.searchParams),
    cookies: [...cookies, ...cookiePairs(started)],
  });
  const finished = await finishCallback(callback, lambdaContext('authCallback', 10_000), w.finish);
  const result = await showResult(connectEvent('auth-result-get', { cookies: cookiePairs(finished) }), w.finish);
  return { page, started, finished, result };
}

/** The webhook's dispatch of one get_availability call for MANAGER (the default manager). */
async function askAvailability(w: World) {
  const env = { DEFAULT_MANAGER_ID: MANAGER, DEFAULT_WORKING_HOURS: 'mon-sun 09:00-17:00', MIN_NOTICE_MINUTES: '0' };
  const deps = {
    connections: w.connections,
    settings: w.start.settings,
    bookings: new MemoryBookingStore(),
    calendars: w.access,
    defaults: readBookingDefaults(env),
    routing: readRouting(env),
    clock: Date.now,
    log: w.shared.log,
  };
  const message = parseVapiMessage({
    message: {
      type: 'tool-calls',
      call: { id: 'call-1', customer: { number: '+15550001111' } },
      toolCallList: [{ id: 'tc-1', type: 'function', function: { name: 'get_availability', arguments: {} } }],
    },
  });
  if (message.kind !== 'tool-calls') throw new Error(`not a tool call: ${message.kind}`);
  const deadline = { at: Date.now() + 5_000 };
  const handlers: ToolHandlers = { get_availability: (args, call) => getAvailability(args, call, deps, deadline) };
  const { results } = await answerToolCalls(message.calls, message.context, handlers, { deadline });
  const [answer] = results;
  return { ...answer!, parsed: answer?.result ? JSON.parse(answer.result) : undefined };
}

describe('Function: buildProviders', () => {
  it('offers a module only when its own variables are set; a stored connection of an absent one says so', async () => {
    // Prepare
    const fake = fakecalModule();
    const shared = {
      connections: new MemoryConnectionStore(),
      cipher: new LocalCipher(randomBytes(32).toString('base64')),
      secrets: { get: vi.fn() },
      log: { warn: vi.fn(), error: vi.fn() },
      clock: Date.now,
    };

    // Act
    const without = await buildProviders({}, shared, [fake.module]);
    const withIt = await buildProviders(ENV, shared, [fake.module]);
    const orphan = without.access.open(MANAGER, { provider: FAKECAL_ID } as never);

    // Assess
    expect(without.registry.all()).toEqual([]);
    expect(withIt.registry.all().map((p) => [p.id, p.label, p.authorizeOrigin])).toEqual([
      [FAKECAL_ID, FAKECAL_LABEL, 'https://signin.fakecal.example'],
    ]);
    expect(withIt.registry.get(FAKECAL_ID)).toBe(withIt.registry.all()[0]);
    await expect(orphan.listCalendars({ at: Date.now() + 1_000 })).rejects.toThrow(ProviderUnavailableError);
  });

  it.each(['https://signin.fakecal.example/oauth', 'javascript:alert(1)', "https://a.example; script-src 'self'"])(
    'refuses a plugin whose sign-in origin is not exactly an http(s) origin (%s): it goes into a CSP',
    async (authorizeOrigin) => {
      // Prepare
      const { module } = fakecalModule();
      const bad: ProviderModule<FakecalConfig> = {
        ...module,
        create: async (config, shared) => {
          const adapter = await module.create(config, shared);
          return { ...adapter, plugin: { ...adapter.plugin, authorizeOrigin } };
        },
      };

      // Act
      const act = world().then((w) => buildProviders(ENV, w.shared, [bad]));

      // Assess
      await expect(act).rejects.toThrow(ConfigError);
      await expect(act).rejects.toThrow(`Provider ${FAKECAL_ID}: authorizeOrigin must be an http(s) origin`);
    },
  );
});

describe('Seam: a test-only provider module through buildProviders', () => {
  it('connects from the invite page through its sign-in to "Calendar connected", sealed and with roles', async () => {
    // Prepare
    const w = await world();

    // Act
    const { page, started, finished, result } = await connectThroughPages(w);

    // Assess: offered, with its sign-in origin allowed as the form's redirect target
    expect(page.statusCode).toBe(200);
    expect(formOf(page, FAKECAL_LABEL).buttons).toEqual([{ name: 'provider', value: FAKECAL_ID, text: FAKECAL_LABEL }]);
    expect(page.headers!['content-security-policy']).toContain("form-action 'self' https://signin.fakecal.example;");
    expect(started.statusCode).toBe(303);
    expect(String(started.headers!.location)).toMatch(/^https:\/\/signin\.fakecal\.example\/oauth\/authorize\?/);
    expect(finished.statusCode).toBe(303);
    expect(finished.headers!.location).toBe(`${BASE_URL}/calendar/auth/result`);
    // Assess: connected, sealed, the default calendar books and the shared one is ignored
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<title>Calendar connected</title>');
    expect(result.body).toContain('<td>Primary</td><td>Takes bookings</td>');
    expect(result.body).toContain('<td>Family</td><td>Ignored</td>');
    const [stored] = (await w.connections.get(MANAGER))!.connections;
    expect(stored).toMatchObject({ provider: FAKECAL_ID, account: 'robin@fakecal.example', needsReconnect: false });
    expect(stored!.calendars).toEqual([
      { id: 'primary', name: 'Primary', role: 'book', canEdit: true },
      { id: 'family', name: 'Family', role: 'ignore', canEdit: false, shared: true },
    ]);
    expect(stored!.credentials).not.toContain([...w.world.tokens][0]);
  });

  it("answers a webhook get_availability from the connection's calendars, never in their busy time", async () => {
    // Prepare: connected; the book calendar is busy for the next two days
    const w = await world();
    await connectThroughPages(w);
    const busyUntil = Date.now() + 48 * HOUR;
    w.world.mailbox.entries.primary = [
      {
        id: 'away',
        start: Date.now() - HOUR,
        end: busyUntil,
        availability: 'busy',
        isCancelled: false,
        isAllDay: false,
      },
    ];
    w.world.reads.length = 0;

    // Act
    const answer = await askAvailability(w);

    // Assess
    expect(answer.error).toBeUndefined();
    const slots = answer.parsed.slots as Array<{ start: string }>;
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(busyUntil);
    const connectionId = (await w.connections.get(MANAGER))!.connections[0]!.connectionId;
    expect(w.world.reads).toContainEqual({ managerId: MANAGER, connectionId });
  });

  it('a grant revoked at the provider: the call is answered in words, not offered times', async () => {
    // Prepare
    const w = await world();
    await connectThroughPages(w);
    w.world.tokens.clear();

    // Act
    const answer = await askAvailability(w);

    // Assess
    expect(answer.parsed).toBeUndefined();
    expect(answer.error).toEqual(expect.any(String));
  });
});
