import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInviteToken } from '../../functions/domain/connect/invite';
import { problemPage } from '../../functions/handlers/shared/pages';
import { captureOutput } from '../integration/log-capture';
import { coldStart, failureLines, GENERIC_5XX, httpEvent, refusingEndpoint, STACK_TRACE } from './invoke';

const INVITE_SIGNING_KEY = randomBytes(32).toString('base64url');
const CLIENT_SECRET = `client-secret-${randomBytes(12).toString('hex')}`;

/** A working configuration for authStart; DynamoDB is wherever `endpoint` says. */
const startEnv = (endpoint: string): Record<string, string> => ({
  OAUTH_STATE_TABLE: 'oauth-state',
  DYNAMODB_ENDPOINT: endpoint,
  MICROSOFT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  MICROSOFT_CLIENT_SECRET: CLIENT_SECRET,
  PUBLIC_BASE_URL: 'https://abc123.execute-api.us-west-2.amazonaws.com',
  INVITE_SIGNING_KEY,
});

/** GET /calendar/auth/start with a fresh, valid invite for `managerId`. */
const startEvent = (managerId = 'pat') =>
  httpEvent('auth-start-get', { query: { invite: createInviteToken(managerId, INVITE_SIGNING_KEY, Date.now(), 72) } });

describe('Handler: authStart', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('answers 500 with the generic problem page when DynamoDB refuses the state write, and logs why', async () => {
    // Prepare
    const logs = captureOutput();
    const { authStart } = await coldStart(['authStart'], startEnv(await refusingEndpoint()));
    const event = startEvent();

    // Act
    const res = await authStart(event).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    expect(res.headers).not.toHaveProperty('location');
    expect(res.cookies ?? []).toEqual([]);
    expect(res.body).toBe(problemPage(GENERIC_5XX));
    const lines = failureLines(logs.entries());
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', status: 500, reason: expect.stringMatching(/ECONNREFUSED/) }),
    ]);
    expect(res.body).not.toContain(lines[0]!.reason);
    expect(res.body).not.toMatch(STACK_TRACE);
    for (const secret of [INVITE_SIGNING_KEY, CLIENT_SECRET, event.queryStringParameters!.invite!]) {
      expect(res.body).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });

  it('answers 500 with the generic problem page when the invite key is not configured, and logs which', async () => {
    // Prepare
    const logs = captureOutput();
    const { INVITE_SIGNING_KEY: _unset, ...env } = startEnv(await refusingEndpoint());
    const { authStart } = await coldStart(['authStart'], env);

    // Act
    const res = await authStart(startEvent()).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe(problemPage(GENERIC_5XX));
    expect(res.body).not.toContain('INVITE_SIGNING_KEY');
    const reason = expect.stringMatching(/^INVITE_SIGNING_KEY\b.*not set/);
    const line = expect.objectContaining({ status: 500, error: 'ConfigError', reason });
    expect(failureLines(logs.entries())).toEqual([line]);
  });

  it('answers 400 naming the problem, and logs no failure, when the invite is missing', async () => {
    // Prepare
    const logs = captureOutput();
    const { authStart } = await coldStart(['authStart'], startEnv(await refusingEndpoint()));

    // Act
    const res = await authStart(httpEvent('auth-start-get', { query: {} })).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe(problemPage('This page needs the connect link you were sent. Ask for a new invite link.'));
    expect(failureLines(logs.entries())).toEqual([]);
  });
});
