import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, calendarApi, postToken, type Running, signIn, startEmulator } from './helpers';

describe('revoke', () => {
  let run: Running;
  let tokens: Record<string, string>;
  beforeEach(async () => {
    run = await startEmulator();
    tokens = (await signIn(run)) as Record<string, string>;
  });
  afterEach(async () => {
    await run.close();
  });

  const refresh = () =>
    postToken(run.baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });

  it('revokes a refresh token given in the query, and the access tokens minted from it', async () => {
    // Act
    const res = await fetch(`${run.baseUrl}/revoke?token=${encodeURIComponent(tokens.refresh_token!)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect((await refresh()).body.error_description).toBe('Token has been expired or revoked.');
    expect((await calendarApi(run, tokens.access_token!, '/calendars/primary')).status).toBe(401);
    expect(run.emulator.tokenState(tokens.refresh_token!)).toBe('revoked');
  });

  it('revokes through an access token in the form body (its refresh token goes too)', async () => {
    // Act
    const res = await fetch(`${run.baseUrl}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: tokens.access_token! }),
    });

    // Assess
    expect(res.status).toBe(200);
    expect((await refresh()).status).toBe(400);
  });

  it('answers invalid_token for an unknown or already revoked token', async () => {
    // Prepare
    await fetch(`${run.baseUrl}/revoke?token=${encodeURIComponent(tokens.refresh_token!)}`, { method: 'POST' });

    // Act
    const again = await fetch(`${run.baseUrl}/revoke?token=${encodeURIComponent(tokens.refresh_token!)}`, {
      method: 'POST',
    });
    const unknown = await fetch(`${run.baseUrl}/revoke?token=nope`, { method: 'POST' });

    // Assess
    for (const res of [again, unknown]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_token', error_description: 'Token expired or revoked' });
    }
  });

  it('makes the next offline consent a first grant again (a refresh token without prompt=consent)', async () => {
    // Prepare
    await fetch(`${run.baseUrl}/revoke?token=${encodeURIComponent(tokens.refresh_token!)}`, { method: 'POST' });

    // Act
    const next = await signIn(run, { prompt: 'select_account' });

    // Assess
    expect(next.refresh_token).toBeDefined();
    expect(run.emulator.tokenState(String(next.refresh_token))).toBe('live');
  });
});
