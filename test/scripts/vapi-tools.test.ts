import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP, NO_CREDENTIAL_WARNING, runVapiTools } from '../../scripts/vapi-tools';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const URL_ARG = ['--url', 'https://abc123.execute-api.eu-west-1.amazonaws.com/vapi/webhook'];

/** Runs `npm run vapi:tools -- …argv` as the operator would (tsx). */
function runScript(argv: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/vapi-tools.ts', ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '' },
  });
}

describe('Function: runVapiTools', () => {
  const helps = [[['--help']], [['-h']], [[...URL_ARG, '--help']], [['--help', '--bogus']]];
  it.each(helps)('prints the help for %j', (argv) => {
    // Act
    const run = runVapiTools(argv);

    // Assess
    expect(run).toEqual({ code: 0, stdout: `${HELP}\n`, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run vapi:tools -- --url/);
  });

  it('prints every tool with the credential, and no warning, when --credential-id is given', () => {
    // Act
    const run = runVapiTools([...URL_ARG, '--credential-id', 'cred_123']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const tools = JSON.parse(run.stdout) as { function: { name: string }; server: { credentialId?: string } }[];
    expect(tools.map((t) => t.function.name)).toEqual([
      'get_availability',
      'set_appointment',
      'find_appointment',
      'hold_slot',
      'reschedule_appointment',
      'cancel_appointment',
    ]);
    expect(tools.every((t) => t.server.credentialId === 'cred_123')).toBe(true);
  });

  it('warns on stderr without --credential-id, keeping stdout pure JSON', () => {
    // Act
    const run = runVapiTools(URL_ARG);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${NO_CREDENTIAL_WARNING}\n`);
    expect(run.stderr).toMatch(/no --credential-id.*401.*Bearer credential.*vapi-webhook-secret.*step 5/);
    const tools = JSON.parse(run.stdout) as { server: object }[];
    expect(tools.every((t) => !('credentialId' in t.server))).toBe(true);
  });

  it('treats a blank --credential-id as missing', () => {
    // Act
    const run = runVapiTools([...URL_ARG, '--credential-id=  ']);

    // Assess
    expect(run.stderr).toBe(`${NO_CREDENTIAL_WARNING}\n`);
    expect(run.stdout).not.toContain('credentialId');
  });

  it.each([
    [[], /^Missing --url\.\nUsage:/],
    [['--url', 'http://insecure.example/vapi/webhook'], /^The webhook url must use https\.\nUsage:/],
    [[...URL_ARG, '--timeout', '0'], /^The timeout must be a whole number of seconds from 1 to 300\./],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('fails with exit code 2 and the usage for %j', (argv, message) => {
    // Act
    const run = runVapiTools(argv);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('Command: npm run vapi:tools', () => {
  it('exits 0 with the help on stdout for --help and -h', () => {
    // Act
    const runs = [runScript(['--help']), runScript(['-h'])];

    // Assess
    for (const run of runs) {
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${HELP}\n`);
      expect(run.stderr).toBe('');
    }
  });

  it('writes only JSON to stdout and the warning to stderr', () => {
    // Act
    const run = runScript(URL_ARG);

    // Assess
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(6);
    expect(run.stderr).toBe(`${NO_CREDENTIAL_WARNING}\n`);
  });
});
