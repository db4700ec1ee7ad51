/** The identity emulator's memory: authorization codes, sessions (one per code redemption) and their tokens. */
import { opaqueToken } from '../../shared/http';

const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_LIFETIME_S = 3599;
/** Google keeps at most this many live refresh tokens per account and client; a new one evicts the oldest. */
export const MAX_REFRESH_TOKENS = 100;

/** What /o/oauth2/v2/auth was asked for; bound to the code. */
export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  /** Canonical scope names, as requested. */
  scopes: string[];
  codeChallenge: string;
  accessType: 'online' | 'offline';
  prompt: string[];
  includeGrantedScopes: boolean;
  state?: string;
  nonce?: string;
  loginHint?: string;
}

/** One redeemed code: the scopes it carries, its refresh token if any, and whether it was revoked. */
export interface Session {
  id: string;
  clientId: string;
  scopes: string[];
  refreshToken?: string;
  revoked: boolean;
  createdMs: number;
}

interface CodeEntry {
  params: AuthorizeParams;
  granted: string[];
  expiresAt: number;
  used: boolean;
  sessionId?: string;
}

export type CodeLookup =
  | { ok: true; params: AuthorizeParams; granted: string[]; firstGrant: boolean; bind(session: Session): void }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };
export type SessionLookup = { ok: true; session: Session } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** Codes, sessions and tokens of the one account, on the emulator clock. */
export class IdentityStore {
  private codes = new Map<string, CodeEntry>();
  private sessions = new Map<string, Session>();
  private refreshTokens = new Map<string, string>();
  private accessTokens = new Map<string, { sessionId: string; expiresAt: number; scopes: string[] }>();
  /** Clients the account has authorized (and not revoked since): their next code brings no refresh token unasked. */
  private authorized = new Set<string>();

  constructor(private readonly now: () => number) {}

  /** Issues a single-use code bound to the request and the scopes granted. */
  issueCode(params: AuthorizeParams, granted: string[]): string {
    const code = opaqueToken('4/0Ab', 48);
    this.codes.set(code, { params, granted, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Looks a code up and burns it. A second redemption also revokes what the first one minted (RFC 6749 §4.1.2: a
   * replayed code may mean it leaked).
   */
  redeemCode(code: string): CodeLookup {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) {
      const minted = entry.sessionId && this.sessions.get(entry.sessionId);
      if (minted) minted.revoked = true;
      return { ok: false, reason: 'used' };
    }
    entry.used = true;
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    const firstGrant = !this.authorized.has(entry.params.clientId);
    const bind = (session: Session) => void (entry.sessionId = session.id);
    return { ok: true, params: entry.params, granted: entry.granted, firstGrant, bind };
  }

  /** The scopes still granted to a client by live sessions (for include_granted_scopes). */
  grantedBefore(clientId: string): string[] {
    const live = [...this.sessions.values()].filter((s) => s.clientId === clientId && !s.revoked);
    return [...new Set(live.flatMap((s) => s.scopes))];
  }

  /** Whether the client holds a live session covering every one of `scopes` (prompt=none can skip the page). */
  covers(clientId: string, scopes: readonly string[]): boolean {
    const granted = new Set(this.grantedBefore(clientId));
    return this.authorized.has(clientId) && scopes.every((s) => granted.has(s));
  }

  /** Opens a session for a redeemed code, with a refresh token when `withRefresh` (evicting the oldest past 100). */
  openSession(clientId: string, scopes: string[], withRefresh: boolean): Session {
    const session: Session = { id: opaqueToken('s.', 12), clientId, scopes, revoked: false, createdMs: this.now() };
    this.authorized.add(clientId);
    if (withRefresh) {
      session.refreshToken = opaqueToken('1//0g', 64);
      this.refreshTokens.set(session.refreshToken, session.id);
      const live = [...this.sessions.values()].filter((s) => s.clientId === clientId && s.refreshToken && !s.revoked);
      for (const old of live.slice(0, Math.max(0, live.length + 1 - MAX_REFRESH_TOKENS))) old.revoked = true;
    }
    this.sessions.set(session.id, session);
    return session;
  }

  /** Mints an access token for a session (`scopes`: a subset a refresh asked for; default all of its scopes). */
  mintAccess(session: Session, scopes: string[] = session.scopes): string {
    const token = opaqueToken('ya29.a0Af', 64);
    this.accessTokens.set(token, {
      sessionId: session.id,
      expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
      scopes,
    });
    return token;
  }

  /** The session behind a refresh token. */
  findRefresh(token: string): SessionLookup {
    const session = this.sessions.get(this.refreshTokens.get(token) ?? '');
    if (!session) return { ok: false, reason: 'unknown' };
    return session.revoked ? { ok: false, reason: 'revoked' } : { ok: true, session };
  }

  /** Validates a bearer token; `scopes` are what that token carries. */
  checkAccess(token: string): SessionLookup & { scopes?: string[] } {
    const entry = this.accessTokens.get(token);
    const session = entry && this.sessions.get(entry.sessionId);
    if (!entry || !session) return { ok: false, reason: 'unknown' };
    if (session.revoked) return { ok: false, reason: 'revoked' };
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, session, scopes: entry.scopes };
  }

  /**
   * Revokes the grant a refresh or access token belongs to: as at Google, the app's access to the account ends, so
   * every session of that client dies (the emulator has one account), not only the token's own. False when the token
   * is unknown or already dead.
   */
  revokeToken(token: string): boolean {
    const viaRefresh = this.refreshTokens.get(token);
    const access = this.accessTokens.get(token);
    const session = this.sessions.get(viaRefresh ?? access?.sessionId ?? '');
    if (!session || session.revoked) return false;
    if (!viaRefresh && access && access.expiresAt <= this.now()) return false;
    for (const other of this.sessions.values()) if (other.clientId === session.clientId) other.revoked = true;
    this.authorized.delete(session.clientId);
    return true;
  }

  /** The account removes the app's access: every session dies and the next consent is a first grant again. */
  revokeAll(): void {
    for (const session of this.sessions.values()) session.revoked = true;
    this.authorized.clear();
  }
}
