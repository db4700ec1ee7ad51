/**
 * The app against Outlook's limit of 4 concurrent requests per mailbox, with the emulator enforcing it: availability
 * over many calendars (one of them paged) and two openings of one mailbox never get the 429; when Graph throttles
 * anyway (another process using the mailbox), the retry on Retry-After carries the read through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MicrosoftCalendarAccess } from '../../../functions/adapters/microsoft/calendar-access';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import type { CalendarConnection } from '../../../functions/domain/ports';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import type { GraphEventInput } from '../../../local/sandbox/microsoft/calendar-schema';
import { createMicrosoftEmulator, type MicrosoftEmulator } from '../../../local/sandbox/microsoft';
import { MemoryBookingStore, MemorySettingsStore } from '../../fakes/stores';
import { connection, memoryStore, testCipher } from './helpers';
import { signInThroughEmulator } from './emulator-sign-in';

const APP = { clientId: 'client-mbx', tenantId: 'common', clientSecret: 'mbx-secret' };
const REDIRECT = 'https://api.example/auth/callback';
const DAY = { start: Date.UTC(2026, 10, 24), end: Date.UTC(2026, 10, 25) };
const NAMES = Array.from({ length: 12 }, (_, n) => `Calendar ${n + 1}`);

/** `count` one-minute events on 24 November 2026 from 08:00 UTC (more than 500 make calendarView page). */
function busyDay(count: number, subject: string): GraphEventInput[] {
  return Array.from({ length: count }, (_, n) => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 8, minute)).toISOString().slice(0, 19);
    return {
      subject: `${subject} ${n}`,
      showAs: 'busy' as const,
      start: { dateTime: at(n % 600), timeZone: 'UTC' },
      end: { dateTime: at((n % 600) + 1), timeZone: 'UTC' },
    };
  });
}

describe('Integration: the mailbox concurrency limit against the emulator', () => {
  let emulator: MicrosoftEmulator;
  let server: { baseUrl: string; close(): Promise<void> };
  const db = memoryStore();
  const cipher = testCipher();

  /** An emulator whose mailbox has NAMES as calendars (the first holds 1,100 events), and mgr-1 connected to all. */
  async function connect(mailboxConcurrency?: number): Promise<CalendarConnection> {
    const calendars = NAMES.map((name, n) => ({ name, isDefault: n === 0, events: busyDay(n ? 3 : 1_100, name) }));
    emulator = createMicrosoftEmulator({
      ...APP,
      mailboxConcurrency,
      calendar: {
        user: { displayName: 'Pat', mail: 'pat@contoso.example' },
        mailboxSettings: {},
        events: calendars[0]!.events,
        calendars,
      },
    });
    server = await emulator.listen();
    const grant = await signInThroughEmulator(emulator, server.baseUrl, APP, REDIRECT);
    const credentials = await cipher.seal(grant.credentials, { managerId: 'mgr-1', purpose: CREDENTIALS_PURPOSE });
    const first = connection({ accountId: grant.account.accountId, credentials });
    await db.store.save({ managerId: 'mgr-1', connections: [first], revision: 0 }, undefined);
    const listed = await access()
      .open('mgr-1', first)
      .listCalendars({ at: Date.now() + 10_000 });
    const stored = (await db.store.get('mgr-1'))!.connections[0]!;
    stored.calendars = NAMES.map((name, n) => ({
      id: listed.find((c) => c.name === name)!.id,
      name,
      role: n ? 'busy' : 'book',
      canEdit: true,
    }));
    await db.store.save({ managerId: 'mgr-1', connections: [stored], revision: 1 }, undefined);
    return stored;
  }

  let shared: MicrosoftCalendarAccess | undefined;
  /** One access per process, as the webhook builds it at cold start. */
  const access = () =>
    (shared ??= new MicrosoftCalendarAccess({
      microsoft: { ...APP, loginBaseUrl: `${server.baseUrl}/login`, graphBaseUrl: `${server.baseUrl}/graph/v1.0` },
      store: db.store,
      cipher,
    }));
  const throttled = () => emulator.requests.filter((r) => r.status === 429);

  afterEach(async () => {
    shared = undefined;
    await server?.close();
  });

  it('reads 12 calendars twice at once (one paged) with at most 4 requests in flight and no 429', async () => {
    // Prepare
    const stored = await connect();
    emulator.faults.add({ route: 'calendarView', latencyMs: 100, times: Infinity });
    const calendars = [access().open('mgr-1', stored), access().open('mgr-1', stored)];
    const before = emulator.requests.length;
    // Act
    const reads = await Promise.all(
      calendars.flatMap((calendar) =>
        stored.calendars.map((c) => calendar.listEntries(c.id, DAY, { at: Date.now() + 10_000 })),
      ),
    );
    // Assess
    const views = emulator.requests.slice(before).filter((r) => r.route === 'calendarView');
    expect(reads.map((entries) => entries.length)).toEqual([1_100, ...Array(11).fill(3), 1_100, ...Array(11).fill(3)]);
    expect(views).toHaveLength(2 * (3 + 11));
    expect(throttled()).toEqual([]);
    expect(emulator.maxConcurrent()).toBe(4);
  });

  it('answers get_availability over the 12 calendars without a 429', async () => {
    // Prepare
    const stored = await connect();
    emulator.faults.add({ route: 'calendarView', latencyMs: 40, times: Infinity });
    const deps = {
      connections: db.store,
      settings: new MemorySettingsStore(),
      bookings: new MemoryBookingStore(),
      calendars: access(),
      defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0' }),
      clock: () => Date.UTC(2026, 10, 23, 12),
      routing: { defaultManagerId: 'mgr-1', routes: {} },
    };
    // Act
    const outcome = await getAvailability({ date: '2026-11-24' }, { toolCallId: 't', context: {} }, deps, {
      at: Date.now() + 10_000,
    });
    // Assess
    expect(outcome).toHaveProperty('result');
    expect(emulator.requests.filter((r) => r.route === 'calendarView')).toHaveLength(stored.calendars.length + 2);
    expect(throttled()).toEqual([]);
    expect(emulator.maxConcurrent()).toBeLessThanOrEqual(4);
  });

  it("retries Graph's 429 ApplicationThrottled on its Retry-After when the mailbox is busier than the app knows", async () => {
    // Prepare: another process holds two of the mailbox's four slots, so the emulator serves this one only two.
    const stored = await connect(2);
    emulator.faults.add({ route: 'calendarView', latencyMs: 100, times: Infinity });
    const calendar = access().open('mgr-1', stored);
    const few = stored.calendars.slice(1, 5);
    // Act
    const reads = await Promise.all(few.map((c) => calendar.listEntries(c.id, DAY, { at: Date.now() + 10_000 })));
    // Assess
    expect(reads.map((entries) => entries.length)).toEqual([3, 3, 3, 3]);
    expect(throttled().length).toBeGreaterThan(0);
    expect(throttled().every((r) => r.route === 'calendarView')).toBe(true);
  });
});
