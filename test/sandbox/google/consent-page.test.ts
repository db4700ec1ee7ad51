import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthorizeError } from '../../../local/sandbox/google';
import {
  authorizeUrl,
  codeFor,
  codeForm,
  EVENTS_SCOPE,
  FREEBUSY_SCOPE,
  pkce,
  postToken,
  REDIRECT_URI,
  type Running,
  signIn,
  startEmulator,
} from './helpers';

/** The authorize URL moved onto the emulator's root. */
const local = (run: Running, params: Record<string, string>) =>
  authorizeUrl(params).replace('https://accounts.google.com', run.baseUrl);

/** The form fields a browser would submit: hidden inputs and ticked checkboxes (minus `untick`), plus the button. */
function formOf(html: string, button: 'allow' | 'cancel', untick: string[] = []): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="(hidden|checkbox)" name="([^"]+)" value="([^"]*)"( checked)?>/g)) {
    const [, type, name, raw, checked] = m;
    const value = raw!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
    if (type === 'hidden' || (checked && !untick.includes(value))) form.append(name!, value);
  }
  form.append('consent_action', button);
  return form;
}

describe('consent page', () => {
  let run: Running;
  beforeEach(async () => {
    run = await startEmulator();
  });
  afterEach(async () => {
    await run.close();
  });

  it('shows the account, the login hint, one ticked checkbox per calendar scope and Allow / Cancel', async () => {
    // Act
    const res = await fetch(local(run, { code_challenge: pkce().challenge, login_hint: 'pm@example.com' }));
    const html = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('demo.manager@example.com');
    expect(html).toContain('pm@example.com');
    expect(html).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
    expect(
      [...html.matchAll(/type="checkbox" name="consent_scope" value="([^"]+)" checked/g)].map((m) => m[1]),
    ).toEqual([EVENTS_SCOPE, FREEBUSY_SCOPE]);
    expect(html).not.toContain('<script');
  });

  it('escapes what it reflects', async () => {
    // Act
    const html = await (
      await fetch(local(run, { code_challenge: pkce().challenge, state: '"><script>x</script>' }))
    ).text();

    // Assess
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });

  it('grants only the ticked scopes: the redirect and the token say so', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const html = await (await fetch(local(run, { code_challenge: challenge }))).text();

    // Act
    const post = await fetch(`${run.baseUrl}/o/oauth2/v2/auth`, {
      method: 'POST',
      body: formOf(html, 'allow', [FREEBUSY_SCOPE]),
      redirect: 'manual',
    });
    const location = new URL(post.headers.get('location') ?? '');
    const token = await postToken(run.baseUrl, codeForm(location.searchParams.get('code') ?? '', verifier));

    // Assess
    expect(post.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('authuser')).toBe('0');
    expect(location.searchParams.get('prompt')).toBe('consent');
    const granted = `openid https://www.googleapis.com/auth/userinfo.email ${EVENTS_SCOPE}`;
    expect(location.searchParams.get('scope')).toBe(granted);
    expect(token.body.scope).toBe(granted);
  });

  it('redirects Cancel with access_denied and the state', async () => {
    // Prepare
    const html = await (await fetch(local(run, { code_challenge: pkce().challenge }))).text();

    // Act
    const post = await fetch(`${run.baseUrl}/o/oauth2/v2/auth`, {
      method: 'POST',
      body: formOf(html, 'cancel'),
      redirect: 'manual',
    });

    // Assess
    expect(post.headers.get('location')).toBe(`${REDIRECT_URI}?error=access_denied&state=st-1`);
  });

  it.each([
    ['an unknown client', { client_id: 'other' }, 401, 'invalid_client'],
    ['no redirect_uri', { redirect_uri: '' }, 400, 'invalid_request'],
    ['a relative redirect_uri', { redirect_uri: '/callback' }, 400, 'invalid_request'],
    ['response_type token', { response_type: 'token' }, 400, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 400, 'invalid_request'],
    ['no openid', { scope: EVENTS_SCOPE }, 400, 'invalid_request'],
    ['an unknown scope', { scope: 'openid calendar' }, 400, 'invalid_scope'],
  ])('shows an error page, never a redirect, for %s', async (_name, params, status, code) => {
    // Act
    const res = await fetch(local(run, { code_challenge: pkce().challenge, ...params }), { redirect: 'manual' });

    // Assess
    expect(res.status).toBe(status);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(`Error ${status}: ${code}`);
  });

  it('refuses an unlisted redirect_uri with redirect_uri_mismatch when redirectUris is configured', async () => {
    // Prepare
    const strict = await startEmulator({ redirectUris: ['https://app.example.com/cb'] });

    // Act
    const res = await fetch(local(strict, { code_challenge: pkce().challenge }));
    await strict.close();

    // Assess
    expect(await res.text()).toContain('Error 400: redirect_uri_mismatch');
  });

  it('consent() withholds scopes, refuses a bad request, and keeps sign-in scopes', async () => {
    // Act
    const { redirect } = await codeFor(run, {}, [EVENTS_SCOPE, 'email']);
    const bad = run.emulator.consent(authorizeUrl({ code_challenge: pkce().challenge, client_id: 'x' }));

    // Assess
    expect(redirect.searchParams.get('scope')).toBe(
      `openid https://www.googleapis.com/auth/userinfo.email ${FREEBUSY_SCOPE}`,
    );
    await expect(bad).rejects.toBeInstanceOf(AuthorizeError);
    expect(run.emulator.requests.filter((r) => r.route === 'authorize').map((r) => r.status)).toEqual([200, 302]);
  });

  it('answers prompt=none with a code once consented, consent_required before', async () => {
    // Prepare
    const none = () => fetch(local(run, { code_challenge: pkce().challenge, prompt: 'none' }), { redirect: 'manual' });
    const before = new URL((await none()).headers.get('location') ?? '');
    await signIn(run);

    // Act
    const after = new URL((await none()).headers.get('location') ?? '');

    // Assess
    expect(before.searchParams.get('error')).toBe('consent_required');
    expect(after.searchParams.get('code')).toBeTruthy();
    expect(after.searchParams.get('prompt')).toBe('none');
  });
});
