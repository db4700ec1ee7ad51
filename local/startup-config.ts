/**
 * What `npm start` checks before it starts anything: every variable a user may set, validated by the same readers
 * the handlers use, so a bad value stops start-up at once with one line naming the variable (not a 500 per call).
 */
import { ConfigError, gather, orDefault, type Env } from '../functions/contract/env';
import { readKeeperConfig, readKeeperIntervalMinutes } from '../functions/contract/keeper-config';
import { readInviteSigningKey, readPublicBaseUrl } from '../functions/runtime/config';
import { readRuntimeConfig } from '../functions/runtime/runtime-config';
import { type GoogleSandboxFile, GoogleSandboxError, loadGoogleSandboxFile } from './sandbox/google';
import { loadSandboxCalendar, SandboxCalendarError, type SandboxCalendarFile } from './sandbox/microsoft';

export interface StartupConfig {
  port: number;
  /** True unless both MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET are set. */
  sandbox: boolean;
  /** The sandbox calendar from SANDBOX_CALENDAR_FILE, already validated (undefined: the demo calendar). */
  calendar?: SandboxCalendarFile;
  /** True unless both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set. */
  googleSandbox: boolean;
  /** The Google sandbox calendar from SANDBOX_GOOGLE_CALENDAR_FILE, validated (undefined: the Google demo calendar). */
  googleCalendar?: GoogleSandboxFile;
}

function readPort(env: Env): number {
  const raw = env.PORT?.trim() || '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new ConfigError(`PORT must be a port number from 0 to 65535, got "${raw}"`);
  return port;
}

/** Whether a provider runs in its sandbox: neither its client id nor secret set (one without the other is an error). */
function readSandbox(env: Env, provider: 'MICROSOFT' | 'GOOGLE', product: string): boolean {
  const [idName, secretName] = [`${provider}_CLIENT_ID`, `${provider}_CLIENT_SECRET`];
  const [id, secret] = [env[idName]?.trim(), env[secretName]?.trim()];
  if (Boolean(id) !== Boolean(secret)) {
    const [set, unset] = id ? [idName, secretName] : [secretName, idName];
    throw new ConfigError(`${unset} must be set with ${set} (both for real ${product}, neither for the sandbox)`);
  }
  return !id;
}

/** A sandbox calendar file, loaded and checked now (a bad one is a ConfigError naming its variable). */
function readFile<T>(env: Env, name: string, sandbox: boolean, load: (path: string) => T): T | undefined {
  const file = env[name]?.trim();
  if (!file || !sandbox) return undefined;
  try {
    return load(file);
  } catch (error) {
    if (!(error instanceof SandboxCalendarError || error instanceof GoogleSandboxError)) throw error;
    throw new ConfigError(`${name}: ${error.message}`);
  }
}

/** The start-up settings; throws one ConfigError listing every bad variable. */
export function readStartupConfig(env: Env): StartupConfig {
  const checked = gather({
    port: () => readPort(env),
    sandbox: () => readSandbox(env, 'MICROSOFT', 'Microsoft 365'),
    calendar: () =>
      readFile(
        env,
        'SANDBOX_CALENDAR_FILE',
        orDefault(() => readSandbox(env, 'MICROSOFT', 'Microsoft 365'), true),
        loadSandboxCalendar,
      ),
    googleSandbox: () => readSandbox(env, 'GOOGLE', 'Google'),
    googleCalendar: () =>
      readFile(
        env,
        'SANDBOX_GOOGLE_CALENDAR_FILE',
        orDefault(() => readSandbox(env, 'GOOGLE', 'Google'), true),
        loadGoogleSandboxFile,
      ),
    runtime: () => readRuntimeConfig(env),
    keeper: () => readKeeperConfig(env),
    keeperInterval: () => readKeeperIntervalMinutes(env),
    inviteKey: () => (env.INVITE_SIGNING_KEY?.trim() ? readInviteSigningKey(env.INVITE_SIGNING_KEY) : undefined),
    baseUrl: () => (env.PUBLIC_BASE_URL?.trim() ? readPublicBaseUrl(env) : undefined),
  });
  const { port, sandbox, calendar, googleSandbox, googleCalendar } = checked;
  return { port, sandbox, calendar, googleSandbox, googleCalendar };
}
