import { describe, expect, it } from 'vitest';
import { readSecretRefs, readSecretsMaxAgeSeconds, readVapiAuthMode } from '../../functions/runtime/config';
import { readRuntimeConfig } from '../../functions/runtime/runtime-config';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';

describe('Function: readVapiAuthMode', () => {
  it.each([
    [undefined, 'any'],
    ['', 'any'],
    ['any', 'any'],
    ['hmac', 'hmac'],
    [' HMAC ', 'hmac'],
  ])('VAPI_AUTH_MODE=%j → %s', (raw, mode) => {
    // Act & Assess
    expect(readVapiAuthMode({ VAPI_AUTH_MODE: raw })).toBe(mode);
  });

  it('fails fast naming the variable, the value and the choices', () => {
    // Act & Assess
    expect(() => readVapiAuthMode({ VAPI_AUTH_MODE: 'true' })).toThrow(
      'VAPI_AUTH_MODE must be one of any, hmac, got "true"',
    );
  });
});

describe('Function: readSecretsMaxAgeSeconds', () => {
  it('is two minutes by default and takes 1 to 3600', () => {
    // Act & Assess
    expect(readSecretsMaxAgeSeconds({})).toBe(120);
    expect(readSecretsMaxAgeSeconds({ SECRETS_MAX_AGE_SECONDS: '1' })).toBe(1);
    expect(readSecretsMaxAgeSeconds({ SECRETS_MAX_AGE_SECONDS: '3600' })).toBe(3600);
  });

  it.each(['0', '3601', '2m'])('refuses SECRETS_MAX_AGE_SECONDS=%s naming it', (raw) => {
    // Act & Assess
    expect(() => readSecretsMaxAgeSeconds({ SECRETS_MAX_AGE_SECONDS: raw })).toThrow(
      `SECRETS_MAX_AGE_SECONDS must be an integer from 1 to 3600, got "${raw}"`,
    );
  });

  it('is part of the runtime configuration, whose error lists both new variables at once', () => {
    // Act & Assess
    expect(() => readRuntimeConfig({ SECRETS_MAX_AGE_SECONDS: 'x', VAPI_AUTH_MODE: 'static' })).toThrow(
      /SECRETS_MAX_AGE_SECONDS must be .*\n.*VAPI_AUTH_MODE must be/s,
    );
  });
});

describe('Function: readSecretRefs (previous values)', () => {
  it('takes an inline previous value from <NAME>_PREVIOUS (npm start)', () => {
    // Act & Assess
    expect(readSecretRefs({ VAPI_SECRET: 'new', VAPI_SECRET_PREVIOUS: ' old ' }, ['VAPI_SECRET'])).toEqual({
      VAPI_SECRET: { value: 'new', previous: 'old' },
    });
  });

  it('refuses <NAME>_PREVIOUS beside <NAME>_ARN: deployed, the previous value is AWSPREVIOUS', () => {
    // Act & Assess
    expect(() => readSecretRefs({ VAPI_SECRET_ARN: ARN, VAPI_SECRET_PREVIOUS: 'old' }, ['VAPI_SECRET'])).toThrow(
      'VAPI_SECRET_PREVIOUS must not be set with VAPI_SECRET_ARN (AWSPREVIOUS is used instead)',
    );
  });
});
