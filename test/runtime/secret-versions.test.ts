import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { secretSource } from '../../functions/runtime/secrets';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';
const T0 = new Date('2026-07-15T10:00:00Z');

/** Secrets Manager's answer when no version carries the stage asked for. */
const noSuchStage = () =>
  new ResourceNotFoundException({
    message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
    $metadata: {},
  });

describe('Function: secretSource versions (current and AWSPREVIOUS)', () => {
  const sm = mockClient(SecretsManagerClient);
  const stages = () => sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.VersionStage);
  const source = () =>
    secretSource({ vapiSecret: { arn: ARN } }, { client: new SecretsManagerClient({}), maxAgeSeconds: 120 });

  afterEach(() => {
    sm.reset();
    vi.useRealTimers();
  });
  afterAll(() => sm.restore());

  it('accepts the current and the AWSPREVIOUS value, read with VersionStage AWSPREVIOUS', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'new' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: ' old\n' });

    // Act
    const versions = await source().versions('vapiSecret');

    // Assess
    expect(versions).toEqual(['new', 'old']);
    expect(stages().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('accepts only the current value when there is no previous version, and remembers that within maxAge', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'only' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(noSuchStage());
    const secrets = source();

    // Act
    const first = await secrets.versions('vapiSecret');
    vi.setSystemTime(T0.getTime() + 60_000);
    const again = await secrets.versions('vapiSecret');

    // Assess
    expect([first, again]).toEqual([['only'], ['only']]);
    expect(stages().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('reads AWSPREVIOUS again as soon as the current value changes, so the pair never goes out of step', async () => {
    // Prepare: a rotation between the two reads moves AWSCURRENT to v2 and AWSPREVIOUS to v1.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
      .resolvesOnce({ SecretString: 'v1' })
      .resolves({ SecretString: 'v2' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .rejectsOnce(noSuchStage())
      .resolves({ SecretString: 'v1' });
    const secrets = source();
    // The current value is cached a minute before the previous one is first read, so the previous read is still
    // fresh (until T0 + 180 s) when the current one expires (T0 + 120 s).
    await secrets.get('vapiSecret');
    vi.setSystemTime(T0.getTime() + 60_000);

    // Act
    const before = await secrets.versions('vapiSecret');
    vi.setSystemTime(T0.getTime() + 121_000);
    const after = await secrets.versions('vapiSecret');

    // Assess
    expect(before).toEqual(['v1']);
    expect(after).toEqual(['v2', 'v1']);
  });

  it('does not cache a failed AWSPREVIOUS read (other than a missing stage): the next call asks again', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'current' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: 'previous' });
    const secrets = source();

    // Act
    const failed = await secrets.versions('vapiSecret').catch((e: unknown) => e);
    const retried = await secrets.versions('vapiSecret');

    // Assess
    expect(failed).toMatchObject({ name: 'ThrottlingException' });
    expect(retried).toEqual(['current', 'previous']);
  });

  it('lists a previous value equal to the current one once', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'same' });

    // Act
    const versions = await source().versions('vapiSecret');

    // Assess
    expect(versions).toEqual(['same']);
  });

  it('uses an inline previous value (VAPI_SECRET_PREVIOUS under npm start) and never calls AWS', async () => {
    // Prepare
    const inline = secretSource({
      vapiSecret: { value: 'local-new', previous: 'local-old' },
      adminToken: { value: 'a' },
    });

    // Act
    const [vapi, admin] = await Promise.all([inline.versions('vapiSecret'), inline.versions('adminToken')]);

    // Assess
    expect(vapi).toEqual(['local-new', 'local-old']);
    expect(admin).toEqual(['a']);
    expect(sm.calls()).toHaveLength(0);
  });
});
