/** Builders shared by the composition roots: one DynamoDB client, one cipher, one secret source per container. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCipher } from '../adapters/crypto/create-cipher';
import { createDocumentClient } from '../adapters/dynamo/client';
import type { Cipher, SecretSource } from '../domain/ports';
import { readCipher, readDynamo, readSecretRefs, readSecretsMaxAgeSeconds, type Env, type SecretRef } from './config';
import { secretSource } from './secrets';

/** The variable a secret name is configured as: "microsoftClientSecret" → MICROSOFT_CLIENT_SECRET (or ..._ARN). */
export function secretVariable(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** A DynamoDB document client for the configured endpoint/region. */
export function documentClient(env: Env): DynamoDBDocumentClient {
  return createDocumentClient(readDynamo(env));
}

/** The token-cache cipher for the configuration (KMS or the local key). */
export function cipherFor(env: Env): Cipher {
  return createCipher(readCipher(env), readDynamo(env).region);
}

/**
 * Secrets by name. `names` must be configured as VALUE or VALUE_ARN (checked now, fetched on first use, then again
 * after SECRETS_MAX_AGE_SECONDS); any other name (a provider module's) is looked up on first use, a ConfigError naming
 * its variable when absent.
 */
export function secretsFor(env: Env, names: readonly string[]): SecretSource {
  const refs = readSecretRefs(env, names.map(secretVariable));
  const known = Object.fromEntries(names.map((n) => [n, refs[secretVariable(n)] as SecretRef]));
  return secretSource(known, {
    maxAgeSeconds: readSecretsMaxAgeSeconds(env),
    resolve: (name) => readSecretRefs(env, [secretVariable(name)])[secretVariable(name)],
  });
}

/** Memoizes an async builder; a failed build is retried on the next call rather than cached. */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
