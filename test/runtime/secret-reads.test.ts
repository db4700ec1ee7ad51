import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { secretSource } from '../../functions/runtime/secrets';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';
const T0 = new Date('2026-07-15T10:00:00Z');
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('Function: secretSource reads (maxAge, AWSPREVIOUS beside AWSCURRENT, failures)', () => {
  const sm = mockClient(SecretsManagerClient);
  const stages = () => sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.VersionStage);
  const current = () => sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' });
  const previous = () => sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' });

  afterEach(() => {
    sm.reset();
    vi.useRealTimers();
  });
  afterAll(() => sm.restore());

  it('asks again once the maxAgeSeconds it was given has passed', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'before' }).resolves({ SecretString: 'after' });
    const source = secretSource(
      { vapiSecret: { arn: ARN } },
      { client: new SecretsManagerClient({}), maxAgeSeconds: 30 },
    );

    // Act
    const first = await source.get('vapiSecret');
    vi.setSystemTime(T0.getTime() + 31_000);
    const later = await source.get('vapiSecret');

    // Assess
    expect([first, later]).toEqual(['before', 'after']);
  });

  it('accepts only the current value when AWSPREVIOUS holds no string (a binary secret)', async () => {
    // Prepare
    current().resolves({ SecretString: 'current' });
    previous().resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: new SecretsManagerClient({}) });

    // Act
    const versions = await source.versions('vapiSecret');

    // Assess
    expect(versions).toEqual(['current']);
  });

  it('sends the AWSPREVIOUS read out beside AWSCURRENT the moment the previous one expires', async () => {
    // Prepare: the current value is cached from T0, the previous one from T0 + 60 s (both for 120 s).
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let answer: (value: { SecretString: string }) => void = () => undefined;
    current()
      .resolvesOnce({ SecretString: 'v1' })
      .callsFake(() => new Promise((resolve) => (answer = resolve)));
    previous().resolves({ SecretString: 'v0' });
    const source = secretSource(
      { vapiSecret: { arn: ARN } },
      { client: new SecretsManagerClient({}), maxAgeSeconds: 120 },
    );
    await source.get('vapiSecret');
    vi.setSystemTime(T0.getTime() + 60_000);
    await source.versions('vapiSecret');
    vi.setSystemTime(T0.getTime() + 180_000);

    // Act
    const versions = source.versions('vapiSecret');
    await vi.waitFor(() => expect(stages()).toHaveLength(4));
    const sentBeforeTheAnswer = stages().slice(2).sort();
    answer({ SecretString: 'v1' });

    // Assess
    expect(sentBeforeTheAnswer).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
    expect(await versions).toEqual(['v1', 'v0']);
  });

  it('fails when the current value cannot be read, and reads AWSPREVIOUS afresh on the next call', async () => {
    // Prepare
    current().rejectsOnce(throttled()).resolves({ SecretString: 'v2' });
    previous().resolvesOnce({ SecretString: 'v0' }).resolves({ SecretString: 'v1' });
    const source = secretSource({ vapiSecret: { arn: ARN } }, { client: new SecretsManagerClient({}) });

    // Act
    const failed = await source.versions('vapiSecret').catch((error: unknown) => error);
    const next = await source.versions('vapiSecret');

    // Assess
    expect(failed).toMatchObject({ name: 'ThrottlingException' });
    expect(next).toEqual(['v2', 'v1']);
  });
});
