/**
 * The provider sandboxes of `npm start`: each provider without real app credentials gets its emulator, mounted under
 * /_sandbox (Microsoft at its root, Google under /_sandbox/google), and the variables that point the app at it; plus
 * /_sandbox/faults and /_sandbox/stats, which drive and count them over HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSandboxControl } from './sandbox/control/control';
import {
  createGoogleEmulator,
  demoGoogleCalendar,
  type GoogleEmulator,
  type GoogleSandboxFile,
  loadGoogleSandboxFile,
} from './sandbox/google';
import {
  createMicrosoftEmulator,
  demoCalendar,
  loadSandboxCalendar,
  type MicrosoftEmulator,
  type SandboxCalendarFile,
} from './sandbox/microsoft';

/** What the sandboxes are built from: the environment, the server's address, and calendars given in code (tests). */
export interface SandboxInput {
  given: Record<string, string | undefined>;
  port: number;
  /** http://localhost:PORT */
  baseUrl: string;
  /** The host browsers reach the sandboxes' sign-in pages under (127.0.0.1: another origin, as in production). */
  loginHost: 'localhost' | '127.0.0.1';
  calendar?: SandboxCalendarFile;
  googleCalendar?: GoogleSandboxFile;
  /** The dice of the emulators' fault `rate` (default Math.random; a seeded one in tests). */
  random?: () => number;
}

/** The emulators that run, the variables for the handlers, and the /_sandbox request handler. */
export interface Sandboxes {
  microsoft?: MicrosoftEmulator;
  google?: GoogleEmulator;
  env: Record<string, string>;
  /** Variables the handlers must not inherit from the shell while a sandbox stands in (they would point elsewhere). */
  unset: string[];
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

const GOOGLE_MOUNT = '/google';
const set = (given: SandboxInput['given'], name: string) => !!given[name]?.trim();

/** The real app's variables, trimmed (called once both its client id and secret are known to be set). */
function realApp(given: SandboxInput['given'], names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, given[n]?.trim() ?? ''] as const));
}

function microsoftSandbox(input: SandboxInput): Pick<Sandboxes, 'microsoft' | 'env' | 'unset'> {
  const { given, port, baseUrl, loginHost } = input;
  if (set(given, 'MICROSOFT_CLIENT_ID') && set(given, 'MICROSOFT_CLIENT_SECRET')) {
    const env = realApp(given, ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET']);
    return { env: { ...env, MICROSOFT_TENANT_ID: given.MICROSOFT_TENANT_ID?.trim() || 'common' }, unset: [] };
  }
  const file = given.SANDBOX_CALENDAR_FILE?.trim();
  const calendar = input.calendar ?? (file ? loadSandboxCalendar(file) : demoCalendar(Date.now()));
  const microsoft = createMicrosoftEmulator({
    calendar,
    clientId: 'sandbox-client-id',
    clientSecret: 'sandbox-client-secret',
    baseUrl: `${baseUrl}/_sandbox`,
    random: input.random,
  });
  const env = {
    MICROSOFT_CLIENT_ID: 'sandbox-client-id',
    MICROSOFT_CLIENT_SECRET: 'sandbox-client-secret',
    MICROSOFT_TENANT_ID: 'common',
    MICROSOFT_LOGIN_BASE_URL: `http://${loginHost}:${port}/_sandbox/login`,
    GRAPH_BASE_URL: `${baseUrl}/_sandbox/graph/v1.0`,
  };
  return { microsoft, env, unset: ['MICROSOFT_LOGIN_BASE_URL', 'GRAPH_BASE_URL', 'MICROSOFT_TENANT_ID'] };
}

function googleSandbox(input: SandboxInput): Pick<Sandboxes, 'google' | 'env' | 'unset'> {
  const { given, port, baseUrl, loginHost } = input;
  if (set(given, 'GOOGLE_CLIENT_ID') && set(given, 'GOOGLE_CLIENT_SECRET')) {
    return { env: realApp(given, ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET']), unset: [] };
  }
  const file = given.SANDBOX_GOOGLE_CALENDAR_FILE?.trim();
  const calendar = input.googleCalendar ?? (file ? loadGoogleSandboxFile(file) : demoGoogleCalendar(Date.now()));
  const root = `${baseUrl}/_sandbox${GOOGLE_MOUNT}`;
  const publicBase = (given.PUBLIC_BASE_URL?.trim() || baseUrl).replace(/\/+$/, '');
  const google = createGoogleEmulator({
    calendar,
    clientId: 'sandbox-google-client-id.apps.googleusercontent.com',
    clientSecret: 'sandbox-google-client-secret',
    baseUrl: root,
    // As the Cloud console's "Authorized redirect URIs": a code goes to the app's own callback only.
    redirectUris: [`${publicBase}/calendar/auth/callback`],
    random: input.random,
  });
  const env = {
    GOOGLE_CLIENT_ID: 'sandbox-google-client-id.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'sandbox-google-client-secret',
    GOOGLE_ACCOUNTS_BASE_URL: `http://${loginHost}:${port}/_sandbox${GOOGLE_MOUNT}`,
    GOOGLE_OAUTH2_BASE_URL: root,
    GOOGLE_API_BASE_URL: root,
  };
  return { google, env, unset: ['GOOGLE_ACCOUNTS_BASE_URL', 'GOOGLE_OAUTH2_BASE_URL', 'GOOGLE_API_BASE_URL'] };
}

/** Builds the sandboxes `input.given` calls for (none when every provider has real credentials). */
export function createSandboxes(input: SandboxInput): Sandboxes {
  const ms = microsoftSandbox(input);
  const gg = googleSandbox(input);
  const { microsoft } = ms;
  const { google } = gg;
  const control = createSandboxControl({ microsoft, google });
  return {
    microsoft,
    google,
    env: { ...ms.env, ...gg.env },
    unset: [...ms.unset, ...gg.unset],
    async handle(req, res, path) {
      if (control.owns(path)) return control.handle(req, res, path).then(() => true);
      if (path === GOOGLE_MOUNT || path.startsWith(`${GOOGLE_MOUNT}/`) || path.startsWith(`${GOOGLE_MOUNT}?`)) {
        return google ? google.handle(req, res, path.slice(GOOGLE_MOUNT.length) || '/') : false;
      }
      return microsoft ? microsoft.handle(req, res, path) : false;
    },
  };
}
