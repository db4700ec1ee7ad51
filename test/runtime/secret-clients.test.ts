import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { originSecretValues } from '../../functions/runtime/origin-secret';
import { secretSource } from '../../functions/runtime/secrets';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';

/** What the caller sees within `ms`: the read's failure, or that it is still waiting (the timer cleared after). */
const within = (read: Promise<unknown>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    read.then(
      () => 'answered',
      (error: unknown) => (error as Error).name,
    ),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve('still waiting'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

describe('The default Secrets Manager clients (a Secrets Manager that never answers)', () => {
  // Accepts every request and never answers it.
  let requests = 0;
  const server: Server = createServer(() => {
    requests += 1;
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  beforeEach(() => {
    requests = 0;
    vi.stubEnv('AWS_REGION', 'us-west-2');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-key-example');
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    server.closeAllConnections();
    server.close();
  });

  it('secretSource gives up after two attempts of two seconds each, instead of hanging the cold start', async () => {
    // Act
    const outcome = await within(secretSource({ vapiSecret: { arn: ARN } }).get('vapiSecret'), 8_000);

    // Assess
    expect(outcome).toBe('TimeoutError');
    expect(requests).toBe(2);
  });

  it('originSecretValues gives up after two attempts of two seconds, instead of hanging the authorizer', async () => {
    // Act
    const outcome = await within(originSecretValues(ARN)(), 8_000);

    // Assess
    expect(outcome).toBe('TimeoutError');
    expect(requests).toBe(4);
  });

  it('secretSource reads through the client it is given, not a default one', async () => {
    // Prepare: only this one client answers.
    const given = new SecretsManagerClient({});
    mockClient(given).on(GetSecretValueCommand).resolves({ SecretString: 'from-the-given-client' });

    // Act
    const read = secretSource({ vapiSecret: { arn: ARN } }, { client: given }).get('vapiSecret');
    const outcome = await within(read, 8_000);

    // Assess
    expect(outcome).toBe('answered');
    expect(await read).toBe('from-the-given-client');
    expect(requests).toBe(0);
  });
});
