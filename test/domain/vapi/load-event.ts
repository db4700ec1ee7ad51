/** Loads a VAPI webhook body fixture from test/events/vapi (a fresh copy per call, so tests cannot leak mutations). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EVENTS = fileURLToPath(new URL('../../events/vapi/', import.meta.url));

/** The raw text of test/events/vapi/<name>.json, byte for byte (what a signature covers). */
export function loadVapiEventText(name: string): string {
  return readFileSync(`${EVENTS}${name}.json`, 'utf8');
}

/** The parsed JSON of test/events/vapi/<name>.json. */
export function loadVapiEvent(name: string): unknown {
  return JSON.parse(loadVapiEventText(name)) as unknown;
}
