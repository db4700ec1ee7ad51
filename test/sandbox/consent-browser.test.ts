import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, pkce, postToken, startEmulator, type Running } from './helpers';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('consent page in a real browser', () => {
  let run: Running;
  let browser: Browser;
  let app: Server;
  let appOrigin = '';
  const callbacks: URL[] = [];

  beforeAll(async () => {
    // The app's callback lives on another origin, so the page's CSP form-action must allow the redirect.
    app = createServer((req, res) => {
      const url = new URL(req.url ?? '/', appOrigin);
      if (url.pathname === '/auth/callback') callbacks.push(url); // not /favicon.ico
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>connected</h1>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    run = await startEmulator();
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
    await run?.close();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
  });

  it('lands on redirect_uri with a code after clicking Accept', async () => {
    // Prepare
    const page = await browser.newPage();
    const url = authorizeUrl({
      code_challenge: pkce().challenge,
      state: 'browser-state',
      redirect_uri: `${appOrigin}/auth/callback`,
    }).replace('https://login.microsoftonline.com', `${run.baseUrl}/login`);
    await page.goto(url);

    // Act
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.waitForURL(`${appOrigin}/auth/callback**`, { timeout: 10_000 });

    // Assess
    expect(await page.textContent('h1')).toBe('connected');
    const callback = callbacks.at(-1);
    expect(callback?.searchParams.get('state')).toBe('browser-state');
    expect(callback?.searchParams.get('code')).toBeTruthy();
  });

  it('lands on redirect_uri with access_denied after clicking Cancel', async () => {
    // Prepare
    const page = await browser.newPage();
    const url = authorizeUrl({
      code_challenge: pkce().challenge,
      state: 'denied',
      redirect_uri: `${appOrigin}/auth/callback`,
    }).replace('https://login.microsoftonline.com', `${run.baseUrl}/login`);
    await page.goto(url);

    // Act
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.waitForURL(`${appOrigin}/auth/callback**`, { timeout: 10_000 });

    // Assess
    expect(callbacks.at(-1)?.searchParams.get('error')).toBe('access_denied');
  });

  it('grants only what stays ticked: unticking Calendars.ReadWrite leaves it out of the token', async () => {
    // Prepare
    const page = await browser.newPage();
    const { verifier, challenge } = pkce();
    const redirectUri = `${appOrigin}/auth/callback`;
    const url = authorizeUrl({ code_challenge: challenge, state: 'fewer', redirect_uri: redirectUri }).replace(
      'https://login.microsoftonline.com',
      `${run.baseUrl}/login`,
    );
    await page.goto(url);

    // Act
    await page.getByLabel('Calendars.ReadWrite').uncheck();
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.waitForURL(`${appOrigin}/auth/callback**`, { timeout: 10_000 });
    const { body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code: callbacks.at(-1)?.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: redirectUri,
      scope: 'User.Read',
    });

    // Assess
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['MailboxSettings.Read', 'User.Read']));
    expect(String(body.scope)).not.toContain('Calendars.ReadWrite');
  });
});
