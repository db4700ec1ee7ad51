/**
 * npx tsx bench/bundles.ts: bundles each Lambda exactly as `cdk synth` does (same esbuild settings, from
 * lib/constructs/bundling.ts), then reports each bundle's size and its module-load time in a fresh Node process,
 * loaded the way Lambda's Node.js runtime loads a CommonJS index.js: with require() (its UserFunction.js requires a
 * .js file unless a package.json says "type": "module", which /var/task has not).
 * Targets (issue #11): the webhook's bundle ≤ 600 KB, every other ≤ 1 MB; every median load ≤ 60 ms.
 * Beside them, bench/sdk-floor.ts (the webhook's AWS SDK clients and nothing else) is bundled and loaded the same
 * way: the part of each load no code of ours can remove while the functions use the AWS SDK.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_FILE, bundleSettings, esbuildOptions, nodeOptionsEnv } from '../lib/constructs/bundling';

const ROOT = new URL('../', import.meta.url);
const HANDLERS = ['authStart', 'authCallback', 'vapiWebhook', 'status', 'keeper', 'originVerify'] as const;
/** The bundle that is no function: the AWS SDK clients alone (bench/sdk-floor.ts). */
export const SDK_FLOOR = 'sdkFloor';

/** Size budgets (bytes): the webhook's (it answers the calls), every other's; load-time budget (ms), every bundle. */
export const TARGETS = { maxBytes: 1024 * 1024, webhookMaxBytes: 600 * 1024, maxLoadMs: 60 } as const;

/** The size budget of one bundle. */
export function maxBytesOf(name: string): number {
  return name === 'vapiWebhook' ? TARGETS.webhookMaxBytes : TARGETS.maxBytes;
}

/** Plausible deployed environment, so handlers that read config at module scope load as they would in Lambda. */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  ...nodeOptionsEnv(),
  PUBLIC_BASE_URL: 'https://bench.execute-api.us-east-1.amazonaws.com',
  MICROSOFT_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
  MICROSOFT_TENANT_ID: 'common',
  MICROSOFT_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/microsoft-client-secret',
  INVITE_SIGNING_KEY_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/invite-signing-key',
  VAPI_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/vapi-webhook-secret',
  ADMIN_TOKEN_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/admin-token',
  TOKEN_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  CONNECTIONS_TABLE: 'bench-connections',
  OAUTH_STATE_TABLE: 'bench-oauth-state',
  BOOKINGS_TABLE: 'bench-bookings',
  WEBHOOK_BUDGET_MS: '12000',
};

export interface BundleFigures {
  name: string;
  bytes: number;
  /** This bundle's size budget (bytes), from maxBytesOf. */
  maxBytes: number;
  mapBytes: number;
  /** Median of `runs` module-load times, in ms. */
  loadMs: number;
  runsMs: number[];
  /** Set when the bundle failed to load (e.g. a missing env var at module scope). */
  error?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Requires the bundle in a fresh `node` (LAMBDA_ENV: the functions' NODE_OPTIONS, if any) and times it. */
function loadOnce(file: string): { ms?: number; error?: string } {
  const script = `const t = performance.now(); require(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const run = spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
    encoding: 'utf8',
  });
  if (run.status !== 0) return { error: run.stderr.trim().split('\n').slice(0, 3).join(' | ') };
  return { ms: Number(run.stdout.trim().split('\n').pop()) };
}

/** Bundles every handler into bench/out/<name>/index.js and measures it. */
export async function benchBundles(runs = 9): Promise<BundleFigures[]> {
  const figures: BundleFigures[] = [];
  const out = new URL('bench/out/', ROOT);
  mkdirSync(out, { recursive: true });
  // Lambda's /var/task has no package.json, so index.js is CommonJS there; bench/out sits under the repo's
  // "type": "module", which this one overrides.
  writeFileSync(new URL('package.json', out), '{ "type": "commonjs" }\n');
  for (const name of [...HANDLERS, SDK_FLOOR]) {
    const entry = new URL(name === SDK_FLOOR ? 'bench/sdk-floor.ts' : `functions/handlers/${name}.ts`, ROOT).pathname;
    const outfile = new URL(`${name}/${BUNDLE_FILE}`, out).pathname;
    const maxBytes = maxBytesOf(name);
    try {
      await build({ ...esbuildOptions(entry, outfile), logLevel: 'silent' });
    } catch (error) {
      // Keep measuring the others; a handler that does not build is reported, not fatal.
      figures.push({
        name,
        bytes: Number.NaN,
        maxBytes,
        mapBytes: Number.NaN,
        loadMs: Number.NaN,
        runsMs: [],
        error: `build: ${(error as Error).message.split('\n')[1] ?? error}`,
      });
      continue;
    }
    const samples = Array.from({ length: runs }, () => loadOnce(outfile));
    const times = samples.flatMap((s) => (s.ms === undefined ? [] : [s.ms]));
    figures.push({
      name,
      bytes: statSync(outfile).size,
      maxBytes,
      mapBytes: statSync(`${outfile}.map`).size,
      loadMs: times.length ? median(times) : Number.NaN,
      runsMs: times,
      error: samples.find((s) => s.error)?.error,
    });
  }
  return figures;
}

function report(figures: BundleFigures[]): boolean {
  let ok = true;
  for (const f of figures) {
    const sizeOk = f.bytes <= f.maxBytes;
    const loadOk = f.loadMs <= TARGETS.maxLoadMs;
    // The SDK floor is a reading, not a function: it has no target of its own.
    if (f.name !== SDK_FLOOR) ok &&= sizeOk && loadOk && !f.error;
    console.log(
      `${f.name.padEnd(13)} ${(f.bytes / 1024).toFixed(0).padStart(5)} KB (≤ ${f.maxBytes / 1024}) ` +
        `${sizeOk ? 'ok  ' : 'OVER'}  (map ${(f.mapBytes / 1024).toFixed(0)} KB)  ` +
        `load ${f.loadMs.toFixed(0).padStart(4)} ms (≤ ${TARGETS.maxLoadMs}) ${loadOk ? 'ok  ' : 'OVER'}` +
        `  [${f.runsMs.map((ms) => ms.toFixed(0)).join(', ')}]${f.error ? `  ERROR ${f.error}` : ''}` +
        (f.name === SDK_FLOOR ? '  (no function: the AWS SDK clients alone)' : ''),
    );
  }
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `Targets: vapiWebhook ≤ ${TARGETS.webhookMaxBytes / 1024} KB, the others ≤ ${TARGETS.maxBytes / 1024} KB; ` +
      `≤ ${TARGETS.maxLoadMs} ms median module load each ` +
      `(node ${process.version}, NODE_OPTIONS "${bundleSettings.nodeOptions.join(' ')}")`,
  );
  if (!report(await benchBundles())) process.exitCode = 1;
}
