/**
 * The suite runs on the Node.js the Lambdas run on: package.json pins the `node` package (its binary is
 * node_modules/.bin/node, first on PATH for every npm script and npx), and this fails if anything else ran it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR } from '../../lib/constructs/bundling';

interface PackageJson {
  engines: { node: string };
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;

describe('Setup: Node.js runtime', () => {
  it("runs the tests on the Lambda runtime's major", () => {
    // Act
    const major = Number(process.versions.node.split('.')[0]);

    // Assess
    expect(major).toBe(NODE_MAJOR);
  });

  it('runs them, and the processes they spawn, on the pinned node package', () => {
    // Act
    const child = spawnSync(process.execPath, ['-p', 'process.version'], { encoding: 'utf8' });

    // Assess
    expect(process.version).toBe(`v${pkg.devDependencies.node}`);
    expect(child.stdout.trim()).toBe(process.version);
  });

  it('pins the node package and the engine floor to that major', () => {
    // Assess
    expect(pkg.devDependencies.node).toMatch(new RegExp(`^${NODE_MAJOR}\\.\\d+\\.\\d+$`));
    expect(pkg.engines.node).toMatch(new RegExp(`^\\^${NODE_MAJOR}\\.\\d+\\.\\d+$`));
  });
});
