/** A manager connects a calendar in a real browser: invite link → sandbox Microsoft sign-in → Accept → "Calendar connected". */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { startApp, status } from '../integration/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// CI installs Debian's chromium (.ci/run), so there the test must run; a developer machine without it skips.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  'Browser: connect a calendar through the sandbox pages',
  () => {
    let app: LocalApp;
    let browser: Browser;

    beforeAll(async () => {
      app = await startApp();
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

    it('lands on "Calendar connected" after clicking Accept, and the manager shows as connected', async () => {
      // Prepare
      const page = await browser.newPage();

      // Act
      await page.goto(app.inviteLink('browser-manager'));
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(/\/calendar\/auth\/callback/);

      // Assess
      await expect(page.locator('h1').textContent()).resolves.toBe('Calendar connected');
      expect(await page.content()).toContain('pat@contoso.example');
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/connected.png` });
      expect(await status(app, 'browser-manager')).toMatchObject({ connected: true, account: 'pat@contoso.example' });
    });

    it('shows the "not connected" page when the manager clicks Cancel instead', async () => {
      // Prepare
      const page = await browser.newPage();

      // Act
      await page.goto(app.inviteLink('browser-cancel'));
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/consent.png` });
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL(/\/calendar\/auth\/callback/);

      // Assess
      await expect(page.locator('h1').textContent()).resolves.toBe('Calendar not connected');
      expect(await status(app, 'browser-cancel')).toMatchObject({ connected: false });
    });
  },
);
