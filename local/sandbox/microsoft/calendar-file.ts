/** Reading a sandbox calendar file: JSON in Graph's shapes, validated so a typo names its file and field. */
import { readFileSync } from 'node:fs';
import { describeIssues, jsonErrorWhere } from '../shared/file-issues';
import { sandboxCalendarSchema, type SandboxCalendarFile } from './file-schema';

/** Thrown when a sandbox calendar cannot be read or does not validate. */
export class SandboxCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxCalendarError';
  }
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
