import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/contract/origin-verify';
import { type AuthorizerEvent, matchesAny } from '../../functions/handlers/originVerify';
import { originSecretValues } from '../../functions/runtime/origin-secret';
import event from '../events/origin-verify-authorizer.json';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:VoiceCalendarBooking/origin-verify-AbCdEf';
const notFound = Object.assign(new Error("Secrets Manager can't find the specified secret version."), {
  name: 'ResourceNotFoundException',
});

const sm = mockClient(SecretsManagerClient);
afterAll(() => sm.restore());

describe('Function: originVerify handler', () => {
  const withHeader = (value: string | undefined): AuthorizerEvent => ({
    ...event,
    headers: { ...event.headers, [ORIGIN_VERIFY_HEADER]: value },
  });
  /** A fresh module (its cache of secret values is per container). */
  const load = async () => (await import('../../functions/handlers/originVerify')).handler;

  beforeEach(() => {
    vi.resetModules();
    vi.stubEnv('ORIGIN_VERIFY_SECRET_ARN', ARN);
  });
  afterEach(() => {
    sm.reset();
    vi.unstubAllEnvs();
  });

  it('authorizes the value CloudFront sends, and the previous one during a rotation', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { SecretId: ARN, VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'new-value' });
    sm.on(GetSecretValueCommand, { SecretId: ARN, VersionStage: 'AWSPREVIOUS' }).resolves({
      SecretString: 'current-origin-value',
    });
    const handler = await load();

    // Act
    const old = await handler(event);
    const fresh = await handler(withHeader('new-value'));

    // Assess
    expect(old).toEqual({ isAuthorized: true });
    expect(fresh).toEqual({ isAuthorized: true });
  });

  it('refuses a wrong value, a missing header and an empty one', async () => {
    // Prepare
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'current-origin-value' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound);
    const handler = await load();

    // Act
    const answers = await Promise.all(
      [withHeader('current-origin-valuE'), withHeader(undefined), withHeader(''), {}].map((e) => handler(e)),
    );

    // Assess
    expect(answers).toEqual([
      { isAuthorized: false },
      { isAuthorized: false },
      { isAuthorized: false },
      { isAuthorized: false },
    ]);
  });

  it('fails closed when the secret cannot be read, and reads it again on the next request', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('AccessDenied'));
    const handler = await load();

    // Act
    const refused = await handler(event);
    sm.reset();
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'current-origin-value' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound);
    const allowed = await handler(event);

    // Assess
    expect(refused).toEqual({ isAuthorized: false });
    expect(allowed).toEqual({ isAuthorized: true });
  });

  it('refuses everything when ORIGIN_VERIFY_SECRET_ARN is not set', async () => {
    // Prepare
    vi.stubEnv('ORIGIN_VERIFY_SECRET_ARN', '');
    const handler = await load();

    // Act
    const answer = await handler(event);

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
    expect(sm.commandCalls(GetSecretValueCommand)).toEqual([]);
  });
});

describe('Function: originSecretValues', () => {
  afterEach(() => sm.reset());

  it('keeps the values for five minutes, then reads both stages again', async () => {
    // Prepare
    let now = 1_000_000;
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: ' one\n' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(notFound);
    const values = originSecretValues(ARN, new SecretsManagerClient({ region: 'eu-west-1' }), () => now);

    // Act
    const first = await values();
    now += 299_000;
    const cached = await values();
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'two' });
    sm.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: 'one' });
    now += 2_000;
    const reread = await values();

    // Assess
    expect(first).toEqual(['one']);
    expect(cached).toEqual(['one']);
    expect(reread).toEqual(['two', 'one']);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(4);
  });

  it('fails when the current version has no value', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: '  ' });
    const values = originSecretValues(ARN, new SecretsManagerClient({ region: 'eu-west-1' }));

    // Act
    const act = values();

    // Assess
    await expect(act).rejects.toThrow('The origin-verify secret has no current value');
  });
});

describe('Function: matchesAny', () => {
  it('matches only an exact value among several, whatever the lengths', () => {
    // Assess
    expect(matchesAny('b', ['a', 'b'])).toBe(true);
    expect(matchesAny('b', [])).toBe(false);
    expect(matchesAny('bb', ['b', 'a'])).toBe(false);
  });
});
