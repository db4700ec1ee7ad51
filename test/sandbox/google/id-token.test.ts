import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, type Running, signIn, startEmulator } from './helpers';

interface Jwk {
  kty: string;
  n: string;
  e: string;
  alg: string;
  use: string;
  kid: string;
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** Verifies an RS256 JWT against a JWKS the way an adapter would against Google's. */
function verifyJwt(token: string, keys: Jwk[]): { header: any; claims: any; valid: boolean } {
  const [h = '', c = '', s = ''] = token.split('.');
  const header = decode(h);
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) return { header, claims: decode(c), valid: false };
  const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  const valid = verify('RSA-SHA256', Buffer.from(`${h}.${c}`), key, Buffer.from(s, 'base64url'));
  return { header, claims: decode(c), valid };
}

describe('id_token and userinfo', () => {
  let run: Running;
  let keys: Jwk[];
  beforeAll(async () => {
    run = await startEmulator();
    keys = ((await (await fetch(`${run.baseUrl}/oauth2/v3/certs`)).json()) as { keys: Jwk[] }).keys;
  });
  afterAll(async () => {
    await run.close();
  });

  it('serves a JWKS of RS256 signing keys', () => {
    // Assess
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(keys[0]!.kid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('signs the id_token verifiably, with Google’s issuer, the client as audience and the nonce', async () => {
    // Act
    const body = await signIn(run, { nonce: 'n-0S6_WzA2Mj' });
    const { header, claims, valid } = verifyJwt(String(body.id_token), keys);

    // Assess
    expect(valid).toBe(true);
    expect(header).toEqual({ alg: 'RS256', kid: keys[0]!.kid, typ: 'JWT' });
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: CLIENT_ID,
      azp: CLIENT_ID,
      email: 'demo.manager@example.com',
      email_verified: true,
      nonce: 'n-0S6_WzA2Mj',
    });
    expect(claims.sub).toMatch(/^1\d{20}$/);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.name).toBeUndefined();
  });

  it('keeps sub stable and adds the names with the profile scope', async () => {
    // Act
    const plain = verifyJwt(String((await signIn(run)).id_token), keys).claims;
    const profiled = verifyJwt(String((await signIn(run, { scope: 'openid email profile' })).id_token), keys).claims;

    // Assess
    expect(profiled.sub).toBe(plain.sub);
    expect(profiled).toMatchObject({ name: 'Demo Manager', given_name: 'Demo', family_name: 'Manager' });
  });

  it('rejects a tampered token', async () => {
    // Prepare
    const [h, , s] = String((await signIn(run)).id_token).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'https://accounts.google.com', sub: '1' })).toString('base64url');

    // Act
    const { valid } = verifyJwt(`${h}.${forged}.${s}`, keys);

    // Assess
    expect(valid).toBe(false);
  });

  it('answers userinfo for the bearer token, by scope', async () => {
    // Prepare
    const token = String((await signIn(run, { scope: 'openid email profile' })).access_token);

    // Act
    const res = await fetch(`${run.baseUrl}/v1/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
    const anonymous = await fetch(`${run.baseUrl}/v1/userinfo`);

    // Assess
    expect(await res.json()).toEqual({
      sub: expect.stringMatching(/^1\d{20}$/),
      name: 'Demo Manager',
      given_name: 'Demo',
      family_name: 'Manager',
      email: 'demo.manager@example.com',
      email_verified: true,
    });
    expect(anonymous.status).toBe(401);
  });

  it('publishes a discovery document pointing at itself', async () => {
    // Act
    const doc = (await (await fetch(`${run.baseUrl}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;

    // Assess
    expect(doc).toMatchObject({
      issuer: 'https://accounts.google.com',
      token_endpoint: `${run.baseUrl}/token`,
      jwks_uri: `${run.baseUrl}/oauth2/v3/certs`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
});
