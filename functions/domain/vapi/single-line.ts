/** VAPI mis-parses tool results with line breaks (vapi.md §2), so everything we send back is made single-line here. */

// Line breaks of every kind, and the whitespace around them, become one space; other control characters become spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this file's job.
const BREAKS = /\s*[\r\n\u000b\u000c\u0085\u2028\u2029]+\s*/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this file's job.
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** `s` with line breaks and control characters replaced by spaces, trimmed. */
export function toSingleLine(s: string): string {
  return s.replace(BREAKS, ' ').replace(CONTROLS, ' ').trim();
}

/**
 * Compact JSON of `value` whose string values are single-line. Compact JSON.stringify already escapes \n and \r,
 * but not U+2028/U+2029, so those are escaped afterwards (they only occur inside string literals, so this stays valid
 * JSON).
 */
export function toSingleLineJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? toSingleLine(v) : v));
  if (json === undefined) throw new TypeError('value is not JSON-serialisable');
  return json.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
