/** What every tool's arguments go through before their schema reads them. */
import * as z from 'zod/mini';

/**
 * Models often send null or "" for an optional parameter they have no value for: treat both as absent, and trim text.
 * The copy has no prototype and never a "__proto__" key: JSON.parse makes that an own key, and assigning it to a plain
 * object would make it the prototype, whose fields the schema would then read (and book).
 */
export function normalizeArgs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(value)) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (key !== '__proto__' && v !== null && v !== '') out[key] = v;
  }
  return out;
}

/** zod/mini has no preprocess: the pipe classic zod's z.preprocess builds (the function as a transform, then `schema`). */
export function preprocess<S extends z.core.SomeType>(fn: (value: unknown) => unknown, schema: S) {
  return z.pipe(z.transform(fn), schema as unknown as z.core.$ZodType) as unknown as z.ZodMiniPipe<
    z.ZodMiniTransform<unknown, unknown>,
    S
  >;
}
