/** Builders shared by the composition roots: one DynamoDB client, one cipher, one secret source per container. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCipher } from '../adapters/crypto/create-cipher';
import { createDocumentClient } from '../adapters/dynamo/client';
import type { Cipher, SecretSource } from '../domain/ports';
import { readCipher, readDynamo, readSecretRefs, type Env, type SecretRef } from './config';
import { secretSource } from './secrets';

type SecretName = Parameters<SecretSource['get']>[0];

const SECRET_ENV: Record<SecretName, string> = {
  vapiSecret: 'VAPI_SECRET',
  inviteSigningKey: 'INVITE_SIGNING_KEY',
  adminToken: 'ADMIN_TOKEN',
  microsoftClientSecret: 'MICROSOFT_CLIENT_SECRET',
};

/** A DynamoDB document client for the configured endpoint/region. */
export function documentClient(env: Env): DynamoDBDocumentClient {
  return createDocumentClient(readDynamo(env));
}

/** The token-cache cipher for the configuration (KMS or the local key). */
export function cipherFor(env: Env): Cipher {
  return createCipher(readCipher(env), readDynamo(env).region);
}

/** Secrets by name; each must be configured as VALUE or VALUE_ARN (checked now, fetched on first use). */
export function secretsFor(env: Env, names: readonly SecretName[]): SecretSource {
  const refs = readSecretRefs(
    env,
    names.map((n) => SECRET_ENV[n]),
  );
  return secretSource(Object.fromEntries(names.map((n) => [n, refs[SECRET_ENV[n]] as SecretRef])));
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
