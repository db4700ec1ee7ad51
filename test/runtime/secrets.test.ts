import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { secretSource } from '../../functions/runtime/secrets';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';
const ADMIN_ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/admin-token-GhIjKl';

/** A client of our own (the composition roots pass none; see the default-client test). */
const client = () => new SecretsManagerClient({ region: 'us-west-2' });

describe('Function: secretSource', () => {
  const sm = mockClient(SecretsManagerClient);
  const fetched = () => sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId);

  afterEach(() => {
    sm.reset();
    vi.useRealTimers();
  });
  afterAll(() => sm.restore());

  it('reuses a value within maxAge (one call) and asks again once maxAge has passed (a rotation lands)', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-15T10:00:00Z') });
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'before' }).resolves({ SecretString: 'after' });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client(), maxAgeSeconds: 120 });

    // Act
    const first = await source.get('vapiSecret');
    vi.setSystemTime(new Date('2026-01-15T10:01:59Z'));
    const withinMaxAge = await source.get('vapiSecret');
    const callsWithin = fetched().length;
    vi.setSystemTime(new Date('2026-01-15T10:02:01Z'));
    const afterMaxAge = await source.get('vapiSecret');

    // Assess
    expect([first, withinMaxAge, afterMaxAge]).toEqual(['before', 'before', 'after']);
    expect(callsWithin).toBe(1);
    expect(fetched()).toEqual([ARN, ARN]);
  });

  it("names the SDK error (not Powertools' wrapper) when Secrets Manager refuses, so logs say why", async () => {
    // Prepare
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client() });

    // Act
    const error = await source.get('vapiSecret').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'AccessDeniedException', message: 'not allowed' });
  });

  it('resolves an ARN ref to the SecretString value, trimmed, asking Secrets Manager for that ARN', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({
      ARN,
      Name: 'VoiceCalendarBooking/vapi-webhook-secret',
      SecretString: '  s3cr3t-value\n',
    });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client() });

    // Act
    const value = await source.get('vapiSecret');

    // Assess
    expect(value).toBe('s3cr3t-value');
    expect(value).not.toBe(ARN);
    expect(fetched()).toEqual([ARN]);
  });

  it('builds its own client when none is given (the deployed path) and still returns the value', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ ARN, SecretString: 'from-the-default-client' });
    const source = secretSource({ vapiSecret: { arn: ARN } });

    // Act
    const value = await source.get('vapiSecret');

    // Assess
    expect(value).toBe('from-the-default-client');
    expect(fetched()).toEqual([ARN]);
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['absent (a binary secret)', undefined],
  ])('fails with "has no value yet" when the secret string is %s', async (_, SecretString) => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ ARN, SecretString });
    const source = secretSource({ adminToken: { arn: ARN } }, { client: client() });

    // Act
    const value = source.get('adminToken');

    // Assess
    await expect(value).rejects.toThrow(
      'Secret adminToken has no value yet (set it with aws secretsmanager put-secret-value)',
    );
  });

  it('fetches each secret once per container, even for concurrent first calls', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'webhook' });
    sm.on(GetSecretValueCommand, { SecretId: ADMIN_ARN }).resolves({ SecretString: 'admin' });
    const source = secretSource({ vapiSecret: { arn: ARN }, adminToken: { arn: ADMIN_ARN } }, { client: client() });

    // Act
    const first = await Promise.all([source.get('vapiSecret'), source.get('vapiSecret'), source.get('adminToken')]);
    const later = await Promise.all([source.get('vapiSecret'), source.get('adminToken')]);

    // Assess
    expect(first).toEqual(['webhook', 'webhook', 'admin']);
    expect(later).toEqual(['webhook', 'admin']);
    expect(fetched().sort()).toEqual([ADMIN_ARN, ARN].sort());
  });

  it('does not cache a failed fetch: the next call asks again and can succeed', async () => {
    // Prepare
    sm.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: 'second-time-lucky' });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client() });

    // Act
    const failed = source.get('vapiSecret');
    await expect(failed).rejects.toThrow('Rate exceeded');
    const retried = await source.get('vapiSecret');
    const cached = await source.get('vapiSecret');

    // Assess
    expect([retried, cached]).toEqual(['second-time-lucky', 'second-time-lucky']);
    expect(fetched()).toEqual([ARN, ARN]);
  });

  it('does not cache a secret that has no value yet: once it is set, the next call gets it', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: ' ' }).resolves({ SecretString: 'set-now' });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client() });

    // Act
    await expect(source.get('vapiSecret')).rejects.toThrow(/has no value yet/);
    const value = await source.get('vapiSecret');

    // Assess
    expect(value).toBe('set-now');
  });

  it('returns an inline ref as given and never calls AWS', async () => {
    // Prepare
    const source = secretSource({ vapiSecret: { value: 'local-secret' }, adminToken: { value: 'local-admin' } });

    // Act
    const values = await Promise.all([source.get('vapiSecret'), source.get('adminToken'), source.get('vapiSecret')]);

    // Assess
    expect(values).toEqual(['local-secret', 'local-admin', 'local-secret']);
    expect(sm.calls()).toHaveLength(0);
  });

  it('refuses a secret this function was not configured with, without calling AWS', async () => {
    // Prepare
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: client() });

    // Act
    const value = source.get('microsoftClientSecret');

    // Assess
    await expect(value).rejects.toThrow('Secret microsoftClientSecret is not configured for this function');
    expect(sm.calls()).toHaveLength(0);
  });
});
