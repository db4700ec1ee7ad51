import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../functions/handlers/shared/http';
import { captureOutput } from '../integration/log-capture';

type Module = typeof import('../../functions/handlers/shared/webhook-auth');

const request = (headers: Record<string, string>) => ({ headers, body: '{}', isBase64Encoded: false }) as HttpEvent;
const deps = { vapiSecrets: async () => ['the-vapi-secret'], vapiAuthMode: 'any', replays: {} } as const;

describe('Function: refuseUnauthenticated (the reason an operator reads)', () => {
  // The reasons are a module-level table: loaded afresh for each test (test/mutation/README.md).
  let auth: Module;
  beforeEach(async () => {
    vi.resetModules();
    auth = await import('../../functions/handlers/shared/webhook-auth');
  });

  it.each([
    ['no credential at all', {}, 'missing credential'],
    ['a signature sent long ago', { 'x-signature': 'ab'.repeat(32), 'x-timestamp': '1000000000' }, 'stale credential'],
    ['a wrong static secret', { 'x-vapi-secret': 'not-it' }, 'wrong credential'],
  ])('refuses %s with a 401 and a WARN line saying so', async (_what, headers, reason) => {
    // Prepare
    const logs = captureOutput();
    // Act
    const refusal = await auth.refuseUnauthenticated(request(headers), deps as never).finally(logs.stop);
    // Assess
    expect(refusal?.statusCode).toBe(401);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: 'webhook request rejected', status: 401, reason }),
    );
  });
});
