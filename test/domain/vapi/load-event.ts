/** Loads a VAPI webhook body fixture from test/events/vapi (a fresh copy per call, so tests cannot leak mutations). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EVENTS = fileURLToPath(new URL('../../events/vapi/', import.meta.url));

/** The parsed JSON of test/events/vapi/<name>.json. */
export function loadVapiEvent(name: string): unknown {
  return JSON.parse(readFileSync(`${EVENTS}${name}.json`, 'utf8')) as unknown;
}
