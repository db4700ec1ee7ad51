/**
 * What `npm start` checks before it starts anything: every variable a user may set, validated by the same readers
 * the handlers use, so a bad value stops start-up at once with one line naming the variable (not a 500 per call).
 */
import { ConfigError, gather, orDefault, type Env } from '../functions/contract/env';
import { readInviteSigningKey, readPublicBaseUrl } from '../functions/runtime/config';
import { readRuntimeConfig } from '../functions/runtime/runtime-config';
import { loadSandboxCalendar, SandboxCalendarError, type SandboxCalendarFile } from './sandbox/microsoft';

export interface StartupConfig {
  port: number;
  /** True unless both MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET are set. */
  sandbox: boolean;
  /** The sandbox calendar from SANDBOX_CALENDAR_FILE, already validated (undefined: the demo calendar). */
  calendar?: SandboxCalendarFile;
}

function readPort(env: Env): number {
  const raw = env.PORT?.trim() || '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new ConfigError(`PORT must be a port number from 0 to 65535, got "${raw}"`);
  return port;
}

function readSandbox(env: Env): boolean {
  const [id, secret] = [env.MICROSOFT_CLIENT_ID?.trim(), env.MICROSOFT_CLIENT_SECRET?.trim()];
  if (Boolean(id) !== Boolean(secret)) {
    const [set, unset] = id
      ? ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET']
      : ['MICROSOFT_CLIENT_SECRET', 'MICROSOFT_CLIENT_ID'];
    throw new ConfigError(`${unset} must be set with ${set} (both for real Microsoft 365, neither for the sandbox)`);
  }
  return !id;
}

function readCalendarFile(env: Env, sandbox: boolean): SandboxCalendarFile | undefined {
  const file = env.SANDBOX_CALENDAR_FILE?.trim();
  if (!file || !sandbox) return undefined;
  try {
    return loadSandboxCalendar(file);
  } catch (error) {
    if (!(error instanceof SandboxCalendarError)) throw error;
    throw new ConfigError(`SANDBOX_CALENDAR_FILE: ${error.message}`);
  }
}

/** The start-up settings; throws one ConfigError listing every bad variable. */
export function readStartupConfig(env: Env): StartupConfig {
  const checked = gather({
    port: () => readPort(env),
    sandbox: () => readSandbox(env),
    calendar: () =>
      readCalendarFile(
        env,
        orDefault(() => readSandbox(env), true),
      ),
    runtime: () => readRuntimeConfig(env),
    inviteKey: () => (env.INVITE_SIGNING_KEY?.trim() ? readInviteSigningKey(env.INVITE_SIGNING_KEY) : undefined),
    baseUrl: () => (env.PUBLIC_BASE_URL?.trim() ? readPublicBaseUrl(env) : undefined),
  });
  return { port: checked.port, sandbox: checked.sandbox, calendar: checked.calendar };
}
