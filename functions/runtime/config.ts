/**
 * Configuration, read once per container from the environment into typed objects. Each reader fails fast with the
 * name of the missing or malformed variable. Only this folder reads process.env.
 */
import { ConfigError, required, type Env } from '../contract/env';
import { type TableRole, tableEnv } from '../contract/tables';

export { type BookingDefaults, parseWorkingHours, readBookingDefaults } from '../contract/booking-config';
export { ConfigError, type Env, gather, integer, required } from '../contract/env';
export { readInviteSigningKey } from '../contract/invite-key';
export { type RoutingConfig, readRouting } from '../contract/routing-config';
export {
  readCallerDailyCap,
  readHoldMinutes,
  readInviteTtlHours,
  readLogLevel,
  readMailboxRefreshHours,
  readWebhookBudgetMs,
} from '../contract/service-config';
export { readSecretsMaxAgeSeconds, readVapiAuthMode, type VapiAuthMode } from '../contract/secret-config';

/**
 * A secret given either inline (local; `previous` from `<NAME>_PREVIOUS`, still accepted while a rotation settles) or
 * as a Secrets Manager ARN (deployed; the previous value is that secret's AWSPREVIOUS version).
 */
export type SecretRef = { value: string; previous?: string } | { arn: string };

function secret(env: Env, name: string): SecretRef {
  const arn = env[`${name}_ARN`]?.trim();
  const previous = env[`${name}_PREVIOUS`]?.trim();
  if (arn && previous) {
    // Deployed, the previous value is the secret's own AWSPREVIOUS version: a plaintext twin would outlive rotations.
    throw new ConfigError(`${name}_PREVIOUS must not be set with ${name}_ARN (AWSPREVIOUS is used instead)`);
  }
  if (arn) return { arn };
  const value = env[name];
  if (value) return previous ? { value, previous } : { value };
  throw new ConfigError(`${name} (or ${name}_ARN) environment variable is not set`);
}

/** Table names for the roles a function uses. */
export function readTables<R extends TableRole>(env: Env, roles: readonly R[]): Record<R, string> {
  return Object.fromEntries(roles.map((role) => [role, required(env, tableEnv[role])])) as Record<R, string>;
}

/** Where DynamoDB is (an endpoint only for DynamoDB Local). */
export function readDynamo(env: Env): { endpoint?: string; region: string } {
  return { endpoint: env.DYNAMODB_ENDPOINT?.trim() || undefined, region: env.AWS_REGION?.trim() || 'us-east-1' };
}

export type CipherConfig = { kind: 'kms'; keyId: string } | { kind: 'local'; key: string };

/** How token caches are sealed: KMS in AWS, a local 256-bit key (base64) in npm start and tests. */
export function readCipher(env: Env): CipherConfig {
  const keyId = env.TOKEN_KMS_KEY_ID?.trim();
  if (keyId) return { kind: 'kms', keyId };
  const key = env.LOCAL_TOKEN_KEY?.trim();
  if (key) {
    if (Buffer.from(key, 'base64').length !== 32) throw new ConfigError('LOCAL_TOKEN_KEY must be 32 bytes, base64');
    return { kind: 'local', key };
  }
  throw new ConfigError('TOKEN_KMS_KEY_ID (or LOCAL_TOKEN_KEY) environment variable is not set');
}

/** Public base URL of the API (no trailing slash); the OAuth redirect URI hangs off it. */
export function readPublicBaseUrl(env: Env): string {
  const url = required(env, 'PUBLIC_BASE_URL').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(url) || !URL.canParse(url)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL such as https://api.example.com, got "${url}"`);
  }
  return url;
}

/** Named secrets: inline value or *_ARN. */
export function readSecretRefs(env: Env, names: readonly string[]): Record<string, SecretRef> {
  return Object.fromEntries(names.map((name) => [name, secret(env, name)]));
}
