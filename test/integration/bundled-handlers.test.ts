/**
 * The deployed artefacts work: the esbuild bundles the stack ships run the whole flow (msal, Graph, DynamoDB,
 * KMS port).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, esbuildOptions } from '../../lib/constructs/bundling';
import type { LocalApp } from '../../local/app';
import type { HandlerName } from '../../local/routes';
import { connect, firstResult, status, toolCall, startApp, webhook } from './harness';

const NAMES: HandlerName[] = ['authStart', 'authCallback', 'status', 'vapiWebhook'];
let app: LocalApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bundles-'));
  const bundles = Object.fromEntries(NAMES.map((name) => [name, join(dir, name, BUNDLE_FILE)]));
  await Promise.all(
    NAMES.map((name) =>
      build({ ...esbuildOptions(`functions/handlers/${name}.ts`, bundles[name]!), logLevel: 'silent' }),
    ),
  );
  app = await startApp({}, undefined, { bundles });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Bundles: the minified CommonJS handlers the stack deploys', () => {
  it('connect a calendar, offer slots and book one, exactly like the TypeScript sources', async () => {
    // Act
    const { page } = await connect(app);
    const offered = firstResult(await webhook(app, toolCall('get_availability', {}))).result;
    const booked = firstResult(
      await webhook(
        app,
        toolCall('set_appointment', { start_time: offered.slots.at(-1).start, attendee_name: 'Bundle Caller' }),
      ),
    );

    // Assess
    expect(page).toContain('Calendar connected');
    expect(await status(app)).toMatchObject({ connected: true });
    expect(offered.slots.length).toBeGreaterThan(0);
    expect(booked.result).toMatchObject({ booked: true });
  });
});
