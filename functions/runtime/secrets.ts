/** Secrets, resolved once per container: inline values locally, Secrets Manager in AWS. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from '../domain/ports';
import type { SecretRef } from './config';

type SecretName = string;

/** A SecretSource over named refs (others via `resolve`, when given); each is fetched at most once per container. */
export function secretSource(
  refs: Partial<Record<SecretName, SecretRef>>,
  client?: SecretsManagerClient,
  resolve?: (name: SecretName) => SecretRef | undefined,
): SecretSource {
  const cache = new Map<SecretName, Promise<string>>();
  let sm = client;
  const fetchSecret = async (name: SecretName): Promise<string> => {
    const ref = refs[name] ?? resolve?.(name);
    if (!ref) throw new Error(`Secret ${name} is not configured for this function`);
    if ('value' in ref) return ref.value;
    // Cold start only, but still bounded: the SDK's default timeouts are 0 (none).
    sm ??= new SecretsManagerClient({
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
    });
    const out = await sm.send(new GetSecretValueCommand({ SecretId: ref.arn }));
    const value = out.SecretString?.trim();
    if (!value) throw new Error(`Secret ${name} has no value yet (set it with aws secretsmanager put-secret-value)`);
    return value;
  };
  return {
    get(name) {
      let pending = cache.get(name);
      if (!pending) {
        pending = fetchSecret(name);
        // A failed fetch is not cached, so the next invocation tries again.
        pending.catch(() => cache.delete(name));
        cache.set(name, pending);
      }
      return pending;
    },
  };
}
