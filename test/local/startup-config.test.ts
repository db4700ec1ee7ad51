import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/contract/env';
import { readStartupConfig } from '../../local/startup-config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    readStartupConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

const badJson = join(tmpdir(), `bad-calendar-${process.pid}.json`);
writeFileSync(badJson, '{\n  "user": { "displayName": "Pat",\n    "mail": "pat@x.example" }\n  "events": []\n}\n');

describe('Function: readStartupConfig', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ['SLOT_MINUTES', { SLOT_MINUTES: 'abc' }, /^SLOT_MINUTES must be an integer from 5 to 480, got "abc"$/],
    ['VAPI_ROUTES', { VAPI_ROUTES: '{bad' }, /^VAPI_ROUTES must be a JSON object .*, got "\{bad"$/],
    [
      'DEFAULT_WORKING_HOURS',
      { DEFAULT_WORKING_HOURS: '9-5' },
      /^DEFAULT_WORKING_HOURS must look like "mon-fri 09:00-17:00; sat 10:00-14:00", got "9-5"$/,
    ],
    [
      'DEFAULT_TIME_ZONE',
      { DEFAULT_TIME_ZONE: 'Mars/Base' },
      /^DEFAULT_TIME_ZONE must be an IANA time zone .*, got "Mars\/Base"$/,
    ],
    [
      'DEFAULT_WORKING_HOURS (75 minutes)',
      { DEFAULT_WORKING_HOURS: 'mon-fri 09:75-17:00' },
      /^DEFAULT_WORKING_HOURS must look like/,
    ],
    [
      'DEFAULT_WORKING_HOURS (17:99)',
      { DEFAULT_WORKING_HOURS: 'mon-fri 09:00-17:99' },
      /^DEFAULT_WORKING_HOURS must look like/,
    ],
    [
      'PUBLIC_BASE_URL (port)',
      { PUBLIC_BASE_URL: 'https://example.com:99999' },
      /^PUBLIC_BASE_URL must be an http\(s\) URL/,
    ],
    [
      'TENTATIVE_BLOCKS',
      { TENTATIVE_BLOCKS: 'sometimes' },
      /^TENTATIVE_BLOCKS must be true or false, got "sometimes"$/,
    ],
    ['MAILBOX_REFRESH_HOURS', { MAILBOX_REFRESH_HOURS: '0' }, /^MAILBOX_REFRESH_HOURS must be an integer/],
    ['KEEPER_IDLE_DAYS', { KEEPER_IDLE_DAYS: '90' }, /^KEEPER_IDLE_DAYS must be an integer from 1 to 80, got "90"$/],
    ['KEEPER_BATCH_SIZE', { KEEPER_BATCH_SIZE: 'all' }, /^KEEPER_BATCH_SIZE must be an integer from 1 to 500/],
    ['KEEPER_BUDGET_SECONDS', { KEEPER_BUDGET_SECONDS: '5' }, /^KEEPER_BUDGET_SECONDS must be an integer from 10/],
    ['KEEPER_INTERVAL_MINUTES', { KEEPER_INTERVAL_MINUTES: '-1' }, /^KEEPER_INTERVAL_MINUTES must be an integer/],
    ['PORT', { PORT: 'http' }, /^PORT must be a port number from 0 to 65535, got "http"$/],
    ['DEFAULT_MANAGER_ID', { DEFAULT_MANAGER_ID: 'a b' }, /^DEFAULT_MANAGER_ID must hold manager ids/],
    ['INVITE_SIGNING_KEY', { INVITE_SIGNING_KEY: 'short' }, /^INVITE_SIGNING_KEY must be 32–128 characters/],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'localhost:3000' }, /^PUBLIC_BASE_URL must be an http\(s\) URL/],
    ['POWERTOOLS_LOG_LEVEL', { POWERTOOLS_LOG_LEVEL: 'LOUD' }, /^POWERTOOLS_LOG_LEVEL must be one of/],
    [
      'MICROSOFT_CLIENT_SECRET',
      { MICROSOFT_CLIENT_ID: 'id' },
      /^MICROSOFT_CLIENT_SECRET must be set with MICROSOFT_CLIENT_ID/,
    ],
    [
      'SANDBOX_CALENDAR_FILE',
      { SANDBOX_CALENDAR_FILE: badJson },
      /^SANDBOX_CALENDAR_FILE: .* not valid JSON at line 4, column 3: /,
    ],
  ])('names %s, its value and the expected form', (_name, env, expected) => {
    // Act
    const problems = problemsOf(env);
    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('reports every bad variable at once', () => {
    // Act
    const problems = problemsOf({
      SLOT_MINUTES: 'abc',
      VAPI_ROUTES: '{bad',
      DEFAULT_WORKING_HOURS: '9-5',
      DEFAULT_TIME_ZONE: 'Mars/Base',
    });
    // Assess
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DEFAULT_TIME_ZONE',
      'DEFAULT_WORKING_HOURS',
      'SLOT_MINUTES',
      'VAPI_ROUTES',
    ]);
  });

  it('never echoes a bad invite key', () => {
    // Act
    const problems = problemsOf({ INVITE_SIGNING_KEY: '"Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA"' });
    // Assess
    expect(problems.join('\n')).not.toContain('Zm9vYmFy');
  });

  it('accepts the defaults', () => {
    // Act & Assess
    expect(readStartupConfig({})).toEqual({
      port: 3000,
      sandbox: true,
      calendar: undefined,
      googleSandbox: true,
      googleCalendar: undefined,
    });
  });

  it('names the Google variable missing beside the one set, and a bad Google calendar file with its field', () => {
    // Act
    const half = problemsOf({ GOOGLE_CLIENT_ID: '1-abc.apps.googleusercontent.com' });
    const file = problemsOf({ SANDBOX_GOOGLE_CALENDAR_FILE: 'test/events/sandbox/google/invalid-calendar.json' });

    // Assess
    expect(half).toEqual([
      'GOOGLE_CLIENT_SECRET must be set with GOOGLE_CLIENT_ID (both for real Google, neither for the sandbox)',
    ]);
    expect(file).toHaveLength(1);
    expect(file[0]).toMatch(/^SANDBOX_GOOGLE_CALENDAR_FILE: /);
  });

  it('reads a real Google client as no Google sandbox', () => {
    // Act
    const config = readStartupConfig({
      GOOGLE_CLIENT_ID: '1-abc.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 's',
    });

    // Assess
    expect(config.googleSandbox).toBe(false);
  });
});

describe('Script: npm start with a bad configuration', () => {
  it('exits non-zero before starting anything, one line naming the variable', () => {
    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, SLOT_MINUTES: 'abc', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('Configuration error: SLOT_MINUTES must be an integer from 5 to 480, got "abc"');
    expect(run.stdout).not.toMatch(/DynamoDB|running at/);
  });

  it('prints its usage for --help', () => {
    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--help'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm start/);
  });
});
