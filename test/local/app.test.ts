import { createServer } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startDynamoLocal } from '../../local/dynamo-local';
import { startLocalApp } from '../../local/app';

const hang = vi.hoisted(() => ({ calls: 0 }));

// No JVM and no real handlers: only the start/stop wiring of local/app.ts is under test.
vi.mock('../../local/dynamo-local', () => ({
  startDynamoLocal: vi.fn(),
  dynamoClientFor: vi.fn(),
  createTables: vi.fn(async () => ({ connections: 't-connections', oauthState: 't-state', bookings: 't-bookings' })),
}));
vi.mock('../../local/routes', () => ({
  loadRoutes: async () => [
    {
      method: 'GET',
      path: '/hang',
      functionName: 'hang',
      timeoutMs: 60_000,
      handler: () => {
        hang.calls += 1;
        return new Promise(() => undefined);
      },
    },
  ],
}));

// startLocalApp publishes the handlers' configuration into process.env; put it back for whatever runs next.
const savedEnv = { ...process.env };
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Whether something can listen on `port` (i.e. the app let it go). */
async function canListen(port: number): Promise<boolean> {
  const probe = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (ok) await new Promise((resolve) => probe.close(resolve));
  return ok;
}

describe('Function: startLocalApp', () => {
  it('closes the listening server before rethrowing when DynamoDB Local fails to start', async () => {
    // Prepare
    const port = await freePort();
    vi.mocked(startDynamoLocal).mockRejectedValueOnce(new Error('java not found'));

    // Act
    const starting = startLocalApp({ port, host: '127.0.0.1' });

    // Assess
    await expect(starting).rejects.toThrow('java not found');
    expect(await canListen(port)).toBe(true);
  });

  it('stops at once and stops DynamoDB Local, even with a request still in flight', async () => {
    // Prepare
    const dynamoStop = vi.fn(async () => undefined);
    vi.mocked(startDynamoLocal).mockResolvedValueOnce({ endpoint: 'http://127.0.0.1:1', stop: dynamoStop });
    const app = await startLocalApp({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${app.baseUrl}/hang`).then(
      () => 'answered',
      () => 'cut off',
    );
    await vi.waitFor(() => expect(hang.calls).toBe(1));
    const started = Date.now();

    // Act
    await app.stop();

    // Assess
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await inFlight).toBe('cut off');
    expect(dynamoStop).toHaveBeenCalledOnce();
  });

  it("mounts the sandboxes' control routes, rolling fault rates with the given dice", async () => {
    // Prepare
    vi.mocked(startDynamoLocal).mockResolvedValueOnce({ endpoint: 'http://127.0.0.1:1', stop: async () => undefined });
    const dice = vi.fn(() => 0.99);
    // The earlier tests published the sandbox's client id into process.env: unset, so the sandbox runs again.
    const env = { MICROSOFT_CLIENT_ID: undefined, MICROSOFT_CLIENT_SECRET: undefined };
    const app = await startLocalApp({ port: 0, host: '127.0.0.1', env, sandboxRandom: dice });
    const rule = { provider: 'microsoft', operations: ['token'], status: 503, rate: 0.5 };

    try {
      // Act
      const added = await fetch(`${app.baseUrl}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(rule) });
      const token = await fetch(`${app.baseUrl}/_sandbox/login/common/oauth2/v2.0/token`, { method: 'POST' });
      const stats = (await (await fetch(`${app.baseUrl}/_sandbox/stats`)).json()) as any;

      // Assess
      expect(added.status).toBe(201);
      expect(token.status).toBe(400);
      expect(dice).toHaveBeenCalledOnce();
      expect(stats.providers.microsoft.token).toBe(1);
      expect(stats.faulted.microsoft.token).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
