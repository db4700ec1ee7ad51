/**
 * Connecting Google Calendar end to end over HTTP, as a manager's browser does: the invite page's "Google Calendar"
 * button, the Google sandbox's consent, the callback and the result page; and every way a connect can go wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteToken, inviteUrl } from '../../functions/domain/connect/invite';
import type { LocalApp } from '../../local/app';
import { CookieBrowser, finishAtCallback, formWith, formsOf, startAtProvider } from './connect-steps';
import { beginConnect, connect, consentOf, googleFixture, startApp, status } from './harness';

const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
let app: LocalApp;
const google = () => app.googleEmulator!;
const tokenCalls = () => google().requests.filter((r) => r.route === 'token').length;
const allow = (url: string, opts?: { deny?: boolean; withhold?: string[] }) => consentOf(app, 'google')(url, opts);

beforeAll(async () => {
  app = await startApp({}, undefined, { googleCalendar: googleFixture('chicago') });
});
afterAll(async () => app?.stop());

describe('Google: connecting', () => {
  it('offers "Google Calendar" beside "Microsoft 365", and a link pinned to Google offers only it', async () => {
    // Prepare
    const key = app.env.INVITE_SIGNING_KEY!;
    const pinned = inviteUrl(app.baseUrl, createInviteToken('g-pinned', key, Date.now(), 1, { provider: 'google' }));

    // Act
    const open = await new CookieBrowser().get(app.inviteLink('g-open'));
    const only = await new CookieBrowser().get(pinned);

    // Assess
    const buttons = (html: string) => formsOf(html).flatMap((f) => f.buttons.map((b) => b.text));
    expect(buttons(open.body)).toEqual(['Microsoft 365', 'Google Calendar']);
    expect(only.status).toBe(200);
    expect(buttons(only.body)).toEqual(['Google Calendar']);
  });

  it('refuses another provider posted from a link pinned to Google (400, nothing started)', async () => {
    // Prepare
    const key = app.env.INVITE_SIGNING_KEY!;
    const pinned = inviteUrl(app.baseUrl, createInviteToken('g-pin-post', key, Date.now(), 1, { provider: 'google' }));
    const browser = new CookieBrowser();
    const page = await browser.get(pinned);

    // Act
    const res = await browser.submit(formWith(page.body, 'Google Calendar'), undefined, { provider: 'microsoft' });

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toContain('Choose one of the calendar providers on the page.');
  });

  it('posts on to Google with PKCE S256, offline access, consent, granted scopes kept, and a nonce', async () => {
    // Act
    const { authorizeUrl } = await beginConnect(app, 'g-params', 'google');

    // Assess
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.baseUrl}/_sandbox/google/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      code_challenge_method: 'S256',
      redirect_uri: `${app.baseUrl}/calendar/auth/callback`,
    });
    expect(url.searchParams.get('scope')!.split(' ')).toEqual([
      'openid',
      'email',
      EVENTS_SCOPE,
      'https://www.googleapis.com/auth/calendar.readonly',
    ]);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
  });

  it('connects: "Calendar connected", where hours come from with a link to set them; status says google', async () => {
    // Act
    const { page, browser } = await connect(app, 'g-pat', 'google');

    // Assess
    expect(page).toContain('<title>Calendar connected</title>');
    expect(page).toContain('Your calendar jordan@rivera-homes.example is now connected.');
    expect(page).toContain('Google Calendar does not share your working hours');
    const link = /<a href="([^"]+)">Set your bookable hours<\/a>/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/calendar/auth/start\\?invite=[^#]+#hours$`));
    const manager = await new CookieBrowser().get(link!.replace(/#hours$/, ''));
    expect(manager.body).toContain('<h2 id="hours">Bookable hours</h2>');
    expect(manager.body).toContain('access to the account for anyone else who connected it here.');
    // The invite kept for that link is gone once the result page has shown it.
    expect(browser.jar.has('cal_page')).toBe(false);
    expect(await status(app, 'g-pat')).toMatchObject({
      connected: true,
      provider: 'google',
      account: 'jordan@rivera-homes.example',
      timeZone: 'America/Chicago',
    });
  });

  it("names a Google connection on a page pinned to Microsoft, and offers only Microsoft's button", async () => {
    // Prepare
    await connect(app, 'g-pin-page', 'google');
    const key = app.env.INVITE_SIGNING_KEY!;
    const link = inviteUrl(app.baseUrl, createInviteToken('g-pin-page', key, Date.now(), 1, { provider: 'microsoft' }));

    // Act
    const page = await new CookieBrowser().get(link);

    // Assess
    expect(page.body).toContain('<h2>jordan@rivera-homes.example · Google Calendar</h2>');
    const add = formWith(page.body, 'Connect another account');
    expect(add.fields.provider).toBe('microsoft');
  });

  it('gives the primary calendar "book", an owned one "busy", and one the account only reads "ignore"', async () => {
    // Prepare
    await connect(app, 'g-roles', 'google');

    // Act
    const res = await fetch(`${app.baseUrl}/calendar/admin/managers/g-roles`, {
      headers: { authorization: `Bearer ${app.env.ADMIN_TOKEN}` },
    });

    // Assess
    const view = (await res.json()) as { connections: { provider: string; calendars: unknown[] }[] };
    expect(view.connections[0]!.provider).toBe('google');
    expect(view.connections[0]!.calendars).toEqual([
      { id: 'jordan@rivera-homes.example', name: 'Jordan Rivera', role: 'book' },
      { id: 'showings@rivera-homes.example', name: 'Showings', role: 'busy' },
      {
        id: 'en.usa#holiday@group.v.calendar.google.com',
        name: 'Holidays in United States',
        role: 'ignore',
        shared: true,
      },
    ]);
  });

  it('rejects a replayed callback without a second token exchange', async () => {
    // Prepare
    const { callbackUrl, browser } = await connect(app, 'g-replay', 'google');
    const calls = tokenCalls();

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(result.status).toBe(410);
    expect(result.body).toContain('expired or was already used');
    expect(tokenCalls()).toBe(calls);
  });

  it('rejects a tampered state, and stores nothing', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'g-tamper', 'google');
    const callbackUrl = new URL(await allow(authorizeUrl));
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')!.slice(0, -2)}xx`);

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl.toString());

    // Assess
    expect(result.status).toBe(410);
    expect((await status(app, 'g-tamper')).connected).toBe(false);
  });

  it('says "not connected" when the manager clicks Cancel at Google (error=access_denied)', async () => {
    // Prepare
    const { authorizeUrl, browser } = await beginConnect(app, 'g-cancel', 'google');
    const denied = await allow(authorizeUrl, { deny: true });

    // Act
    const { result } = await finishAtCallback(browser, denied);

    // Assess
    expect(browser.jar.has('cal_page')).toBe(false);
    expect(new URL(denied).searchParams.get('error')).toBe('access_denied');
    expect(result.status).toBe(400);
    expect(result.body).toContain('cancelled or refused');
    expect((await status(app, 'g-cancel')).connected).toBe(false);
  });

  it('asks to allow calendar access and try again when the calendar scope was unticked; stores nothing', async () => {
    // Prepare: no earlier grant left (include_granted_scopes would add its scopes back), then the box unticked
    google().revokeGrants();
    const { authorizeUrl, browser } = await beginConnect(app, 'g-no-scope', 'google');
    const callbackUrl = await allow(authorizeUrl, { withhold: [EVENTS_SCOPE] });

    // Act
    const { result } = await finishAtCallback(browser, callbackUrl);

    // Assess
    expect(new URL(callbackUrl).searchParams.get('scope')).not.toContain(EVENTS_SCOPE);
    expect(result.status).toBe(400);
    expect(result.body).toContain('Please allow calendar access and try again.');
    expect((await status(app, 'g-no-scope')).connected).toBe(false);
  });

  it('sends the expected account as login_hint and refuses another account', async () => {
    // Prepare
    const key = app.env.INVITE_SIGNING_KEY!;
    const link = inviteUrl(app.baseUrl, createInviteToken('g-email', key, Date.now(), 1, { email: 'lee@x.example' }));
    const browser = new CookieBrowser();
    const { authorizeUrl } = await startAtProvider(browser, link, 'Google Calendar');

    // Act
    const { result } = await finishAtCallback(browser, await allow(authorizeUrl));

    // Assess
    expect(new URL(authorizeUrl).searchParams.get('login_hint')).toBe('lee@x.example');
    expect(result.status).toBe(400);
    expect(result.body).toContain('This link is for lee@x.example, but the sign-in was for another account.');
    expect((await status(app, 'g-email')).connected).toBe(false);
  });
});
