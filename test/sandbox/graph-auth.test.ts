import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graph, signIn, startEmulator, type Running } from './helpers';

interface Envelope {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe('Graph bearer checks', () => {
  let run: Running;

  beforeEach(async () => {
    run = await startEmulator();
  });

  afterEach(async () => {
    await run.close();
  });

  it('answers 401 InvalidAuthenticationToken with a WWW-Authenticate challenge for an unknown token', async () => {
    // Act
    const res = await graph(run, 'not-a-token', '/me');
    const body = (await res.json()) as Envelope;

    // Assess
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer realm=""');
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  });

  it('answers 401 when the Authorization header is missing', async () => {
    // Act
    const res = await fetch(`${run.baseUrl}/graph/v1.0/me`);

    // Assess
    expect(res.status).toBe(401);
  });

  it('expires access tokens after an hour of emulator time', async () => {
    // Prepare
    const token = String((await signIn(run)).access_token);
    const before = (await graph(run, token, '/me')).status;
    run.emulator.advanceClock(3600_000);

    // Act
    const res = await graph(run, token, '/me');

    // Assess
    expect(before).toBe(200);
    expect(res.status).toBe(401);
    expect(((await res.json()) as Envelope).error.message).toContain('expired');
  });

  it('invalidates access tokens when grants are revoked', async () => {
    // Prepare
    const token = String((await signIn(run)).access_token);
    run.emulator.revokeGrants();

    // Act
    const res = await graph(run, token, '/me/calendar');

    // Assess
    expect(res.status).toBe(401);
  });

  it('answers 403 ErrorAccessDenied when the token lacks the permission', async () => {
    // Prepare: consent to User.Read only.
    const token = String((await signIn(run, { scope: 'User.Read openid offline_access' })).access_token);

    // Act
    const me = await graph(run, token, '/me');
    const settings = await graph(run, token, '/me/mailboxSettings');

    // Assess
    expect(me.status).toBe(200);
    expect(settings.status).toBe(403);
    expect(((await settings.json()) as Envelope).error.code).toBe('ErrorAccessDenied');
  });

  it('echoes client-request-id and sends a request-id', async () => {
    // Prepare
    const token = String((await signIn(run)).access_token);

    // Act
    const res = await graph(run, token, '/me', { headers: { 'client-request-id': 'abc-123' } });

    // Assess
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
