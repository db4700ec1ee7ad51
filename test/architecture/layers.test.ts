/** The house's rules, read from the imports: which folder may depend on which, and what the domain may know. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenIn, importsIn } from './layer-rules';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** A specifier as a repository path when it is relative to `file` (packages keep their name). */
const target = (file: string, spec: string) =>
  spec.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec)) : spec;

/** `file`'s imports, resolved. */
const importsOf = (file: string) => importsIn(readFileSync(join(ROOT, file), 'utf8'), file).map((s) => target(file, s));

const offenders = (dir: string, bad: (target: string, file: string) => boolean) =>
  files(dir).flatMap((file) =>
    importsOf(file)
      .filter((t) => bad(t, file))
      .map((t) => `${file} → ${t}`),
  );

/** The packages the domain may use: none reaches a provider, AWS, the network or the environment. */
const DOMAIN_PACKAGES = new Set(['node:crypto', 'zod/mini']);

/** An import the domain must not make: another layer of the repository, or any package but DOMAIN_PACKAGES. */
const badForDomain = (t: string) =>
  /^(functions\/(adapters|runtime|handlers)|lib|local|bin|scripts|test)\//.test(t) ||
  (!t.startsWith('functions/') && !DOMAIN_PACKAGES.has(t));

describe('Architecture: layers', () => {
  it('functions/ never imports lib/', () => {
    expect(offenders('functions', (t) => t.startsWith('lib/'))).toEqual([]);
  });

  it('lib/ never imports functions/runtime/ (the stack validates with the shared contract)', () => {
    expect(offenders('lib', (t) => t.startsWith('functions/') && !t.startsWith('functions/contract/'))).toEqual([]);
  });

  it('functions/contract/ imports nothing of the repository but itself', () => {
    expect(
      offenders(
        'functions/contract',
        (t) => !t.startsWith('functions/contract/') && /^(functions|lib|local)\//.test(t),
      ),
    ).toEqual([]);
  });

  it('the domain imports no adapter, runtime, handler, AWS SDK, provider library or other package', () => {
    expect(offenders('functions/domain', badForDomain)).toEqual([]);
  });

  it('functions/ and local/ declare schemas with zod/mini, never the classic API (~50 KB more in every bundle)', () => {
    const classic = (t: string) => t === 'zod' || (t.startsWith('zod/v4') && !t.startsWith('zod/v4/locales/'));
    expect([...offenders('functions', classic), ...offenders('local', classic)]).toEqual([]);
  });

  it('functions/ never imports luxon: zone offsets and slot words come from Intl (~70 KB less in the bundles)', () => {
    expect(offenders('functions', (t) => t === 'luxon' || t.startsWith('luxon/'))).toEqual([]);
  });

  it('handlers reach adapters only through the runtime', () => {
    expect(offenders('functions/handlers', (t) => t.startsWith('functions/adapters/'))).toEqual([]);
  });

  it('the domain reads no environment, calls no network and names no provider, in code or comments', () => {
    const found = files('functions/domain').flatMap((file) =>
      forbiddenIn(readFileSync(join(ROOT, file), 'utf8')).map((words) => `${file}: ${words}`),
    );
    expect(found).toEqual([]);
  });
});

describe('Architecture: the checker itself', () => {
  const PROBE = [
    "import '@aws-sdk/client-kms';",
    'import { GraphClient } from "../adapters/microsoft/graph-client";',
    "import type { Context } from 'aws-lambda';",
    "export { handler } from '../handlers/authStart';",
    "export * from '../runtime/config';",
    "import fs = require('node:fs');",
    "const msal = await import('@azure/msal-node');",
    "const http = require('node:http');",
    "type Log = import('../runtime/logger').Logger;",
    "const env = process['env'];",
    'const { env: again } = process;',
    "const get = globalThis['fetch'];",
    "// Reads showAs and @odata.type; keeps homeAccountId beside the transactionId (OUTLOOK's words).",
  ].join('\n');

  it('reads every kind of import, whatever its quotes, and flags each as the domain rule would', () => {
    // Act
    const imports = importsIn(PROBE).map((s) => target('functions/domain/probe.ts', s));

    // Assess
    expect(imports).toEqual([
      '@aws-sdk/client-kms',
      'functions/adapters/microsoft/graph-client',
      'aws-lambda',
      'functions/handlers/authStart',
      'functions/runtime/config',
      'node:fs',
      '@azure/msal-node',
      'node:http',
      'functions/runtime/logger',
    ]);
    expect(imports.filter((t) => !badForDomain(t))).toEqual([]);
  });

  it('flags the environment, the network and provider words case-insensitively, in code and comments', () => {
    // Act
    const found = forbiddenIn(PROBE);

    // Assess
    expect(found).toEqual([
      "the environment: process['env'], process",
      'the network: globalThis',
      'a provider: microsoft, graph, msal, azure, OUTLOOK',
      'a provider field: showAs, odata, homeAccountId, transactionId',
    ]);
  });

  it("passes the domain's own words: its packages, and plain English such as one fetch serving a request", () => {
    // Prepare
    const clean = [
      "import * as z from 'zod/mini';",
      "import { createHash } from 'node:crypto';",
      "import type { Deadline } from '../ports';",
      '// One fetch serves any request; the process that answers keeps the paragraph short.',
    ].join('\n');

    // Act
    const imports = importsIn(clean).map((s) => target('functions/domain/probe.ts', s));

    // Assess
    expect(imports.filter(badForDomain)).toEqual([]);
    expect(forbiddenIn(clean)).toEqual([]);
  });
});
