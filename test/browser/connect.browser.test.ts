/**
 * A manager in a real browser: invite link → "Connect your calendar" → "Microsoft 365" → the sandbox's sign-in
 * → Accept → "Calendar connected"; then, on their own page, a second calendar set to "Ignored" stops blocking
 * times. The sign-in is served from another origin (127.0.0.1, the pages from localhost), as Microsoft's is in
 * production, so Chromium enforces the pages' form-action on the 303 that follows each connect form. Google the same
 * way: "Google Calendar" → the Google sandbox's consent → "Allow", and the result page's link to the hours form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import type { SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { firstResult, googleFixture, startApp, status, toolCall, webhook } from '../integration/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A mailbox open 08:00–20:00 every day, its "Showings" calendar busy all day, every day (a daily series). */
const twoCalendars = (): SandboxCalendarFile =>
  JSON.parse(readFileSync(new URL('../events/connect/two-calendars.json', import.meta.url), 'utf8'));

// CI installs Debian's chromium (.ci/run), so there the test must run; a developer machine without it skips.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  'Browser: connect calendars through the sandbox pages',
  () => {
    let app: LocalApp;
    let browser: Browser;
    const shot = async (page: import('playwright-core').Page, name: string) => {
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png` });
    };
    /** Waits for the sandbox's sign-in on its own origin (a form-action that forbids it leaves Chromium elsewhere). */
    const atSignIn = (page: import('playwright-core').Page) =>
      page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/_sandbox\/login\//, { timeout: 5_000 });
    const atGoogle = (page: import('playwright-core').Page) =>
      page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/_sandbox\/google\/o\/oauth2\/v2\/auth/, { timeout: 5_000 });
    const slots = async () =>
      firstResult(await webhook(app, toolCall('get_availability', {}))).result.slots as unknown[];

    beforeAll(async () => {
      app = await startApp({ VAPI_ROUTES: JSON.stringify({ 'phone-google': 'browser-google' }) }, twoCalendars(), {
        sandboxLoginHost: '127.0.0.1',
        googleCalendar: googleFixture('chicago'),
      });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('connects, then on "Your calendars" sets the second calendar to Ignored: its events stop blocking', async () => {
      // Prepare
      const page = await browser.newPage();

      // Act: connect
      await page.goto(app.inviteLink());
      await expect(page.title()).resolves.toBe('Connect your calendar');
      await shot(page, 'invite');
      await page.getByRole('button', { name: 'Microsoft 365' }).click();
      await atSignIn(page);
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(/\/calendar\/auth\/result$/);

      // Assess: connected, "Showings" counts as busy and blocks every slot
      await expect(page.locator('h1').textContent()).resolves.toBe('Calendar connected');
      await expect(page.getByRole('row', { name: /Showings/ }).textContent()).resolves.toContain('Counts as busy');
      await shot(page, 'connected');
      expect(await status(app)).toMatchObject({ connected: true, account: 'pat@contoso.example' });
      const before = await slots();

      // Act: the manager's own page
      await page.goto(app.inviteLink());
      await expect(page.locator('h1').textContent()).resolves.toBe('Your calendars');
      await page.getByLabel('Role of Showings').selectOption('ignore');
      await page
        .getByRole('row', { name: /Showings/ })
        .getByRole('button', { name: 'Save' })
        .click();
      await page.waitForURL(/done=saved$/);

      // Assess: saved, shown, and the times come back
      await expect(page.getByText('Your change was saved.').count()).resolves.toBe(1);
      await expect(page.getByLabel('Role of Showings').inputValue()).resolves.toBe('ignore');
      await expect(page.getByLabel('Role of Calendar').inputValue()).resolves.toBe('book');
      await shot(page, 'manager-page');
      expect(before).toEqual([]);
      expect((await slots()).length).toBeGreaterThan(0);

      // Act & Assess: the page's "Connect another account" reaches the sign-in on its own origin too
      await page.getByRole('button', { name: 'Connect another account' }).click();
      await atSignIn(page);
    });

    it('connects Google ("Google Calendar", then "Allow"), then sets bookable hours from the result page', async () => {
      // Prepare
      const page = await browser.newPage();

      // Act: connect
      await page.goto(app.inviteLink('browser-google'));
      await page.getByRole('button', { name: 'Google Calendar' }).click();
      await atGoogle(page);
      await shot(page, 'google-consent');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(/\/calendar\/auth\/result$/);

      // Assess: connected, and told where the hours come from
      await expect(page.locator('h1').textContent()).resolves.toBe('Calendar connected');
      await expect(page.getByText('Google Calendar does not share your working hours').count()).resolves.toBe(1);
      await shot(page, 'google-connected');
      expect(await status(app, 'browser-google')).toMatchObject({ connected: true, provider: 'google' });

      // Act: the link leads to the hours form on the manager's page
      await page.getByRole('link', { name: 'Set your bookable hours' }).click();
      await page.waitForURL(/#hours$/);
      await page.getByLabel('Hours').fill('mon-sun 13:00-14:00');
      await page.getByRole('button', { name: 'Save hours' }).click();
      await page.waitForURL(/done=saved$/);

      // Assess: saved, and only those hours are offered
      await expect(page.getByLabel('Hours').inputValue()).resolves.toBe('mon-sun 13:00-14:00');
      const answer = firstResult(
        await webhook(app, toolCall('get_availability', {}, { phoneNumberId: 'phone-google' })),
      ).result;
      const starts = (answer.slots as Array<{ start: string }>).map((s) => s.start.slice(11, 16));
      expect(starts.length).toBeGreaterThan(0);
      for (const start of starts) expect(['13:00', '13:30']).toContain(start);
    });

    it('shows the "not connected" result page when the manager clicks Cancel instead', async () => {
      // Prepare
      const page = await browser.newPage();

      // Act
      await page.goto(app.inviteLink('browser-cancel'));
      await page.getByRole('button', { name: 'Microsoft 365' }).click();
      await atSignIn(page);
      await shot(page, 'consent');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL(/\/calendar\/auth\/result$/);

      // Assess
      await expect(page.locator('h1').textContent()).resolves.toBe('Calendar not connected');
      expect(await status(app, 'browser-cancel')).toMatchObject({ connected: false });
    });
  },
);
