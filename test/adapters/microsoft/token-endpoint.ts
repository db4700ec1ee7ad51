/**
 * A fake Microsoft identity token endpoint (A8 shapes) for msal-node over fetch:
 * codes, refresh rotation, scripted faults.
 */
import type { SeenRequest } from './helpers';
import { json } from './helpers';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TokenEndpointOptions {
  oid?: string;
  tid?: string;
  /** Seconds the access token lives (msal treats < 300 s as already stale). */
  expiresIn?: number;
  /** Scope string echoed back. */
  scope?: string;
  /** Nonce to put in the id_token (what /authorize received). */
  nonce?: string;
  /** False: no refresh token comes back (offline_access was not granted). */
  refreshToken?: boolean;
}

/** Handles POST /<tenant>/oauth2/v2.0/token; `fault` (set by a test) answers instead of a token. */
export function tokenEndpoint(options: TokenEndpointOptions = {}) {
  const { oid = 'oid-1', tid = 'tid-1', expiresIn = 3599 } = options;
  const state = {
    issued: 0,
    grants: [] as Array<Record<string, string>>,
    fault: undefined as undefined | { status: number; body: unknown; headers?: Record<string, string> },
  };
  const handle = (request: SeenRequest): Response => {
    const form = Object.fromEntries(new URLSearchParams(request.body ?? ''));
    state.grants.push(form);
    if (state.fault) return json(state.fault.status, state.fault.body, state.fault.headers);
    state.issued += 1;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: form.client_id,
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      ver: '2.0',
      tid,
      oid,
      sub: `sub-${oid}`,
      preferred_username: 'adele@contoso.com',
      name: 'Adele Vance',
      ...(options.nonce ? { nonce: options.nonce } : {}),
    };
    return json(200, {
      token_type: 'Bearer',
      scope: options.scope ?? 'Calendars.ReadWrite MailboxSettings.Read User.Read openid profile offline_access',
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: `at-secret-${state.issued}`,
      ...(options.refreshToken === false ? {} : { refresh_token: `rt-secret-${state.issued}` }),
      id_token: `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`,
      client_info: b64url({ uid: oid, utid: tid }),
    });
  };
  return { state, handle };
}
