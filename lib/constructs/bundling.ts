/**
 * The one set of esbuild settings for the Lambda bundles. AppFunction hands them to NodejsFunction and
 * bench/bundles.ts hands them to esbuild directly, so the benchmark measures exactly what ships.
 * Kept free of aws-cdk-lib imports so the benchmark loads fast.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Node.js major of the Lambda runtime (Runtime.NODEJS_24_X is the newest this aws-cdk-lib knows). */
export const NODE_MAJOR = 24;

/** The file NodejsFunction writes for a CommonJS bundle (the handler is `index.handler`). */
export const BUNDLE_FILE = 'index.js';

const STAND_INS = fileURLToPath(new URL('../../functions/runtime/stand-ins/', import.meta.url));

/**
 * Packages replaced in the bundles by a module of ours (see each file's comment), for what they cost and never do
 * inside Lambda: the SDK's default credential chain beyond the environment (SSO, ini, process, web identity, IMDS,
 * with the STS/SSO clients: ~135 KB) and msal-node's client-assertion signer (jsonwebtoken, semver, jws: ~60 KB).
 * Tests, scripts and `npm start` run from the sources with the real packages.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': `${STAND_INS}lambda-credentials.ts`,
  jsonwebtoken: `${STAND_INS}jsonwebtoken.ts`,
};

/** Settings both NodejsFunction and the benchmark apply. */
export const bundleSettings = {
  // CommonJS, not ESM: an ESM bundle imports Node's built-ins as ES modules, and each such import builds a facade
  // that reads every export, running lazy getters (node:http's loads undici, ~30 ms); require() reads none.
  format: 'cjs',
  target: `node${NODE_MAJOR}`,
  minify: true,
  sourceMap: true,
  // Stack traces only need the mappings; embedding the sources would triple the .map size.
  sourcesContent: false,
  // ESM builds of dependencies where they ship one: esbuild tree-shakes those (not CommonJS).
  mainFields: ['module', 'main'],
  // The AWS SDK is bundled (not taken from the runtime) so the deployed version is the one pinned in package-lock.json.
  bundleAwsSdk: true,
  aliases: BUNDLE_ALIASES,
  // No --enable-source-maps: it reads and indexes the whole map while the bundle loads (~25 ms of the webhook's
  // cold start). functions/runtime/stack-traces.ts maps the bundles' stacks instead, reading the map on first use.
  nodeOptions: [] as readonly string[],
} as const;

/** The functions' NODE_OPTIONS (none today), as the Lambda environment takes them. */
export function nodeOptionsEnv(): Record<string, string> {
  return bundleSettings.nodeOptions.length ? { NODE_OPTIONS: bundleSettings.nodeOptions.join(' ') } : {};
}

/**
 * esbuild options equivalent to what NodejsFunction runs for
 * `entry` with bundleSettings (CDK adds --bundle --platform=node).
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: bundleSettings.format,
    target: bundleSettings.target,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourceMap,
    sourcesContent: bundleSettings.sourcesContent,
    mainFields: [...bundleSettings.mainFields],
    alias: { ...bundleSettings.aliases },
    external: bundleSettings.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    logLevel: 'warning',
  };
}

/** The same aliases as NodejsFunction's `esbuildArgs` (`--alias:<package>=<file>`). */
export function aliasArgs(): Record<string, string[]> {
  return { '--alias': Object.entries(bundleSettings.aliases).map(([name, file]) => `${name}=${file}`) };
}
