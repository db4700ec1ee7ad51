/**
 * The VAPI webhook's transport: auth (secret, bearer, HMAC), body size, JSON, other message types, the legacy format.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { toolCall, useConnectedApp, webhook } from './harness';
import { expectNoSecretsIn } from './log-capture';

let app: LocalApp;
// From before boot: the requests below carry the VAPI secret in headers, exactly what must never be logged.
const { app: booted, logs } = useConnectedApp();

beforeAll(async () => {
  app = booted();
});

describe('Webhook: transport and auth', () => {
  it.each([
    ['no secret', {}],
    ['a wrong X-Vapi-Secret', { 'x-vapi-secret': 'wrong' }],
    ['a wrong bearer', { authorization: 'Bearer wrong' }],
  ])('answers %s with 401 and does no work, even for a body that is not JSON', async (_case, headers) => {
    // Prepare
    const before = app.emulator!.requests.length;

    // Act
    const res = await webhook(app, '{not json', headers);

    // Assess
    expect(res.status).toBe(401);
    expect(app.emulator!.requests.length).toBe(before);
  });

  it('accepts Authorization: Bearer <secret> as well as X-Vapi-Secret', async () => {
    // Act
    const res = await webhook(app, toolCall('get_availability', {}), {
      authorization: `Bearer ${app.env.VAPI_SECRET}`,
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.results[0].result).toBeTypeOf('string');
  });

  it('accepts an HMAC-signed request (x-signature over "<x-timestamp>.<body>") and refuses a stale one', async () => {
    // Prepare
    const body = JSON.stringify(toolCall('get_availability', {}));
    const sign = (ts: string) => createHmac('sha256', app.env.VAPI_SECRET!).update(`${ts}.${body}`).digest('hex');
    const fresh = String(Math.floor(Date.now() / 1000));
    const stale = String(Math.floor(Date.now() / 1000) - 301);

    // Act
    const ok = await webhook(app, body, { 'x-timestamp': fresh, 'x-signature': sign(fresh) });
    const old = await webhook(app, body, { 'x-timestamp': stale, 'x-signature': sign(stale) });

    // Assess
    expect(ok.status).toBe(200);
    expect(old.status).toBe(401);
  });

  it('answers a body over 256 KB with 413, invalid JSON with 400 and other message types with 200 {}', async () => {
    // Act
    const big = await webhook(app, JSON.stringify({ message: { type: 'status-update', pad: 'x'.repeat(300 * 1024) } }));
    const broken = await webhook(app, '{"message":');
    const other = await webhook(app, { message: { type: 'end-of-call-report', call: { id: 'c' } } });

    // Assess
    expect([big.status, broken.status, other.status]).toEqual([413, 400, 200]);
    expect(other.json).toEqual({});
  });

  it("accepts a long call's end-of-call-report past 256 KB (its holds must go), and nothing past 4 MB", async () => {
    // Prepare
    const transcript = 'caller: hello. '.repeat(40_000);
    const report = { message: { type: 'end-of-call-report', call: { id: 'c-long' }, artifact: { transcript } } };

    // Act
    const long = await webhook(app, JSON.stringify(report));
    const huge = await webhook(app, JSON.stringify({ message: { ...report.message, pad: 'x'.repeat(4_300_000) } }));

    // Assess
    expect(JSON.stringify(report).length).toBeGreaterThan(256 * 1024);
    expect([long.status, huge.status]).toEqual([200, 413]);
    expect(long.json).toEqual({});
  });

  it('answers the legacy function-call message with {"result": ...}', async () => {
    // Act
    const res = await webhook(app, {
      message: {
        type: 'function-call',
        call: { id: 'legacy-1' },
        functionCall: { name: 'get_availability', parameters: '{"time_of_day":"morning"}' },
      },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(JSON.parse(res.json.result).slots.length).toBeGreaterThan(0);
  });
});

describe('Webhook: transport logs', () => {
  it('never wrote a secret, token, code or state to the logs (connect + the requests above)', () => {
    // Assess
    expectNoSecretsIn(logs.text(), app);
  });
});
