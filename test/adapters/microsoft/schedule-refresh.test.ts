/**
 * The owner's hours stay current: Outlook settings older than MAILBOX_REFRESH_HOURS are re-read beside the calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMicrosoftEmulator, type MicrosoftEmulator } from '../../../local/sandbox/microsoft';
import type { SandboxMailboxSettings } from '../../../local/sandbox/microsoft/calendar-schema';
import { MicrosoftCalendarAccess } from '../../../functions/adapters/microsoft/calendar-access';
import { CREDENTIALS_PURPOSE as TOKEN_CACHE_PURPOSE } from '../../../functions/contract/credentials';
import { getAvailability, type ToolDeps } from '../../../functions/domain/scheduling/availability-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';
import { createCipher } from '../../../functions/adapters/crypto/create-cipher';
import { connection } from './helpers';
import { signInThroughEmulator } from './emulator-sign-in';

const APP = { clientId: 'client-refresh', tenantId: 'common', clientSecret: 'refresh-secret' };
const REDIRECT = 'https://api.example/auth/callback';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T12:00:00Z'); // Monday 04:00 Pacific
const hours = (startTime: string, endTime: string): SandboxMailboxSettings => ({
  timeZone: 'Pacific Standard Time',
  workingHours: {
    daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const,
    startTime,
    endTime,
    timeZone: { name: 'Pacific Standard Time' },
  },
});

describe('Function: getAvailability (owner schedule refresh)', () => {
  let emulator: MicrosoftEmulator;
  let server: { baseUrl: string; close(): Promise<void> };
  const connections = new MemoryConnectionStore();
  const cipher = createCipher({ kind: 'local', key: Buffer.alloc(32, 7).toString('base64') }, 'local');
  let now = T0;
  let deps: ToolDeps;
  const firstOffer = async () => {
    const outcome = await getAvailability({ date: '2026-11-24' }, { toolCallId: 't', context: {} }, deps, {
      at: Date.now() + 10_000,
    });
    if (!('result' in outcome)) throw new Error(outcome.error);
    return (outcome.result.slots as Array<{ start: string }>)[0]!.start;
  };
  const mailboxReads = () => emulator.requests.filter((r) => r.route === 'mailboxSettings').length;

  beforeAll(async () => {
    emulator = createMicrosoftEmulator({
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      calendar: {
        user: { displayName: 'Pat', mail: 'pat@contoso.example' },
        mailboxSettings: hours('09:00:00', '17:00:00'),
        events: [],
      },
    });
    server = await emulator.listen();
    const grant = await signInThroughEmulator(emulator, server.baseUrl, APP, REDIRECT);
    const stored = connection({
      accountId: grant.account.accountId,
      schedule: {
        timeZone: 'America/Los_Angeles',
        working: {
          timeZone: 'America/Los_Angeles',
          week: Object.fromEntries(
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [
              d,
              [{ start: '09:00', end: '17:00' }],
            ]),
          ),
        },
      },
      scheduleCheckedAt: new Date(T0).toISOString(),
      credentials: await cipher.seal(grant.credentials, { managerId: 'mgr-1', purpose: TOKEN_CACHE_PURPOSE }),
    });
    await connections.save({ managerId: 'mgr-1', connections: [stored], revision: 0 }, undefined);
    const access = new MicrosoftCalendarAccess({
      microsoft: { ...APP, loginBaseUrl: `${server.baseUrl}/login`, graphBaseUrl: `${server.baseUrl}/graph/v1.0` },
      store: connections,
      cipher,
    });
    deps = {
      connections,
      settings: new MemorySettingsStore(),
      bookings: new MemoryBookingStore(),
      calendars: access,
      defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0' }),
      clock: () => now,
      routing: { defaultManagerId: 'mgr-1', routes: {} },
      scheduleRefreshMs: 12 * HOUR,
    };
  });
  afterAll(async () => server?.close());

  it("offers the stored hours, then the owner's new hours once the refresh interval has passed", async () => {
    // Prepare
    emulator.updateMailboxSettings(hours('11:00:00', '15:00:00'));
    // Act
    now = T0 + HOUR;
    const before = await firstOffer();
    const readsBefore = mailboxReads();
    now = T0 + 13 * HOUR;
    // Each read is held 300 ms, so reads made side by side are in flight together (and one after the other are not).
    const alone = emulator.maxConcurrent();
    emulator.faults.add({ route: 'calendarView', latencyMs: 300 });
    emulator.faults.add({ route: 'mailboxSettings', latencyMs: 300 });
    const after = await firstOffer();
    now = T0 + 14 * HOUR;
    const later = await firstOffer();
    // Assess
    expect(before).toBe('2026-11-24T09:00:00-08:00');
    expect(readsBefore).toBe(0);
    expect(after).toBe('2026-11-24T11:00:00-08:00');
    expect(later).toBe('2026-11-24T11:00:00-08:00');
    expect(mailboxReads()).toBe(1);
    // Read beside the calendar view, not after it: no extra sequential round trip.
    expect(alone).toBe(1);
    expect(emulator.maxConcurrent()).toBe(2);
    expect((await connections.get('mgr-1'))?.connections[0]?.schedule?.working?.week.monday).toEqual([
      { start: '11:00', end: '15:00' },
    ]);
  });

  it('keeps the last known hours when the re-read fails', async () => {
    // Prepare
    emulator.updateMailboxSettings(hours('13:00:00', '15:00:00'));
    emulator.faults.add({ route: 'mailboxSettings', status: 500, times: Infinity });
    now = T0 + 26 * HOUR; // 13 h after the last read: Tuesday 06:00 Pacific
    // Act
    const offered = await firstOffer();
    emulator.faults.clear();
    // Assess
    expect(offered).toBe('2026-11-24T11:00:00-08:00');
  });
});
