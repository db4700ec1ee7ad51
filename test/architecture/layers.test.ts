/** The house's rules, read from the imports: which folder may depend on which, and what the domain may know. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file's imports, resolved to repository paths (packages keep their name). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(([, spec]) =>
    spec!.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec!)) : spec!,
  );
}

const offenders = (dir: string, bad: (target: string, file: string) => boolean) =>
  files(dir).flatMap((file) =>
    importsOf(file)
      .filter((t) => bad(t, file))
      .map((t) => `${file} → ${t}`),
  );

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

  it('the domain imports no adapter, runtime, handler, AWS SDK or provider library', () => {
    const bad = (t: string) =>
      /^functions\/(adapters|runtime|handlers)\//.test(t) || /^@aws-sdk\/|^@azure\/|^aws-lambda$|^googleapis/.test(t);
    expect(offenders('functions/domain', bad)).toEqual([]);
  });

  it('handlers reach adapters only through the runtime', () => {
    expect(offenders('functions/handlers', (t) => t.startsWith('functions/adapters/'))).toEqual([]);
  });

  it('the domain reads no environment, calls no network and names no provider', () => {
    const words = /process\.env|\bfetch\(|\bGraph\b|\bmsal\b|Outlook|Microsoft|Entra|\bGoogle\b/;
    const found = files('functions/domain').filter((file) => words.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
