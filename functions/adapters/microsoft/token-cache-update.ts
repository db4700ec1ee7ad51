/**
 * A refresh written into msal-node's serialized token cache without msal: the entities and keys of msal-node's
 * Serializer and CacheHelpers.generateCredentialKey (v7), so the cache is what msal itself would have written after
 * the same refresh (the tests have msal read it back).
 */
import {
  type CachedAccessToken,
  type CachedAccount,
  type Entity,
  entity,
  isBearer,
  scopeSet,
  type TokenCache,
  uniqueScopes,
  sameSlot,
} from './token-cache';
import type { RefreshOutcome } from './token-refresh';

// msal's OIDC_SCOPES: never the only overlap that makes two access tokens "the same" (CacheManager.saveAccessToken).
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/**
 * The cache after a refresh, as msal's ResponseHandler + CacheManager.saveCacheRecord leave it: every access token
 * of the account whose target overlaps the new one (OIDC scopes aside) is replaced by the new entry; the refresh
 * token and the id token are overwritten when new ones came back. Other entries are untouched.
 */
export function withRefreshedTokens(
  cache: TokenCache,
  account: CachedAccount,
  clientId: string,
  requestedScopes: readonly string[],
  { tokens, requestedAt }: RefreshOutcome,
): { cache: TokenCache; accessToken: CachedAccessToken } {
  const home = account.home_account_id;
  const { environment, realm } = account;
  const target = uniqueScopes(tokens.scope ? tokens.scope.split(' ') : requestedScopes).join(' ');
  const expiresOn = requestedAt + tokens.expires_in;
  const accessToken = {
    home_account_id: home,
    environment,
    credential_type: 'AccessToken',
    client_id: clientId,
    secret: tokens.access_token,
    realm,
    target,
    cached_at: String(requestedAt),
    expires_on: String(expiresOn),
    // msal adds ext_expires_in to the expiry, not to the request time; kept as msal writes it.
    extended_expires_on: String(expiresOn + (tokens.ext_expires_in ?? 0)),
    ...(tokens.refresh_in ? { refresh_on: String(requestedAt + tokens.refresh_in) } : {}),
    token_type: tokens.token_type || 'Bearer',
  };
  const next = scopeSet(target);
  const overlapping = [...next].some((s) => !OIDC_SCOPES.has(s))
    ? [...next].filter((s) => !OIDC_SCOPES.has(s))
    : [...next];
  const kept = Object.entries(cache.AccessToken ?? {}).filter(([, value]) => {
    const at = entity.safeParse(value);
    if (!at.success || !sameSlot(at.data, account, clientId) || at.data.credential_type !== 'AccessToken') return true;
    const old = scopeSet(at.data.target);
    return !overlapping.some((s) => old.has(s));
  });
  const updated: TokenCache = {
    ...cache,
    AccessToken: Object.fromEntries([...kept, [credentialKey(accessToken), accessToken]]),
  };
  if (tokens.refresh_token) {
    const rt = { home_account_id: home, environment, credential_type: 'RefreshToken', client_id: clientId };
    const entry = { ...rt, secret: tokens.refresh_token };
    updated.RefreshToken = { ...cache.RefreshToken, [credentialKey(entry)]: entry };
  }
  if (tokens.id_token) {
    const id = { home_account_id: home, environment, credential_type: 'IdToken', client_id: clientId };
    const entry = { ...id, secret: tokens.id_token, realm };
    updated.IdToken = { ...cache.IdToken, [credentialKey(entry)]: entry };
  }
  return { cache: updated, accessToken: { secret: tokens.access_token, expiresOnMs: expiresOn * 1000 } };
}

/** msal-node's generateCredentialKey: home-environment-type-client-realm-target-scheme, lower case. */
function credentialKey(credential: Entity): string {
  const scheme = isBearer(credential.token_type) ? '' : (credential.token_type ?? '').toLowerCase();
  const parts = [credential.home_account_id, credential.environment, credential.credential_type, credential.client_id];
  return [...parts, credential.realm ?? '', credential.target ?? '', scheme].join('-').toLowerCase();
}
