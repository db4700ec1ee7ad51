import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILE, esbuildOptions } from '../../lib/constructs/bundling';
import { REPO_ROOT } from '../../lib/constructs/app-function';

/** The inputs esbuild puts into a handler's bundle, with the settings cdk synth uses (lib/constructs/bundling.ts). */
async function inputsOf(name: string): Promise<string[]> {
  const result = await build({
    ...esbuildOptions(
      `${REPO_ROOT}functions/handlers/${name}.ts`,
      join(tmpdir(), 'bundle-contents', name, BUNDLE_FILE),
    ),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const msal = (inputs: string[]) => inputs.filter((input) => /node_modules\/@azure\/msal-/.test(input));

describe('Bundles: what the hot path ships (esbuild as cdk synth runs it)', () => {
  it.each(['vapiWebhook', 'keeper'])(
    '%s holds no msal: tokens are read and refreshed without it',
    async (name) => {
      // Act
      const inputs = await inputsOf(name);
      // Assess
      expect(msal(inputs)).toEqual([]);
      expect(inputs.some((input) => input.endsWith('adapters/microsoft/token-source.ts'))).toBe(true);
    },
    60_000,
  );

  it('authCallback keeps msal for the authorization-code flow (it writes the cache the others read)', async () => {
    // Act
    const inputs = await inputsOf('authCallback');
    // Assess
    expect(msal(inputs).some((input) => input.includes('@azure/msal-node/'))).toBe(true);
  }, 60_000);
});
