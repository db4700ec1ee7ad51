/**
 * Secrets: inline values locally (npm start has no Secrets Manager), Secrets Manager in AWS through Powertools
 * Parameters, reused for `maxAgeSeconds` and then read again, so a rotation reaches warm containers without a deploy.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { DEFAULT_SECRETS_MAX_AGE_SECONDS } from '../contract/secret-config';
import type { SecretSource } from '../domain/ports';
import type { SecretRef } from './config';
import { withoutSdkLogging } from '../adapters/shared/sdk-client';

type SecretName = string;

export interface SecretSourceOptions {
  /** Seconds a value is reused (SECRETS_MAX_AGE_SECONDS). */
  maxAgeSeconds?: number;
  /** Tests pass their own; the composition roots pass none and get a bounded default client. */
  client?: SecretsManagerClient;
  /** Refs for names not in `refs` (a provider module's), looked up on first use. */
  resolve?: (name: SecretName) => SecretRef | undefined;
}

/** The SDK error Powertools wrapped (GetParameterError), so logs name ThrottlingException, AccessDenied, …. */
function unwrapped(error: unknown): unknown {
  return error instanceof Error && error.name === 'GetParameterError' && error.cause ? error.cause : error;
}

/** Secrets Manager's answer for a stage label no version carries (e.g. AWSPREVIOUS before the first rotation). */
function isMissing(error: unknown): boolean {
  return (unwrapped(error) as { name?: unknown } | undefined)?.name === 'ResourceNotFoundException';
}

/** A SecretSource over named refs; a failed or empty read is never cached, so the next invocation asks again. */
export function secretSource(
  refs: Partial<Record<SecretName, SecretRef>>,
  options: SecretSourceOptions = {},
): SecretSource {
  const maxAge = options.maxAgeSeconds ?? DEFAULT_SECRETS_MAX_AGE_SECONDS;
  let provider: SecretsProvider | undefined;
  const secretsManager = (): SecretsProvider => {
    // Built on first use, and bounded: the SDK's default timeouts are 0 (none).
    provider ??= new SecretsProvider({
      awsSdkV3Client:
        options.client ??
        withoutSdkLogging(
          new SecretsManagerClient({
            maxAttempts: 2,
            requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
          }),
        ),
    });
    return provider;
  };
  // Powertools caches a value, not a fetch in flight: concurrent first calls share this one instead.
  const inFlight = new Map<string, Promise<string>>();
  // An empty value Powertools has cached must be fetched again at once, not served until maxAge.
  const refetch = new Set<string>();
  // AWSPREVIOUS, tied to the current value it was read beside (see previousOf).
  const previous = new Map<string, { forCurrent: string; expiresAt: number; value: Promise<string | undefined> }>();

  // Where each secret is configured, looked up once: the environment is read at first use, not at every re-read.
  const located = new Map<SecretName, SecretRef>();
  const refOf = (name: SecretName): SecretRef => {
    const ref = located.get(name) ?? refs[name] ?? options.resolve?.(name);
    if (!ref) throw new Error(`Secret ${name} is not configured for this function`);
    located.set(name, ref);
    return ref;
  };

  const fetchCurrent = async (name: SecretName, arn: string): Promise<string> => {
    let raw: unknown;
    try {
      // The stage is named, so the IAM grant's VersionStage condition applies to this read too.
      const sdkOptions = { VersionStage: 'AWSCURRENT' };
      raw = await secretsManager().get(arn, { maxAge, forceFetch: refetch.delete(arn), sdkOptions });
    } catch (error) {
      throw unwrapped(error);
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value) return value;
    refetch.add(arn);
    throw new Error(`Secret ${name} has no value yet (set it with aws secretsmanager put-secret-value)`);
  };

  const current = async (name: SecretName): Promise<string> => {
    const ref = refOf(name);
    if ('value' in ref) return ref.value;
    let pending = inFlight.get(ref.arn);
    if (!pending) {
      pending = fetchCurrent(name, ref.arn).finally(() => inFlight.delete(ref.arn));
      inFlight.set(ref.arn, pending);
    }
    return pending;
  };

  const fetchPrevious = async (arn: string): Promise<string | undefined> => {
    try {
      // maxAge 0 and forceFetch: Powertools keys its cache by name alone, so this must not share AWSCURRENT's slot.
      const raw = await secretsManager().get(arn, {
        maxAge: 0,
        forceFetch: true,
        sdkOptions: { VersionStage: 'AWSPREVIOUS' },
      });
      return (typeof raw === 'string' ? raw.trim() : '') || undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw unwrapped(error);
    }
  };

  // AWSPREVIOUS reads sent beside the current one (see startPrevious), not yet tied to the value they were read with.
  const ahead = new Map<string, Promise<string | undefined>>();

  /**
   * When AWSPREVIOUS must be read anyway (cold start, maxAge passed) it goes out beside AWSCURRENT: one round trip,
   * not two. previousOf ties it to the current value (a rotation only the current read saw still re-reads it).
   */
  const startPrevious = (arn: string): void => {
    const known = previous.get(arn);
    if ((known && Date.now() < known.expiresAt) || ahead.has(arn)) return;
    const read = fetchPrevious(arn);
    ahead.set(arn, read);
    // Its failure reaches the caller through previousOf (which never caches one); none is left unhandled meanwhile.
    read.catch(() => undefined);
  };

  /**
   * AWSPREVIOUS, read again whenever the current value changes (the two stages move together, so a container never
   * pairs a new current with a stale previous) and otherwise every maxAge; its absence is remembered the same way.
   */
  const previousOf = (arn: string, forCurrent: string): Promise<string | undefined> => {
    const now = Date.now();
    const known = previous.get(arn);
    if (known && known.forCurrent === forCurrent && now < known.expiresAt) return known.value;
    const started = ahead.get(arn);
    ahead.delete(arn);
    const entry = { forCurrent, expiresAt: now + maxAge * 1000, value: started ?? fetchPrevious(arn) };
    previous.set(arn, entry);
    entry.value.catch(() => previous.get(arn) === entry && previous.delete(arn));
    return entry.value;
  };

  return {
    get: async (name) => current(name),
    async versions(name) {
      const ref = refOf(name);
      if ('arn' in ref) startPrevious(ref.arn);
      const value = await current(name).catch((error: unknown) => {
        // What was read beside a current value never got is dropped: the next call reads both again.
        if ('arn' in ref) ahead.delete(ref.arn);
        throw error;
      });
      const before = 'value' in ref ? ref.previous : await previousOf(ref.arn, value);
      return before && before !== value ? [value, before] : [value];
    },
  };
}
