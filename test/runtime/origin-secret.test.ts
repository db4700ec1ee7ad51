import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { originSecretValues } from '../../functions/runtime/origin-secret';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:VoiceCalendarBooking/origin-verify-AbCdEf';
const failure = (name: string) => Object.assign(new Error(`${name} happened`), { name });

describe('Function: originSecretValues (stages and failures)', () => {
  const sm = mockClient(SecretsManagerClient);
  const current = () => sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' });
  const previous = () => sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' });
  const values = (now?: () => number) => originSecretValues(ARN, new SecretsManagerClient({}), now);

  afterEach(() => sm.reset());
  afterAll(() => sm.restore());

  it('accepts only the current value when AWSPREVIOUS holds no string', async () => {
    // Prepare
    current().resolves({ SecretString: 'current' });
    previous().resolves({ SecretBinary: new Uint8Array([1]) });

    // Act + Assess
    expect(await values()()).toEqual(['current']);
  });

  it.each(['AccessDeniedException', 'ResourceNotFoundException'])(
    'fails with the SDK error when the current version cannot be read (%s)',
    async (name) => {
      // Prepare
      current().rejects(failure(name));
      previous().resolves({ SecretString: 'previous' });

      // Act + Assess
      await expect(values()()).rejects.toMatchObject({ name });
    },
  );

  it('fails when AWSPREVIOUS cannot be read for any reason but a missing stage', async () => {
    // Prepare
    current().resolves({ SecretString: 'current' });
    previous().rejects(failure('ThrottlingException'));

    // Act + Assess
    await expect(values()()).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('reads both stages again exactly five minutes after the last read', async () => {
    // Prepare
    let now = 1_000_000;
    current().resolvesOnce({ SecretString: 'one' }).resolves({ SecretString: 'two' });
    previous().rejects(failure('ResourceNotFoundException'));
    const read = values(() => now);
    await read();
    const reads = (stage: string) =>
      sm.commandCalls(GetSecretValueCommand).filter((c) => c.args[0].input.VersionStage === stage).length;

    // Act + Assess: a millisecond short of five minutes, the first read still answers; at five minutes, a new one.
    now += 299_999;
    expect(await read()).toEqual(['one']);
    expect([reads('AWSCURRENT'), reads('AWSPREVIOUS')]).toEqual([1, 1]);
    now += 1;
    expect(await read()).toEqual(['two']);
    expect([reads('AWSCURRENT'), reads('AWSPREVIOUS')]).toEqual([2, 2]);
  });
});
