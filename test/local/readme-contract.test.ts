/** The README's local contract is a promise: its examples must work as written. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVapiMessage } from '../../functions/domain/vapi/message';
import { parseSandboxCalendar } from '../../local/sandbox/microsoft';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = (heading: string) => README.slice(README.indexOf(heading));
const firstBlock = (text: string, lang: string) =>
  text.slice(
    text.indexOf(`\`\`\`${lang}\n`) + lang.length + 4,
    text.indexOf('\n```', text.indexOf(`\`\`\`${lang}\n`) + 4),
  );

function sources(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) =>
      statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : '',
    )
    .join('\n');
}

describe('README: the local contract', () => {
  it('the SANDBOX_CALENDAR_FILE example is a valid calendar file', () => {
    // Prepare
    const example = JSON.parse(firstBlock(section('`SANDBOX_CALENDAR_FILE` format'), 'json')) as unknown;
    // Act
    const calendar = parseSandboxCalendar(example, 'README example');
    // Assess
    expect(calendar.events).toHaveLength(1);
    expect(calendar.events[0]!.recurrence?.range.type).toBe('noEnd');
  });

  it('the curl example posts a VAPI tool call the webhook reads', () => {
    // Prepare
    const curl = firstBlock(section('### Try the webhook'), 'bash');
    const body = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, curl.lastIndexOf("'"))) as unknown;
    // Act
    const message = parseVapiMessage(body);
    // Assess
    expect(message).toMatchObject({
      kind: 'tool-calls',
      calls: [{ name: 'get_availability', args: { time_of_day: 'afternoon' } }],
    });
  });

  it('every variable in the table is read by npm start or the handlers', () => {
    // Prepare
    const table = section('### The local contract')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const names = table.flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!));
    const code = sources('local') + sources('functions') + readFileSync('scripts/start.ts', 'utf8');
    // Act & Assess
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(code, name).toContain(name);
  });
});
