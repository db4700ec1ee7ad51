/**
 * The values of the origin-verify secret the authorizer accepts: AWSCURRENT and, while there is one, AWSPREVIOUS, so
 * a put-secret-value never refuses the value CloudFront still sends. Re-read after ORIGIN_VERIFY_CACHE_SECONDS.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type Env, required } from '../contract/env';
import { ORIGIN_VERIFY_CACHE_SECONDS, ORIGIN_VERIFY_SECRET_ENV } from '../contract/origin-verify';
import { withoutSdkLogging } from '../adapters/shared/sdk-client';

/** Reads the accepted values, cached; `now` is injectable for tests. */
export function originSecretValues(
  arn: string,
  client = withoutSdkLogging(
    new SecretsManagerClient({
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
    }),
  ),
  now: () => number = Date.now,
): () => Promise<string[]> {
  let cached: { values: string[]; at: number } | undefined;
  const read = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> => {
    try {
      const out = await client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
      return out.SecretString?.trim() || undefined;
    } catch (error) {
      // A secret never changed has no AWSPREVIOUS version; anything else about the current one is a real failure.
      if (stage === 'AWSPREVIOUS' && (error as { name?: string }).name === 'ResourceNotFoundException')
        return undefined;
      throw error;
    }
  };
  return async () => {
    if (cached && now() - cached.at < ORIGIN_VERIFY_CACHE_SECONDS * 1000) return cached.values;
    const [current, previous] = await Promise.all([read('AWSCURRENT'), read('AWSPREVIOUS')]);
    if (!current) throw new Error('The origin-verify secret has no current value');
    cached = { values: previous ? [current, previous] : [current], at: now() };
    return cached.values;
  };
}

/** The accepted values for this container, from the secret ORIGIN_VERIFY_SECRET_ARN names (required). */
export function originSecretsFromEnv(env: Env = process.env): () => Promise<string[]> {
  return originSecretValues(required(env, ORIGIN_VERIFY_SECRET_ENV));
}
