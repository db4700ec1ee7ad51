/** Reading a Google sandbox file: JSON in Calendar v3 shapes, validated so a typo names its file and field. */
import { readFileSync } from 'node:fs';
import { describeIssues, jsonErrorWhere } from '../shared/file-issues';
import { type GoogleSandboxFile, googleSandboxSchema } from './file-schema';

/** Thrown when a Google sandbox file cannot be read or does not validate. */
export class GoogleSandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoogleSandboxError';
  }
}

/** Validates a file's content (parsed, or JSON text); `source` names it in errors. */
export function parseGoogleSandboxFile(value: unknown, source = 'Google sandbox file'): GoogleSandboxFile {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new GoogleSandboxError(`${source} is not valid JSON ${jsonErrorWhere(value, err as Error)}`);
    }
  }
  const result = googleSandboxSchema.safeParse(parsed);
  if (result.success) return result.data;
  const lines = describeIssues(result.error).map((l) => `  - ${l}`);
  throw new GoogleSandboxError(`Invalid Google sandbox file ${source}:\n${lines.join('\n')}`);
}

/** Reads and validates a SANDBOX_GOOGLE_CALENDAR_FILE; errors name the file and the bad field. */
export function loadGoogleSandboxFile(path: string): GoogleSandboxFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GoogleSandboxError(`Cannot read Google sandbox file ${path}: ${(err as Error).message}`);
  }
  return parseGoogleSandboxFile(text, path);
}
