import { describe, expect, it } from 'vitest';
import { CLIENT_SECRET_NAME, readGoogleConfig } from '../../../functions/adapters/google/config';
import { ConfigError } from '../../../functions/contract/env';

const BASE = { GOOGLE_CLIENT_ID: 'client-1.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'app-secret' };

/** The ConfigError's problems, or a failure when none is thrown. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    readGoogleConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Function: readGoogleConfig', () => {
  it('is undefined when none of the Google variables is set (the deployment does not offer Google)', () => {
    // Act
    const config = readGoogleConfig({ MICROSOFT_CLIENT_ID: 'x', GOOGLE_CLIENT_ID: '  ' });
    // Assess
    expect(config).toBeUndefined();
  });

  it("reads the client id and Google's real endpoints by default", () => {
    // Act
    const config = readGoogleConfig(BASE);
    // Assess
    expect(config).toEqual({
      clientId: 'client-1.apps.googleusercontent.com',
      accountsBaseUrl: 'https://accounts.google.com',
      oauth2BaseUrl: 'https://oauth2.googleapis.com',
      apiBaseUrl: 'https://www.googleapis.com',
      hasSecret: true,
    });
    expect(CLIENT_SECRET_NAME).toBe('googleClientSecret');
  });

  it('accepts the secret as an ARN instead, and the sandbox roots (trailing slash dropped)', () => {
    // Prepare
    const root = 'http://localhost:3000/_sandbox/google';
    const env = {
      GOOGLE_CLIENT_ID: 'client-1',
      GOOGLE_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:google-AbCdEf',
      GOOGLE_ACCOUNTS_BASE_URL: `${root}/`,
      GOOGLE_OAUTH2_BASE_URL: root,
      GOOGLE_API_BASE_URL: root,
    };
    // Act
    const config = readGoogleConfig(env);
    // Assess
    expect(config).toEqual({
      clientId: 'client-1',
      accountsBaseUrl: root,
      oauth2BaseUrl: root,
      apiBaseUrl: root,
      hasSecret: true,
    });
  });

  it('trims the client id', () => {
    // Act
    const config = readGoogleConfig({ ...BASE, GOOGLE_CLIENT_ID: ' client-1.apps.googleusercontent.com \n' });
    // Assess
    expect(config?.clientId).toBe('client-1.apps.googleusercontent.com');
  });

  it('takes a client id without a secret (a function that only authorizes or revokes never reads it)', () => {
    // Act
    const config = readGoogleConfig({ GOOGLE_CLIENT_ID: 'client-1' });
    // Assess
    expect(config).toMatchObject({ clientId: 'client-1', hasSecret: false });
  });

  it('names GOOGLE_CLIENT_ID when only a secret is set', () => {
    // Act
    const found = problems({ GOOGLE_CLIENT_SECRET: 'app-secret' });
    // Assess
    expect(found).toEqual(['GOOGLE_CLIENT_ID environment variable is not set']);
  });

  it.each(['GOOGLE_ACCOUNTS_BASE_URL', 'GOOGLE_OAUTH2_BASE_URL', 'GOOGLE_API_BASE_URL'])(
    'names %s when it is not an http(s) URL without query',
    (name) => {
      // Act
      const found = problems({ ...BASE, [name]: 'ftp://example.com/x?y=1' });
      // Assess
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(name);
    },
  );

  it('reports every bad variable at once', () => {
    // Act
    const found = problems({ GOOGLE_API_BASE_URL: 'nope', GOOGLE_OAUTH2_BASE_URL: 'http://a b' });
    // Assess
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/GOOGLE_CLIENT_ID[\s\S]*GOOGLE_OAUTH2_BASE_URL[\s\S]*GOOGLE_API_BASE_URL/);
  });
});
