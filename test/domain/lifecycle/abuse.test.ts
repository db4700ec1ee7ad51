import { beforeEach, describe, expect, it } from 'vitest';
import { plainCallerText } from '../../../functions/domain/booking/caller-text';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import { book, resultOf, TUE_2PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

describe('Function: plainCallerText', () => {
  it.each([
    ['Jane <b>Doe</b>', 'Jane Doe'],
    ['Click https://evil.example/x?y=1 now', 'Click now'],
    ['see www.evil.example and evil.com/path', 'see and'],
    ['mail me at bob@evil.example please', 'mail me at please'],
    ['[win](http://x.io) **big**', 'win big'],
    ['12 Elm St., Apt. 4', '12 Elm St., Apt. 4'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', 'alert(1)'],
    ['log in at evil.shop/login', 'log in at'],
    ['go to evil.ai or evil.online', 'go to or'],
    ['see 192.168.1.1/login', 'see'],
    ['javascript:alert(1)', undefined],
    ['ｅｖｉｌ．ｃｏｍ/x now', 'now'],
    ['ev\u200Bil.com', undefined],
    ['Flat 2, 12 Elm St. near the park', 'Flat 2, 12 Elm St. near the park'],
    ["Mary-Jane O'Neil", "Mary-Jane O'Neil"],
  ])('%s → %s', (input, plain) => {
    // Act / Assess
    expect(plainCallerText(input)).toBe(plain);
  });

  it('gives undefined when nothing is left', () => {
    // Act / Assess
    expect(plainCallerText('https://evil.example')).toBeUndefined();
  });
});

describe('Abuse limits on set_appointment', () => {
  it('caps bookings per caller number per day across calls (default 3)', async () => {
    // Prepare
    for (const [i, start] of ['2026-11-24T10:00', '2026-11-24T11:00', '2026-11-24T12:00'].entries()) {
      await book(w, start, { callId: `call-${i}` });
    }

    // Act
    const fourth = resultOf(
      await w.tool('set_appointment', { start_time: '2026-11-24T13:00', attendee_name: 'Jane' }, { callId: 'call-9' }),
    );

    // Assess
    expect(fourth).toMatchObject({
      booked: false,
      reason: 'limit',
      message: expect.stringContaining('3 viewings a day'),
    });
    expect(w.calendar.created).toHaveLength(3);
  });

  it('counts nothing for a booking that did not happen', async () => {
    // Prepare: two attempts that pass every check, take a unit, and then fail at the calendar.
    w.calendar.failCreate = new ProviderUnavailableError('Graph is down');
    for (const [i, start] of ['2026-11-24T10:00', '2026-11-24T11:00'].entries()) {
      await w.tool('set_appointment', { start_time: start, attendee_name: 'J' }, { callId: `fail-${i}` });
    }
    w.calendar.failCreate = undefined;

    // Act
    const made = [];
    for (const [i, start] of ['2026-11-24T12:00', '2026-11-24T13:00', '2026-11-24T14:00'].entries()) {
      made.push(await book(w, start, { callId: `call-${i + 1}` }));
    }

    // Assess
    expect(w.calendar.created).toHaveLength(3);
    expect(made).toHaveLength(3);
  });

  it('refuses a callback number that is not a number (no link can ride in it)', async () => {
    // Act
    const outcome = await w.tool('set_appointment', {
      start_time: TUE_2PM,
      attendee_name: 'Jane',
      attendee_phone: 'https://evil.io/pay',
    });

    // Assess
    expect(outcome).toEqual({ error: expect.stringContaining('phone number must be digits') });
    expect(w.calendar.created).toEqual([]);
  });

  it('strips links and markup from caller text before it reaches the event', async () => {
    // Act
    await book(
      w,
      TUE_2PM,
      {},
      {
        attendee_name: 'Jane <a href="https://evil.example">Doe</a>',
        notes: 'Visit https://evil.example/win for a prize',
        property_address: '12 Elm St www.evil.example',
      },
    );

    // Assess
    const [event] = w.calendar.created;
    expect(`${event!.subject} ${event!.bodyText} ${event!.location}`).not.toMatch(/evil|https?:|<a/);
    expect(event!.bodyText).toContain('Caller: Jane Doe');
  });

  it('sends no invitation when the manager turned inviteAttendees off', async () => {
    // Prepare
    await w.settings.merge('mgr', { inviteAttendees: false }, new Date(w.clock.now).toISOString());

    // Act
    const result = resultOf(
      await w.tool('set_appointment', { start_time: TUE_2PM, attendee_name: 'Jane', attendee_email: 'j@example.com' }),
    );

    // Assess
    expect(result.booked).toBe(true);
    expect(result.message).not.toContain('invitation is on its way');
    expect(w.calendar.created[0]!.attendee).toBeUndefined();
  });
});

describe('Online meetings', () => {
  it('asks for one with online: true, returns join_url and says the link is in the invitation', async () => {
    // Act
    const result = resultOf(
      await w.tool('set_appointment', {
        start_time: TUE_2PM,
        attendee_name: 'Jane',
        attendee_email: 'j@example.com',
        online: true,
      }),
    );

    // Assess
    expect(w.calendar.created[0]!.online).toBe(true);
    expect(result.join_url).toMatch(/^https:\/\//);
    expect(result.message).toContain('The video link is in the invitation.');
    expect([...w.bookings.bookings.values()][0]).toMatchObject({ online: true, joinUrl: result.join_url });
  });

  it('follows the setting onlineMeetings, and says plainly when the calendar could not add a link', async () => {
    // Prepare
    await w.settings.merge('mgr', { onlineMeetings: true }, new Date(w.clock.now).toISOString());
    w.calendar.onlineAllowed = false;

    // Act
    const result = resultOf(await w.tool('set_appointment', { start_time: TUE_2PM, attendee_name: 'Jane' }));

    // Assess
    expect(result.booked).toBe(true);
    expect(result.join_url).toBeUndefined();
    expect(result.message).toContain('there is no link');
  });
});
