import { KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import jwt from '../../functions/runtime/stand-ins/jsonwebtoken';
import { defaultProvider, fromLambdaEnv } from '../../functions/runtime/stand-ins/lambda-credentials';

const LAMBDA_ENV = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE01',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE',
};

describe('Function: fromLambdaEnv (the bundles’ AWS credentials)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('returns the execution role’s credentials Lambda puts in the environment', async () => {
    // Act
    const credentials = await fromLambdaEnv({ ...LAMBDA_ENV, AWS_CREDENTIAL_EXPIRATION: '2026-12-01T12:00:00Z' })();

    // Assess
    expect(credentials).toEqual({
      accessKeyId: LAMBDA_ENV.AWS_ACCESS_KEY_ID,
      secretAccessKey: LAMBDA_ENV.AWS_SECRET_ACCESS_KEY,
      sessionToken: LAMBDA_ENV.AWS_SESSION_TOKEN,
      expiration: new Date('2026-12-01T12:00:00Z'),
    });
  });

  it.each(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])(
    'fails naming the variables when %s is missing',
    async (name) => {
      // Act
      const read = fromLambdaEnv({ ...LAMBDA_ENV, [name]: '' })();

      // Assess
      await expect(read).rejects.toThrow('AWS credentials missing: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    },
  );

  it('is what an SDK client signs with when it stands in for the default chain', async () => {
    // Prepare: the bundles alias the chain's package to this module; here the client is handed it directly.
    for (const [name, value] of Object.entries(LAMBDA_ENV)) vi.stubEnv(name, value);
    const client = new KMSClient({ region: 'us-east-1', credentialDefaultProvider: defaultProvider });

    // Act
    const credentials = await client.config.credentials();

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: LAMBDA_ENV.AWS_ACCESS_KEY_ID,
      sessionToken: LAMBDA_ENV.AWS_SESSION_TOKEN,
    });
  });
});

describe('Function: jsonwebtoken stand-in (msal-node’s client-assertion signer)', () => {
  it('refuses to sign, saying why, instead of producing a token', () => {
    // Act & Assess
    expect(() => jwt.sign()).toThrow('Client assertions are not supported in this bundle');
  });
});
