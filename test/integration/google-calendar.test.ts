/**
 * A Google-connected manager end to end over HTTP as VAPI drives it: which Google events block time, bookings written
 * to the calendar (attendee invited), twelve callers racing for one slot, throttling that is not a reconnect, a
 * manager with Microsoft and Google both connected, a revoked grant, and a disconnect that revokes at Google.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import type { EventResource } from '../../local/sandbox/google';
import { CookieBrowser, finishAtCallback, formWith } from './connect-steps';
import { captureOutput } from './log-capture';
import { connect, consentOf, firstResult, googleFixture, startApp, status, toolCall, webhook } from './harness';

const ZONE = 'America/Chicago';
let app: LocalApp;
const google = () => app.googleEmulator!;
const PHONE = { google: 'phone-google', both: 'phone-both', revoked: 'phone-revoked' };

/** The local date `days` calendar days from today in `zone` (YYYY-MM-DD); not days × 24 h, which a DST change skews. */
const localDay = (days: number, zone = ZONE) => DateTime.now().setZone(zone).plus({ days }).toISODate()!;
/** Whether a local date (YYYY-MM-DD) is a Saturday or Sunday: an owner's hours may skip weekends. */
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
const at = (day: string, time: string) => ({ dateTime: `${day}T${time}:00`, timeZone: ZONE });
const event = (day: string, from: string, to: string, extra: Partial<EventResource> = {}): EventResource => ({
  summary: 'Busy',
  start: at(day, from),
  end: at(day, to),
  ...extra,
});

/** Whether a 30-minute hold at `day` `time` (the owner's local time) is granted; released at once. */
async function holds(phoneNumberId: string, day: string, time: string): Promise<boolean> {
  const callId = `probe-${day}-${time}-${Math.random()}`;
  const answer = await webhook(app, toolCall('hold_slot', { start_time: `${day}T${time}` }, { callId, phoneNumberId }));
  await webhook(app, { message: { type: 'status-update', status: 'ended', call: { id: callId } } });
  const { result, error } = firstResult(answer);
  if (error) throw new Error(`hold_slot answered: ${error}`);
  return result.held as boolean;
}

const admin = async (method: string, path: string) => {
  const res = await fetch(`${app.baseUrl}/calendar/admin/managers/${path}`, {
    method,
    headers: { authorization: `Bearer ${app.env.ADMIN_TOKEN}` },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};

beforeAll(async () => {
  app = await startApp(
    {
      VAPI_ROUTES: JSON.stringify({ [PHONE.google]: 'g-cal', [PHONE.both]: 'g-both', [PHONE.revoked]: 'g-revoked' }),
      DEFAULT_WORKING_HOURS: 'mon-sun 08:00-20:00',
      MIN_NOTICE_MINUTES: '0',
    },
    undefined,
    { googleCalendar: googleFixture('chicago') },
  );
  await connect(app, 'g-cal', 'google');
});
afterAll(async () => app?.stop());

describe('Google: busy time', () => {
  it('blocks busy, out-of-office, all-day and other-calendar events; not free, cancelled, declined ones', async () => {
    // Prepare
    const [day, next] = [localDay(3), localDay(4)];
    const owner = 'jordan@rivera-homes.example';
    google().addEvent('primary', event(day, '09:00', '10:00'));
    google().addEvent('primary', event(day, '10:00', '11:00', { transparency: 'transparent' }));
    google().addEvent('primary', event(day, '11:00', '12:00', { status: 'cancelled' }));
    google().addEvent('primary', event(day, '12:00', '13:00', { eventType: 'outOfOffice' }));
    google().addEvent('primary', event(day, '13:00', '14:00', { eventType: 'workingLocation' }));
    google().addEvent(
      'primary',
      event(day, '14:00', '15:00', {
        attendees: [
          { email: owner, responseStatus: 'declined' },
          { email: 'host@elsewhere.example', responseStatus: 'accepted' },
        ],
      }),
    );
    google().addEvent('showings@rivera-homes.example', event(day, '15:00', '16:00'));
    google().addEvent('en.usa#holiday@group.v.calendar.google.com', event(day, '16:00', '17:00'));
    google().addEvent('primary', { summary: 'Away', start: { date: next }, end: { date: localDay(5) } });

    // Act
    const times = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00'];
    const free = Object.fromEntries(
      await Promise.all(times.map(async (t) => [t, await holds(PHONE.google, day, t)] as const)),
    );
    const nextDay = await Promise.all(['08:00', '12:00', '19:30'].map((t) => holds(PHONE.google, next, t)));

    // Assess
    expect(free).toEqual({
      '09:00': false,
      '10:00': true,
      '11:00': true,
      '12:00': false,
      '13:00': true,
      '14:00': true,
      '15:00': false,
      '16:00': true,
      '17:00': true,
    });
    expect(nextDay).toEqual([false, false, false]);
  });

  it("offers times in the calendar's zone, within the deployment's hours (Google has none of its own)", async () => {
    // Act
    const day = localDay(6);
    const answer = firstResult(
      await webhook(app, toolCall('get_availability', { date: day }, { phoneNumberId: PHONE.google })),
    );

    // Assess
    const slots = answer.result.slots as Array<{ start: string }>;
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.start).toMatch(new RegExp(`^${day}T(0[89]|1\\d):[03]0:00-0[56]:00$`));
    }
  });
});

describe('Google: booking', () => {
  it('books into the primary calendar with the caller invited (sendUpdates=all); the dump shows it', async () => {
    // Prepare
    const day = localDay(7);

    // Act
    const answer = firstResult(
      await webhook(
        app,
        toolCall(
          'set_appointment',
          {
            start_time: `${day}T10:00`,
            attendee_name: 'Casey Caller',
            attendee_email: 'casey@caller.example',
            property_address: '12 Elm St, Springfield',
          },
          { phoneNumberId: PHONE.google },
        ),
      ),
    );

    // Assess
    expect(answer.result).toMatchObject({ booked: true });
    const primary = google()
      .dump()
      .calendars.find((c) => c.id === 'primary')!;
    const booked = primary.events.filter((e) => e.location === '12 Elm St, Springfield');
    expect(booked).toHaveLength(1);
    expect(booked[0]!.attendees).toEqual([expect.objectContaining({ email: 'casey@caller.example' })]);
    expect(new Date(booked[0]!.start!.dateTime!).getTime()).toBe(Date.parse(answer.result.appointment.start));
    expect(booked[0]!.description).toContain('Casey Caller');
    expect(google().notices).toContainEqual(
      expect.objectContaining({ kind: 'invitation', to: ['casey@caller.example'] }),
    );
  });

  it('adopts the event of an insert whose answer was lost: the retry gets a 409, one event, booked', async () => {
    // Prepare
    const day = localDay(11);
    google().faults.add({ route: 'insertEvent', dropAnswer: true });
    const from = google().requests.length;

    // Act
    const answer = firstResult(
      await webhook(
        app,
        toolCall(
          'set_appointment',
          { start_time: `${day}T09:30`, attendee_name: 'Lost Answer', property_address: '4 Lost Ln' },
          { phoneNumberId: PHONE.google },
        ),
      ),
    );

    // Assess
    expect(answer.result).toMatchObject({ booked: true });
    const calls = google()
      .requests.slice(from)
      .map((r) => `${r.route} ${r.status}`);
    expect(calls.filter((c) => c.startsWith('insertEvent'))).toEqual(['insertEvent 200', 'insertEvent 409']);
    expect(
      google()
        .requests.slice(from)
        .find((r) => r.route === 'insertEvent'),
    ).toMatchObject({ dropped: true });
    expect(calls).toContain('getEvent 200');
    const primary = google()
      .dump()
      .calendars.find((c) => c.id === 'primary')!;
    expect(primary.events.filter((e) => e.location === '4 Lost Ln')).toHaveLength(1);
  });

  it('gives exactly one event when twelve callers book the same slot at once', async () => {
    // Prepare
    const day = localDay(8);
    const book = (i: number) =>
      webhook(
        app,
        toolCall(
          'set_appointment',
          { start_time: `${day}T15:00`, attendee_name: `Racer ${i}`, property_address: '9 Race Rd' },
          { phoneNumberId: PHONE.google, callId: `race-${i}`, customer: `+1555010${String(i).padStart(4, '0')}` },
        ),
      );

    // Act
    const answers = (await Promise.all(Array.from({ length: 12 }, (_, i) => book(i)))).map(firstResult);

    // Assess
    expect(answers.filter((a) => a.result?.booked === true)).toHaveLength(1);
    expect(answers.filter((a) => a.result?.booked === false).map((a) => a.result.reason)).toEqual(
      Array(11).fill('taken'),
    );
    const primary = google()
      .dump()
      .calendars.find((c) => c.id === 'primary')!;
    expect(primary.events.filter((e) => e.location === '9 Race Rd' && e.status !== 'cancelled')).toHaveLength(1);
  });
});

describe('Google: the lifecycle', () => {
  it('finds, moves (same event, attendee updated) and cancels (attendee told) a booking', async () => {
    // Prepare
    const day = localDay(10);
    const opts = { phoneNumberId: PHONE.google, customer: '+15550199999' };
    const booked = firstResult(
      await webhook(
        app,
        toolCall(
          'set_appointment',
          { start_time: `${day}T11:00`, attendee_name: 'Robin', attendee_email: 'robin@caller.example' },
          opts,
        ),
      ),
    ).result;
    const code = booked.appointment.confirmation_code as string;
    const idOf = () =>
      google()
        .dump()
        .calendars.find((c) => c.id === 'primary')!
        .events.find((e) => e.attendees?.some((a) => a.email === 'robin@caller.example'));

    // Act
    const found = firstResult(await webhook(app, toolCall('find_appointment', { confirmation_code: code }, opts)));
    const before = idOf()!;
    const moved = firstResult(
      await webhook(
        app,
        toolCall('reschedule_appointment', { confirmation_code: code, new_start_time: `${day}T16:00` }, opts),
      ),
    );
    const after = idOf()!;
    const cancelled = firstResult(
      await webhook(app, toolCall('cancel_appointment', { confirmation_code: code, reason: 'Found a place' }, opts)),
    );

    // Assess
    expect(found.result.appointments).toHaveLength(1);
    expect(moved.result).toMatchObject({ rescheduled: true });
    expect(after.id).toBe(before.id);
    expect(new Date(after.start!.dateTime!).getTime()).toBe(Date.parse(moved.result.appointment.start));
    expect(cancelled.result).toMatchObject({ cancelled: true });
    const notices = google()
      .notices.filter((n) => n.eventId === before.id)
      .map((n) => n.kind);
    expect(notices).toEqual(['invitation', 'update', 'cancellation']);
    expect(await holds(PHONE.google, day, '16:00')).toBe(true);
  });
});

describe('Google: throttling and failures', () => {
  it('retries a 403 rateLimitExceeded within the call: the caller still gets times, no reconnect', async () => {
    // Prepare
    google().faults.add({ route: 'listEvents', reason: 'rateLimitExceeded', times: 1 });
    google().faults.add({ route: 'listEvents', status: 429, reason: 'rateLimitExceeded', times: 1 });

    // Act
    const answer = firstResult(
      await webhook(app, toolCall('get_availability', { date: localDay(9) }, { phoneNumberId: PHONE.google })),
    );

    // Assess
    expect(answer.error).toBeUndefined();
    expect((answer.result.slots as unknown[]).length).toBeGreaterThan(0);
    expect(await status(app, 'g-cal')).toMatchObject({ connected: true, needsReconnect: false });
  });

  it('says the calendar cannot be reached while Google keeps throttling, and never marks a reconnect', async () => {
    // Prepare
    google().faults.add({ route: 'listEvents', reason: 'userRateLimitExceeded', times: Number.POSITIVE_INFINITY });
    const logs = captureOutput();

    // Act
    const answer = await webhook(app, toolCall('get_availability', {}, { phoneNumberId: PHONE.google })).finally(() => {
      google().faults.clear();
      logs.stop();
    });

    // Assess
    const { error } = firstResult(answer);
    expect(answer.status).toBe(200);
    expect(error).toBe(
      "The calendar isn't responding right now. Would you like the manager to call you back to set up a time?",
    );
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: 'get_availability failed', error: 'ProviderUnavailableError' }),
    );
    expect(await status(app, 'g-cal')).toMatchObject({ connected: true, needsReconnect: false });
  });
});

describe('Google beside Microsoft', () => {
  it('lets one manager connect both; events in either calendar block the time', async () => {
    // Prepare: Microsoft first, then Google through "Connect another account"
    await connect(app, 'g-both', 'microsoft');
    const browser = new CookieBrowser();
    const page = await browser.get(app.inviteLink('g-both'));
    const started = await browser.submit(formWith(page.body, 'Connect another account'), 'Connect another account', {
      provider: 'google',
    });
    const { result } = await finishAtCallback(browser, await consentOf(app, 'google')(started.location));
    // Microsoft's mailbox (connected first) keeps Monday-to-Friday hours. Days 3 to 11 ahead hold the other tests'
    // events (day 4 all day: every Thursday, the first weekday 3 days ahead was that day), so take a weekday none of
    // them touches: day 12 or 13 (both within the 14-day horizon), else day 2 (then day 12 is a Saturday).
    const day = [12, 13, 2].map((d) => localDay(d, 'America/New_York')).find((d) => !isWeekend(d))!;
    app.emulator!.addEvent({
      subject: 'Outlook showing',
      showAs: 'busy',
      start: { dateTime: `${day}T10:00:00`, timeZone: 'Eastern Standard Time' },
      end: { dateTime: `${day}T11:00:00`, timeZone: 'Eastern Standard Time' },
    });
    google().addEvent('primary', {
      summary: 'Google showing',
      start: { dateTime: `${day}T12:00:00`, timeZone: 'America/New_York' },
      end: { dateTime: `${day}T13:00:00`, timeZone: 'America/New_York' },
    });

    // Act
    const free = await Promise.all(['10:00', '12:00', '14:00'].map((t) => holds(PHONE.both, day, t)));

    // Assess
    expect(result.status).toBe(200);
    const view = await admin('GET', 'g-both');
    expect(view.json.connections.map((c: { provider: string }) => c.provider)).toEqual(['microsoft', 'google']);
    expect(free).toEqual([false, false, true]);
  });
});

describe('Google: a revoked grant and a disconnect', () => {
  it('marks a revoked grant for reconnect and tells the caller in words', async () => {
    // Prepare
    await connect(app, 'g-revoked', 'google');
    google().revokeGrants();
    const logs = captureOutput();

    // Act
    const answer = firstResult(
      await webhook(app, toolCall('get_availability', {}, { phoneNumberId: PHONE.revoked })).finally(logs.stop),
    );

    // Assess
    expect(answer.error).toBeDefined();
    expect(await status(app, 'g-revoked')).toMatchObject({ needsReconnect: true });
  });

  it('revokes the grant at Google on disconnect: the app loses the account, for every manager using it', async () => {
    // Prepare: g-cal is connected with the same Google account
    await connect(app, 'g-disconnect', 'google');
    const view = await admin('GET', 'g-disconnect');
    const from = google().requests.length;

    // Act
    const res = await admin('DELETE', `g-disconnect/connections/${view.json.connections[0].connectionId}`);

    // Assess
    expect(res.status).toBe(204);
    expect(google().requests.slice(from)).toContainEqual(expect.objectContaining({ route: 'revoke', status: 200 }));
    expect(await status(app, 'g-disconnect')).toMatchObject({ connected: false });
    // Google ended the app's access to the account: the other manager's connection now asks for a reconnect.
    google().advanceClock(3_600_000);
    const logs = captureOutput();
    const other = firstResult(
      await webhook(app, toolCall('get_availability', {}, { phoneNumberId: PHONE.google })).finally(logs.stop),
    );
    expect(other.error).toBeDefined();
    expect(await status(app, 'g-cal')).toMatchObject({ needsReconnect: true });
  });
});
