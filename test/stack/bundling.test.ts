import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BookingStack } from '../../lib/booking-stack';
import { BUNDLE_ALIASES, BUNDLE_FILE, esbuildOptions } from '../../lib/constructs/bundling';
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
      .map((d) => readFileSync(join(outdir, d, BUNDLE_FILE)));
    const inputs: string[] = [];
    const benched = await Promise.all(
      ['authStart', 'authCallback', 'vapiWebhook', 'status', 'keeper', 'originVerify'].map(async (name) => {
        const result = await build({
          ...esbuildOptions(`${REPO_ROOT}functions/handlers/${name}.ts`, join(outdir, 'bench', name, BUNDLE_FILE)),
          write: false,
          metafile: true,
          logLevel: 'silent',
        });
        inputs.push(...Object.keys(result.metafile.inputs));
        return Buffer.from(result.outputFiles.find((f) => f.path.endsWith(BUNDLE_FILE))!.contents);
      }),
    );

    // Assess
    expect(shipped).toHaveLength(6);
    for (const bundle of benched) expect(shipped.some((s) => s.equals(bundle))).toBe(true);
    // CommonJS (see bundleSettings.format): no ESM import statement of a Node built-in anywhere.
    for (const bundle of shipped) expect(bundle.toString()).not.toMatch(/\bimport\s*[{*\w][^;]*from\s*"(node:)?\w+"/);
    // The aliased packages are replaced by the stand-ins, in every bundle.
    for (const name of Object.keys(BUNDLE_ALIASES)) {
      expect(inputs.filter((input) => input.includes(`node_modules/${name}/`))).toEqual([]);
    }
    expect(inputs.some((input) => input.endsWith('stand-ins/lambda-credentials.ts'))).toBe(true);
  }, 120_000);
});
