/**
 * npx tsx bench/bundles.ts: bundles each Lambda exactly as `cdk synth` does (same esbuild settings, from
 * lib/constructs/bundling.ts), then reports each bundle's size and its module-load time in a fresh Node process.
 * Targets: < 1 MB per bundle, < 300 ms median load.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../lib/constructs/bundling';

const ROOT = new URL('../', import.meta.url);
const HANDLERS = ['authStart', 'authCallback', 'vapiWebhook', 'status', 'keeper', 'originVerify'] as const;

/** Size budget per bundle (bytes) and load-time budget (ms). */
export const TARGETS = { maxBytes: 1024 * 1024, maxLoadMs: 300 } as const;

/** Plausible deployed environment, so handlers that read config at module scope load as they would in Lambda. */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  NODE_OPTIONS: '--enable-source-maps',
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

/** Imports the bundle in a fresh `node` (with the runtime's --enable-source-maps) and returns the import's duration. */
function loadOnce(file: string): { ms?: number; error?: string } {
  const script =
    `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'console.log(performance.now() - t);';
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
    encoding: 'utf8',
  });
  if (run.status !== 0) return { error: run.stderr.trim().split('\n').slice(0, 3).join(' | ') };
  return { ms: Number(run.stdout.trim().split('\n').pop()) };
}

/** Bundles every handler into bench/out/<name>/index.mjs and measures it. */
export async function benchBundles(runs = 5): Promise<BundleFigures[]> {
  const figures: BundleFigures[] = [];
  for (const name of HANDLERS) {
    const entry = new URL(`functions/handlers/${name}.ts`, ROOT).pathname;
    const outfile = new URL(`bench/out/${name}/index.mjs`, ROOT).pathname;
    try {
      await build({ ...esbuildOptions(entry, outfile), logLevel: 'silent' });
    } catch (error) {
      // Keep measuring the others; a handler that does not build is reported, not fatal.
      figures.push({
        name,
        bytes: Number.NaN,
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
    const sizeOk = f.bytes < TARGETS.maxBytes;
    const loadOk = f.loadMs < TARGETS.maxLoadMs;
    ok &&= sizeOk && loadOk && !f.error;
    console.log(
      `${f.name.padEnd(13)} ${(f.bytes / 1024).toFixed(0).padStart(5)} KB ${sizeOk ? 'ok' : 'OVER'}  ` +
        `(map ${(f.mapBytes / 1024).toFixed(0)} KB)  ` +
        `load ${f.loadMs.toFixed(0).padStart(4)} ms ${loadOk ? 'ok' : 'OVER'}` +
        `  [${f.runsMs.map((ms) => ms.toFixed(0)).join(', ')}]${f.error ? `  ERROR ${f.error}` : ''}`,
    );
  }
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `Targets: < ${TARGETS.maxBytes / 1024} KB per bundle, ` +
      `< ${TARGETS.maxLoadMs} ms median module load (node ${process.version})`,
  );
  if (!report(await benchBundles())) process.exitCode = 1;
}
