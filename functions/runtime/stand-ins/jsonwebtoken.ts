/**
 * Stands in for `jsonwebtoken` in the Lambda bundles (aliased in lib/constructs/bundling.ts). msal-node imports it
 * only to sign client assertions (certificate or federated credentials); this app authenticates to Entra with a
 * client secret, so the signer never runs. The real package brings semver, jws and lodash (~50 KB, and semver
 * compiles its ranges at load). If a certificate credential is ever configured, this fails loudly, never silently.
 */

/** Refuses to sign: the bundles carry no JWT signer (see the file comment). */
function sign(): never {
  throw new Error('Client assertions are not supported in this bundle: the Entra app authenticates with a secret');
}

export default { sign };
