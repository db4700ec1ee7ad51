/** The identity emulator's memory: consent tickets, authorization codes, grants, refresh and access tokens. */
import { opaqueToken } from '../../shared/http';

const TICKET_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_LIFETIME_S = 3599;
const REFRESH_TOKEN_TTL_MS = 90 * 24 * 3600_000;

/** OpenID Connect scopes: they shape the token response but grant no Graph access. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** What /authorize was asked for; bound to the ticket and then to the code. */
export interface AuthorizeParams {
  tenant: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'query' | 'form_post' | 'fragment';
  scopes: string[];
  codeChallenge: string;
  state?: string;
  nonce?: string;
  /** The account the app expects (shown on the consent page; the sandbox signs its one mailbox in either way). */
  loginHint?: string;
}

export interface Grant {
  id: string;
  clientId: string;
  /** Resource scopes the user granted, as the client asked for them (echoed in token responses). */
  scopes: string[];
  /** offline_access was granted: token responses carry a refresh token. */
  offline: boolean;
  revoked: boolean;
}

export type CodeLookup =
  | { ok: true; params: AuthorizeParams; granted: string[] }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };
export type RefreshLookup = { ok: true; grant: Grant } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };
export type AccessLookup = { ok: true; scopes: Set<string> } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** "https://graph.microsoft.com/Calendars.Read" and "calendars.read" name the same permission. */
export function bareScope(scope: string): string {
  return scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase();
}

/** Sign-in scopes the user cannot refuse on the consent page (offline_access they can: no refresh token then). */
export const SIGN_IN_SCOPES = new Set(['openid', 'profile', 'email']);

/** The scopes of a request the user may untick: resource scopes and offline_access. */
export function grantableScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !SIGN_IN_SCOPES.has(s.toLowerCase()));
}

/** What the user granted of `requested`, `withheld` (any spelling) left out; sign-in scopes always stay. */
export function grantedOf(requested: string[], withheld: Iterable<string>): string[] {
  const refused = new Set([...withheld].map(bareScope));
  return requested.filter((s) => SIGN_IN_SCOPES.has(s.toLowerCase()) || !refused.has(bareScope(s)));
}

/** Resource (non-OIDC) scopes of a request. */
export function resourceScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
}

export class IdentityStore {
  private tickets = new Map<string, { params: AuthorizeParams; expiresAt: number }>();
  private codes = new Map<string, { params: AuthorizeParams; granted: string[]; expiresAt: number; used: boolean }>();
  private grants = new Map<string, Grant>();
  private refreshTokens = new Map<string, { grantId: string; expiresAt: number }>();
  private accessTokens = new Map<string, { grantId: string; expiresAt: number; scopes: Set<string> }>();

  constructor(private readonly now: () => number) {}

  /** A one-time ticket the consent page posts back, so the POST cannot be forged from outside the page. */
  openTicket(params: AuthorizeParams): string {
    const ticket = opaqueToken('ct.', 24);
    this.tickets.set(ticket, { params, expiresAt: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** Consumes a ticket; undefined when unknown, used or expired. */
  takeTicket(ticket: string): AuthorizeParams | undefined {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry && entry.expiresAt > this.now() ? entry.params : undefined;
  }

  /** Issues a single-use authorization code bound to everything /authorize was asked, and the scopes granted. */
  issueCode(params: AuthorizeParams, granted: string[]): string {
    const code = opaqueToken('1.AV0A', 48);
    this.codes.set(code, { params, granted, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** Looks a code up and burns it, whatever the redemption's outcome (a failed PKCE attempt must not leave it live). */
  redeemCode(code: string): CodeLookup {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'used' };
    entry.used = true;
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, params: entry.params, granted: entry.granted };
  }

  /** Records the user's consent to `scopes` (offline_access among them, or not) for a client. */
  newGrant(clientId: string, scopes: string[]): Grant {
    const offline = scopes.some((s) => s.toLowerCase() === 'offline_access');
    const grant: Grant = {
      id: opaqueToken('g.', 12),
      clientId,
      scopes: resourceScopes(scopes),
      offline,
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  /** Mints an access token and, when `withRefresh`, a new refresh token (older ones stay valid, as in Entra). */
  issueTokens(grant: Grant, withRefresh: boolean): { accessToken: string; refreshToken?: string } {
    const accessToken = opaqueToken('EwA.', 48);
    const scopes = new Set(grant.scopes.map(bareScope));
    this.accessTokens.set(accessToken, {
      grantId: grant.id,
      expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
      scopes,
    });
    if (!withRefresh) return { accessToken };
    const refreshToken = opaqueToken('0.AV0A', 64);
    this.refreshTokens.set(refreshToken, { grantId: grant.id, expiresAt: this.now() + REFRESH_TOKEN_TTL_MS });
    return { accessToken, refreshToken };
  }

  /** The grant behind a refresh token. */
  findRefresh(token: string): RefreshLookup {
    const entry = this.refreshTokens.get(token);
    const grant = entry && this.grants.get(entry.grantId);
    if (!entry || !grant) return { ok: false, reason: 'unknown' };
    if (grant.revoked) return { ok: false, reason: 'revoked' };
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  /** Validates a bearer token for Graph. */
  checkAccess(token: string): AccessLookup {
    const entry = this.accessTokens.get(token);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (this.grants.get(entry.grantId)?.revoked) return { ok: false, reason: 'revoked' };
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, scopes: entry.scopes };
  }

  /** Revokes every grant made so far (a later consent starts a fresh, valid grant). */
  revokeAll(): void {
    for (const grant of this.grants.values()) grant.revoked = true;
  }
}
