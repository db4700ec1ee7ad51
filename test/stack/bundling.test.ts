import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BookingStack } from '../../lib/booking-stack';
import { esbuildOptions, REQUIRE_BANNER } from '../../lib/constructs/bundling';
import { REPO_ROOT } from '../../lib/constructs/app-function';
import { resolveConfig } from '../../lib/stack-config';
import { quietBundling } from './quiet-bundling';
import { TEST_CLIENT_ID } from './synth';

describe('Bundling: what cdk synth ships (real local esbuild, no Docker)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is byte-for-byte what bench/bundles.ts measures, for every handler', async () => {
    // Prepare
    const app = new App({ outdir });
    const config = resolveConfig({ microsoftClientId: TEST_CLIENT_ID });

    // Act: NodejsFunction bundles while the stack is built; its chatter is shown only if the test fails.
    quietBundling(() => {
      // In us-east-1 the web ACL is a plain cross-stack reference: no CDK helper asset among the functions' bundles.
      new BookingStack(app, 'BundleCheck', { config, env: { region: 'us-east-1' } });
      app.synth();
    });
    const shipped = readdirSync(outdir)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => readFileSync(join(outdir, d, 'index.mjs')));
    const benched = await Promise.all(
      ['authStart', 'authCallback', 'vapiWebhook', 'status', 'keeper', 'originVerify'].map(async (name) => {
        const result = await build({
          ...esbuildOptions(`${REPO_ROOT}functions/handlers/${name}.ts`, join(outdir, 'bench', name, 'index.mjs')),
          write: false,
          logLevel: 'silent',
        });
        return Buffer.from(result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents);
      }),
    );

    // Assess
    expect(shipped).toHaveLength(6);
    for (const bundle of benched) expect(shipped.some((s) => s.equals(bundle))).toBe(true);
    for (const bundle of shipped) expect(bundle.subarray(0, REQUIRE_BANNER.length).toString()).toBe(REQUIRE_BANNER);
  }, 120_000);
});
