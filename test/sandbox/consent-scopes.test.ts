/**
 * Granting less than the app asks: unticked scopes on the page, consent({ withhold }), withholdScopes(); login_hint.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDIRECT_URI, SCOPES, authorizeUrl, graph, pkce, postToken, startEmulator, type Running } from './helpers';

const local = (run: Running, params: Record<string, string>) =>
  authorizeUrl(params).replace('https://login.microsoftonline.com', `${run.baseUrl}/login`);

/** Redeems the code of a redirect; the token response body. */
async function redeem(run: Running, redirect: string, verifier: string): Promise<Record<string, unknown>> {
  const code = new URL(redirect).searchParams.get('code') ?? '';
  const { body } = await postToken(run.baseUrl, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    scope: SCOPES.join(' '),
  });
  return body;
}

describe('consent with fewer scopes', () => {
  let run: Running;

  beforeEach(async () => {
    run = await startEmulator();
  });

  afterEach(async () => {
    await run.close();
  });

  it('lists each scope the user may refuse as a ticked checkbox, and shows the login_hint', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge, login_hint: 'pat@contoso.example' });

    // Act
    const html = await (await fetch(url)).text();

    // Assess
    for (const scope of [...SCOPES, 'offline_access'])
      expect(html).toContain(`<input type="checkbox" name="scope" value="${scope}" form="consent" checked>`);
    expect(html).not.toContain('value="openid"');
    expect(html).toContain('The app asked for <code>pat@contoso.example</code>');
  });

  it('grants only the ticked scopes: the token response says so and Graph refuses the rest', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const url = local(run, { code_challenge: challenge });
    const html = await (await fetch(url)).text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const form = new URLSearchParams({ ticket, offered: '1', action: 'accept' });
    for (const scope of ['MailboxSettings.Read', 'User.Read', 'offline_access']) form.append('scope', scope);

    // Act
    const res = await fetch(url, { method: 'POST', redirect: 'manual', body: form });
    const body = await redeem(run, res.headers.get('location') ?? '', verifier);
    const view = await graph(run, String(body.access_token), '/me/calendars');

    // Assess
    expect(String(body.scope).split(' ')).toEqual([
      'MailboxSettings.Read',
      'User.Read',
      'openid',
      'profile',
      'offline_access',
    ]);
    expect(body.refresh_token).toBeTruthy();
    expect(view.status).toBe(403);
  });

  it('issues no refresh token when offline_access is withheld in consent()', async () => {
    // Prepare
    const { verifier, challenge } = pkce();

    // Act
    const redirect = await run.emulator.consent(authorizeUrl({ code_challenge: challenge }), {
      withhold: ['offline_access'],
    });
    const body = await redeem(run, redirect, verifier);

    // Assess
    expect(body).not.toHaveProperty('refresh_token');
    expect(String(body.scope)).not.toContain('offline_access');
    expect(String(body.scope)).toContain('Calendars.ReadWrite');
  });

  it('withholds for every later consent (any spelling) until reset, and shows those unticked', async () => {
    // Prepare
    run.emulator.withholdScopes(['https://graph.microsoft.com/calendars.readwrite']);
    const first = pkce();
    const second = pkce();

    // Act
    const html = await (await fetch(local(run, { code_challenge: first.challenge }))).text();
    const less = await redeem(
      run,
      await run.emulator.consent(authorizeUrl({ code_challenge: first.challenge })),
      first.verifier,
    );
    run.emulator.withholdScopes([]);
    const all = await redeem(
      run,
      await run.emulator.consent(authorizeUrl({ code_challenge: second.challenge })),
      second.verifier,
    );

    // Assess
    expect(html).toContain('value="Calendars.ReadWrite" form="consent">');
    expect(String(less.scope)).not.toContain('Calendars.ReadWrite');
    expect(String(all.scope)).toContain('Calendars.ReadWrite');
  });
});
