import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import * as loadedTable from '../../../functions/domain/tools/table';
import * as loadedTools from '../../../functions/domain/vapi/tools';
import { thrown } from '../../support/thrown';

type Tools = typeof import('../../../functions/domain/vapi/tools');
type Table = typeof import('../../../functions/domain/tools/table');
let tools: Tools = loadedTools;
let table: Table = loadedTable;

const URL = 'https://abc.example.com/vapi';

describe('Function: toolParametersJsonSchema (list parameters)', () => {
  // Its own module graph, so the tool swapped into the table below never leaks into other tests. Only here: a fresh
  // graph per test would make every module-level mutant of the domain rerun these tests.
  beforeEach(async () => {
    vi.resetModules();
    table = await import('../../../functions/domain/tools/table');
    tools = await import('../../../functions/domain/vapi/tools');
  });
  afterEach(() => {
    table = loadedTable;
    tools = loadedTools;
  });

  it('keeps only VAPI keywords inside list items too, and passes a closed tuple through as is', () => {
    // Prepare: a tool whose parameters hold lists (none of today's tools do; the table may grow)
    const schema = z.object({
      tags: z.array(z.string().check(z.minLength(2), z.maxLength(20), z.describe('One tag.'))),
      rooms: z.array(z.object({ name: z.string().check(z.maxLength(40)) })),
      pair: z.tuple([z.string()]),
    });
    const entry = table.TOOL_TABLE.hold_slot as unknown as { schema: unknown };
    entry.schema = schema;
    // Act
    const shaped = tools.toolParametersJsonSchema('hold_slot');
    // Assess
    expect(shaped).toEqual({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', description: 'One tag.' } },
        rooms: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
        pair: { type: 'array', items: false },
      },
      required: ['tags', 'rooms', 'pair'],
    });
  });

  it('gives a real tool its object type, properties and required list unchanged in kind', () => {
    // Act
    const shaped = tools.toolParametersJsonSchema('hold_slot') as {
      type: unknown;
      properties: Record<string, { type?: unknown }>;
      required: unknown;
    };
    // Assess
    expect(shaped.type).toBe('object');
    expect(shaped.required).toEqual(['start_time']);
    expect(shaped.properties.start_time?.type).toBe('string');
    expect(Object.keys(shaped).sort()).toEqual(['properties', 'required', 'type']);
  });

  it('builds every create-tool body of a freshly loaded table as the reviewed contract shows it', () => {
    // Prepare
    const golden = JSON.parse(
      readFileSync(new globalThis.URL('../../events/vapi-outbound/tool-payloads.json', import.meta.url), 'utf8'),
    ) as unknown;
    // Act
    const payloads = tools.vapiToolPayloads({ url: 'https://example.test/vapi', credentialId: 'cred-1' });
    // Assess
    expect(JSON.parse(JSON.stringify(payloads))).toEqual(golden);
  });
});

describe('Function: vapiToolPayloads (what it refuses)', () => {
  it.each<[string, string, string]>([
    ['not a url', 'The webhook url is not a valid URL.', 'url'],
    ['http://abc.example.com/vapi', 'The webhook url must use https.', 'url'],
  ])('refuses the url %s, saying why', (url, message, reason) => {
    // Act
    const error = thrown(() => tools.vapiToolPayloads({ url }));
    // Assess
    expect(error).toMatchObject({ name: 'ValidationError', message, reason });
  });

  it.each([0, 301, 2.5])('refuses a timeout of %s s, saying the range', (timeoutSeconds) => {
    // Act
    const error = thrown(() => tools.vapiToolPayloads({ url: URL, timeoutSeconds }));
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'The timeout must be a whole number of seconds from 1 to 300.',
      reason: 'timeout',
    });
  });

  it.each([1, 300])('accepts a timeout of exactly %s s (the range is inclusive)', (timeoutSeconds) => {
    // Act
    const payloads = tools.vapiToolPayloads({ url: URL, timeoutSeconds }) as Array<{
      server: { timeoutSeconds: number };
    }>;
    // Assess
    expect(payloads.map((p) => p.server.timeoutSeconds)).toEqual(table.TOOL_NAMES.map(() => timeoutSeconds));
  });
});
