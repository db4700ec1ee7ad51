/** The README's "flaky calendar" section is a promise: its example rule works, its operation tables are the code's. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFaultRule } from '../../local/sandbox/control/fault-rule';
import { GOOGLE_OPERATIONS, MICROSOFT_OPERATIONS } from '../../local/sandbox/control/operations';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SECTION = README.slice(README.indexOf('### Try your agent against a flaky calendar'));
const block = (lang: string, nth = 0) => {
  let at = -1;
  for (let i = 0; i <= nth; i += 1) at = SECTION.indexOf(`\`\`\`${lang}\n`, at + 1);
  return SECTION.slice(at + lang.length + 4, SECTION.indexOf('\n```', at + 4));
};
/** The first column of the table whose header starts with `header`. */
function tableNames(header: string): string[] {
  const lines = SECTION.slice(SECTION.indexOf(`| ${header}`))
    .split('\n')
    .slice(2);
  const rows = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  return rows.map((row) => /^\|\s*`([^`]+)`/.exec(row)![1]!);
}

describe('README: the sandbox control routes', () => {
  it('the POST /_sandbox/faults example is a rule the route takes', () => {
    // Prepare
    const curl = block('bash');
    const body = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, curl.lastIndexOf("'"))) as unknown;
    // Act
    const parsed = parseFaultRule(body);
    // Assess
    expect(parsed).toEqual({
      rule: { provider: 'microsoft', operations: ['createEvent'], status: 503, lateResponseMs: 6000 },
    });
  });

  it("the operation tables list each provider's operations, in the code's order", () => {
    // Act
    const microsoft = tableNames('Microsoft operation');
    const google = tableNames('Google operation');
    // Assess
    expect(microsoft).toEqual(Object.keys(MICROSOFT_OPERATIONS));
    expect(google).toEqual(Object.keys(GOOGLE_OPERATIONS));
  });

  it('the stats example has the documented keys and only real operation names', () => {
    // Prepare
    const stats = JSON.parse(block('json')) as Record<string, Record<string, Record<string, number>>>;
    // Act
    const names = (part: string, provider: string) => Object.keys(stats[part]![provider]!);
    // Assess
    expect(Object.keys(stats)).toEqual(['since', 'providers', 'faulted']);
    for (const part of ['providers', 'faulted']) {
      for (const name of names(part, 'microsoft')) expect(Object.keys(MICROSOFT_OPERATIONS)).toContain(name);
      for (const name of names(part, 'google')) expect(Object.keys(GOOGLE_OPERATIONS)).toContain(name);
    }
  });
});

describe('the deployed code', () => {
  it('imports nothing of local/, so no Lambda bundle carries the control routes', () => {
    // Prepare
    const files = (readdirSync('functions', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    // Act
    const importers = files.filter((f) => /from '(\.\.\/)+local\//.test(readFileSync(join('functions', f), 'utf8')));
    // Assess
    expect(files.length).toBeGreaterThan(50);
    expect(importers).toEqual([]);
  });
});
