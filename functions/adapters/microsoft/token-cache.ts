/**
 * msal-node's serialized token cache (the connection's sealed credentials), read without msal: the entities of
 * msal-node's Serializer (v7), looked up as msal's CacheManager does. token-cache-update.ts writes a refresh back.
 */
import * as z from 'zod/mini';
import { parseStoredCredentials } from '../shared/stored-credentials';

/** One msal cache entity (account or credential); fields this code does not read are kept. */
export const entity = z.looseObject({
  home_account_id: z.string(),
  environment: z.string(),
  credential_type: z.optional(z.string()),
  client_id: z.optional(z.string()),
  secret: z.optional(z.string()),
  realm: z.optional(z.string()),
  target: z.optional(z.string()),
  expires_on: z.optional(z.string()),
  token_type: z.optional(z.string()),
});
const section = z.optional(z.record(z.string(), z.unknown()));
const cacheSchema = z.looseObject({
  Account: section,
  IdToken: section,
  AccessToken: section,
  RefreshToken: section,
  AppMetadata: section,
});

/** One cache entity. */
export type Entity = z.infer<typeof entity>;
/** The whole cache as msal serialized it; unknown sections and fields are kept as they are. */
export type TokenCache = z.infer<typeof cacheSchema>;
/** The account a connection names (msal's homeAccountId), as the cache holds it. */
export type CachedAccount = Entity & { realm: string };
/** An access token usable until `expiresOnMs`. */
export interface CachedAccessToken {
  secret: string;
  expiresOnMs: number;
}

/** Parses the opened credentials; an unreadable cache cannot be repaired but by connecting again. */
export function parseTokenCache(serialized: string): TokenCache {
  return parseStoredCredentials(serialized, cacheSchema, 'The stored Microsoft token cache is unreadable');
}

/** The cache as msal's serializeJSONBlob writes it. */
export function serializeTokenCache(cache: TokenCache): string {
  return JSON.stringify(cache);
}

/** The account entity for msal's homeAccountId (getAccountByHomeId), if the cache holds it. */
export function findAccount(cache: TokenCache, homeAccountId: string): CachedAccount | undefined {
  const found = entities(cache.Account).find((a) => a.home_account_id === homeAccountId);
  return found && { ...found, realm: found.realm ?? '' };
}

/**
 * The account's Bearer access token for this client whose target covers `scopes` (case-insensitive, as msal's
 * ScopeSet) and that is still valid at `validAtMs`; the one that lives longest when several are.
 */
export function findAccessToken(
  cache: TokenCache,
  account: CachedAccount,
  clientId: string,
  scopes: readonly string[],
  validAtMs: number,
): CachedAccessToken | undefined {
  const wanted = scopes.map((s) => s.toLowerCase());
  let best: CachedAccessToken | undefined;
  for (const at of entities(cache.AccessToken)) {
    if (!sameSlot(at, account, clientId) || at.credential_type !== 'AccessToken' || !at.secret) continue;
    if (!isBearer(at.token_type)) continue;
    const target = scopeSet(at.target);
    const expiresOnMs = Number(at.expires_on) * 1000;
    if (!wanted.every((s) => target.has(s)) || !(expiresOnMs > validAtMs)) continue;
    if (!best || expiresOnMs > best.expiresOnMs) best = { secret: at.secret, expiresOnMs };
  }
  return best;
}

/** The account's refresh token for this client (msal's getRefreshToken without FOCI), if any. */
export function findRefreshToken(cache: TokenCache, account: CachedAccount, clientId: string): string | undefined {
  return entities(cache.RefreshToken).find(
    (rt) =>
      rt.home_account_id === account.home_account_id &&
      rt.environment === account.environment &&
      rt.credential_type === 'RefreshToken' &&
      rt.client_id === clientId &&
      !!rt.secret,
  )?.secret;
}

function entities(section: Record<string, unknown> | undefined): Entity[] {
  return Object.values(section ?? {}).flatMap((value) => {
    const parsed = entity.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Whether a credential belongs to this account (home, environment, realm) and client. */
export function sameSlot(credential: Entity, account: CachedAccount, clientId: string): boolean {
  return (
    credential.home_account_id === account.home_account_id &&
    credential.environment === account.environment &&
    credential.client_id === clientId &&
    (credential.realm ?? '') === account.realm
  );
}

/** Whether a token type is msal's default scheme (Bearer, any case, or none). */
export function isBearer(tokenType: string | undefined): boolean {
  return !tokenType || tokenType.toLowerCase() === 'bearer';
}

/** A target's scopes, lower case (msal's ScopeSet comparisons). */
export function scopeSet(target: string | undefined): Set<string> {
  return new Set(uniqueScopes((target ?? '').split(' ')).map((s) => s.toLowerCase()));
}

/** msal's ScopeSet: trimmed, no empty entries, first spelling kept. */
export function uniqueScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter(Boolean))];
}
