/**
 * The one set of esbuild settings for the Lambda bundles. AppFunction hands them to NodejsFunction and
 * bench/bundles.ts hands them to esbuild directly, so the benchmark measures exactly what ships.
 * Kept free of aws-cdk-lib imports so the benchmark loads fast.
 */
import type { BuildOptions } from 'esbuild';

/** Node.js major of the Lambda runtime (Runtime.NODEJS_24_X is the newest this aws-cdk-lib knows). */
export const NODE_MAJOR = 24;

/**
 * ESM bundles need a real `require` for the CommonJS dependencies esbuild wraps (msal-node, jsonwebtoken…);
 * the alias avoids clashing with any bundled module's own createRequire import.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; " +
  'const require = __bundleCreateRequire(import.meta.url);';

/** Settings both NodejsFunction and the benchmark apply. */
export const bundleSettings = {
  format: 'esm',
  target: `node${NODE_MAJOR}`,
  minify: true,
  sourceMap: true,
  // Stack traces only need the mappings; embedding the sources would triple the .map size.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: REQUIRE_BANNER,
  // The AWS SDK is bundled (not taken from the runtime) so the deployed version is the one pinned in package-lock.json.
  bundleAwsSdk: true,
} as const;

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
    banner: { js: bundleSettings.banner },
    external: bundleSettings.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    logLevel: 'warning',
  };
}
