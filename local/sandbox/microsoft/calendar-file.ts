/** Reading a sandbox calendar file: JSON in Graph's shapes, validated so a typo names its file and field. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { sandboxCalendarSchema, type SandboxCalendarFile } from './file-schema';

/** Thrown when a sandbox calendar cannot be read or does not validate. */
export class SandboxCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxCalendarError';
  }
}

/** "events[2].start.timeZone" for a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

/** One line per issue: "field: message". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${issuePath(issue.path)}: ${issue.message}${keys}`;
  });
}

/** Validates an already parsed calendar; `source` names it in errors. */
export function parseSandboxCalendar(value: unknown, source = 'sandbox calendar'): SandboxCalendarFile {
  const result = sandboxCalendarSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = describeIssues(result.error).map((l) => `  - ${l}`);
  throw new SandboxCalendarError(`Invalid sandbox calendar file ${source}:\n${lines.join('\n')}`);
}

/** Reads and validates a sandbox calendar JSON file; errors name the file and the bad field. */
export function loadSandboxCalendar(path: string): SandboxCalendarFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SandboxCalendarError(`Cannot read sandbox calendar file ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SandboxCalendarError(
      `Sandbox calendar file ${path} is not valid JSON ${jsonErrorWhere(text, err as Error)}`,
    );
  }
  return parseSandboxCalendar(value, path);
}

/** "at line 3, column 5: Expected ',' or '}'", from JSON.parse's character position (editors count lines). */
export function jsonErrorWhere(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message);
  const at = position ? Number(position[1]) : text.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const reason = error.message
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '');
  return `at line ${line}, column ${column}: ${reason}`;
}
