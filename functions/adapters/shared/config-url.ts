/** The endpoint overrides every provider's configuration reads (sandbox and test roots). */
import { ConfigError, type Env } from '../../contract/env';

/**
 * The http(s) URL in `env[name]`, trailing slashes dropped; `fallback` when unset. Anything else (a query, spaces, no
 * scheme) is a ConfigError naming the variable.
 */
export function endpointUrl(env: Env, name: string, fallback?: string): string | undefined {
  const raw = env[name]?.trim().replace(/\/+$/, '');
  if (!raw) return fallback;
  if (/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(raw) && URL.canParse(raw)) return raw;
  throw new ConfigError(`${name} must be an http(s) URL without query, got "${raw}"`);
}
