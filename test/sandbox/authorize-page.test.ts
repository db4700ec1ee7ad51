import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDIRECT_URI, authorizeUrl, pkce, startEmulator, type Running } from './helpers';

/** The emulator URL for an authorize request (what the app's rewrite produces). */
function local(run: Running, params: Record<string, string>): string {
  return authorizeUrl(params).replace('https://login.microsoftonline.com', `${run.baseUrl}/login`);
}

function ticketOf(html: string): string {
  return /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

async function submit(url: string, ticket: string, action: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket, action }),
  });
}

describe('authorize endpoint', () => {
  let run: Running;

  beforeEach(async () => {
    run = await startEmulator();
  });

  afterEach(async () => {
    await run.close();
  });

  it('shows a consent page naming the user, the app and the scopes, with Accept and Cancel', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge, state: 'st' });

    // Act
    const res = await fetch(url);
    const html = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' http://localhost:3000");
    expect(html).toContain('Sandbox Microsoft sign-in');
    expect(html).toContain('demo.manager@contoso.example');
    expect(html).toContain('Calendars.ReadWrite');
    expect(html).toMatch(/<button[^>]*>Accept<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('redirects Accept to redirect_uri with code, state, client_info and session_state', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge, state: 'st-1' });
    const ticket = ticketOf(await (await fetch(url)).text());

    // Act
    const res = await submit(url, ticket, 'accept');

    // Assess
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('client_info')).toBeTruthy();
    expect(location.searchParams.get('session_state')).toBeTruthy();
  });

  it('redirects Cancel with error=access_denied and the state', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge, state: 'st-2' });
    const ticket = ticketOf(await (await fetch(url)).text());

    // Act
    const location = new URL((await submit(url, ticket, 'cancel')).headers.get('location') ?? '');

    // Assess
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toContain('AADSTS65004');
    expect(location.searchParams.get('state')).toBe('st-2');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('refuses a consent ticket posted twice', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge });
    const ticket = ticketOf(await (await fetch(url)).text());
    await submit(url, ticket, 'accept');

    // Act
    const res = await submit(url, ticket, 'accept');

    // Assess
    expect(res.status).toBe(400);
  });

  it.each([
    ['no code_challenge', { code_challenge: '' }, 'code_challenge'],
    ['plain PKCE', { code_challenge: 'x', code_challenge_method: 'plain' }, 'S256'],
    ['wrong client', { code_challenge: 'x', client_id: 'someone-else' }, 'AADSTS700016'],
    ['token response type', { code_challenge: 'x', response_type: 'token' }, 'response_type'],
    ['no redirect_uri', { code_challenge: 'x', redirect_uri: '' }, 'redirect'],
  ])('rejects %s with a 400 page', async (_name, params, expected) => {
    // Prepare
    const query = new URL(local(run, params));
    for (const [k, v] of Object.entries(params)) if (v === '') query.searchParams.delete(k);

    // Act
    const res = await fetch(query);

    // Assess
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(expected);
  });

  it('escapes what it reflects into the page', async () => {
    // Prepare
    const url = local(run, { code_challenge: 'x', client_id: '<script>alert(1)</script>' });

    // Act
    const html = await (await fetch(url)).text();

    // Assess
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('relays the response through a self-posting form for response_mode=form_post', async () => {
    // Prepare
    const url = local(run, { code_challenge: pkce().challenge, response_mode: 'form_post', state: 'st-3' });
    const ticket = ticketOf(await (await fetch(url)).text());

    // Act
    const res = await submit(url, ticket, 'accept');
    const html = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(html).toContain(`action="${REDIRECT_URI}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="st-3"');
  });

  it('lets consent() deny, returning the error redirect', async () => {
    // Prepare
    const url = authorizeUrl({ code_challenge: pkce().challenge, state: 'st-4' });

    // Act
    const location = new URL(await run.emulator.consent(url, { deny: true }));

    // Assess
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-4');
  });
});
