import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { secretSource } from '../../functions/runtime/secrets';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';
const T0 = new Date('2026-07-15T10:00:00Z');

describe('Function: secretSource versions (overlapping AWSPREVIOUS reads)', () => {
  const sm = mockClient(SecretsManagerClient);
  const reads = (stage: string) =>
    sm.commandCalls(GetSecretValueCommand).filter((c) => c.args[0].input.VersionStage === stage).length;
  const previousReads = () => reads('AWSPREVIOUS');

  afterEach(() => {
    sm.reset();
    vi.useRealTimers();
  });
  afterAll(() => sm.restore());

  it('keeps the newer AWSPREVIOUS answer when an older read fails after it', async () => {
    // Prepare: the first AWSPREVIOUS read hangs, and fails only once a rotation's pair has been read.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let fail: (error: Error) => void = () => undefined;
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
      .resolvesOnce({ SecretString: 'v1' })
      .resolves({ SecretString: 'v2' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .callsFakeOnce(() => new Promise((_resolve, reject) => (fail = reject)))
      .resolves({ SecretString: 'v1' });
    const source = secretSource(
      { vapiSecret: { arn: ARN } },
      { client: new SecretsManagerClient({}), maxAgeSeconds: 120 },
    );
    const older = source.versions('vapiSecret').catch((error: unknown) => error);
    await vi.waitFor(() => expect([previousReads(), reads('AWSCURRENT')]).toEqual([1, 1]));
    // The current value comes back within this turn (no timer on its way): the hanging read is then tied to v1.
    await new Promise(setImmediate);
    vi.setSystemTime(T0.getTime() + 121_000);
    const rotated = await source.versions('vapiSecret');
    fail(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const olderOutcome = await older;
    vi.setSystemTime(T0.getTime() + 122_000);

    // Act
    const later = await source.versions('vapiSecret');

    // Assess
    expect([rotated, later]).toEqual([
      ['v2', 'v1'],
      ['v2', 'v1'],
    ]);
    expect(olderOutcome).toMatchObject({ name: 'ThrottlingException' });
    expect(previousReads()).toBe(2);
  });
});
