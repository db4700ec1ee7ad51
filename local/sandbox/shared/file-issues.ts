/** What both sandboxes say about a bad calendar file: the path of each bad field, and where JSON.parse stopped. */
import type * as z from 'zod/mini';
// The issues carry zod's own English words (zod/mini loads none by itself).
import '../../../functions/contract/zod-english';

/** "events[2].start.timeZone" for a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

/** One line per issue: "field: message". */
export function describeIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${issuePath(issue.path)}: ${issue.message}${keys}`;
  });
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
