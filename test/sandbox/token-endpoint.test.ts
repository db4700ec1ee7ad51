import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDIRECT_URI, SCOPES, authorizeUrl, pkce, postToken, signIn, startEmulator, type Running } from './helpers';

function claimsOf(idToken: unknown): Record<string, unknown> {
  const [header, payload, signature] = String(idToken).split('.');
  expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'none', typ: 'JWT' });
  expect(signature).toBe('');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('token endpoint', () => {
  let run: Running;

  beforeEach(async () => {
    run = await startEmulator();
  });

  afterEach(async () => {
    await run.close();
  });

  async function codeFor(challenge: string, extra: Record<string, string> = {}): Promise<string> {
    const redirect = new URL(await run.emulator.consent(authorizeUrl({ code_challenge: challenge, ...extra })));
    return redirect.searchParams.get('code') ?? '';
  }

  it('answers an authorization_code grant in the shape msal expects', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, { nonce: 'n-123' });

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    });

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(SCOPES));
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    const claims = claimsOf(body.id_token);
    expect(claims).toMatchObject({
      nonce: 'n-123',
      preferred_username: 'demo.manager@contoso.example',
      name: 'Demo Manager',
      ver: '2.0',
    });
    expect(claims.iss).toBe(`https://login.microsoftonline.com/${String(claims.tid)}/v2.0`);
    const clientInfo = JSON.parse(Buffer.from(String(body.client_info), 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(clientInfo).toEqual({ uid: claims.oid, utid: claims.tid });
  });

  it('leaves nonce out of the id_token when /authorize had none', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);

    // Act
    const { body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    });

    // Assess
    expect(claimsOf(body.id_token)).not.toHaveProperty('nonce');
  });

  it('rejects a code_verifier that does not match the challenge', async () => {
    // Prepare
    const { challenge } = pkce();
    const code = await codeFor(challenge);

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce().verifier,
      redirect_uri: REDIRECT_URI,
    });

    // Assess
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id', 'test');
  });

  it('accepts a code only once', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI };
    await postToken(run.baseUrl, form);

    // Act
    const { status, body } = await postToken(run.baseUrl, form);

    // Assess
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('rejects a redirect_uri different from the one authorized', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'http://localhost:3000/other',
    });

    // Assess
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('rejects a wrong client secret with invalid_client', async () => {
    // Prepare
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_secret: 'nope',
    });

    // Assess
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('rotates refresh tokens and keeps the old ones valid', async () => {
    // Prepare
    const first = await signIn(run);
    const rt1 = String(first.refresh_token);

    // Act
    const second = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: rt1,
      scope: `${SCOPES.join(' ')} openid offline_access`,
    });
    const again = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: rt1,
      scope: `${SCOPES.join(' ')} offline_access`,
    });

    // Assess
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(rt1);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).not.toBe(second.body.refresh_token);
  });

  it('answers invalid_grant with suberror bad_token once grants are revoked', async () => {
    // Prepare
    const tokens = await signIn(run);
    run.emulator.revokeGrants();

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
      scope: SCOPES.join(' '),
    });

    // Assess
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token', error_codes: [50173] });
  });

  it('asks for consent when a refresh requests scopes never granted', async () => {
    // Prepare
    const tokens = await signIn(run);

    // Act
    const { status, body } = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
      scope: 'Mail.Send offline_access',
    });

    // Assess
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required' });
  });

  it('expires refresh tokens after 90 days', async () => {
    // Prepare
    const tokens = await signIn(run);
    run.emulator.advanceClock(91 * 24 * 3600_000);

    // Act
    const { body } = await postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
      scope: SCOPES.join(' '),
    });

    // Assess
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token', error_codes: [700082] });
  });
});
