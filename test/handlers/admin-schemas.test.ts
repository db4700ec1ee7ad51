/** The admin API's input schemas: the words an operator reads for each bad path segment, body and query. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshSchemas, type Schemas } from './admin-schemas-support';

let s: Schemas;
let refused: (schema: keyof Schemas, input: unknown, root?: string) => { message: string; reason: string };

beforeEach(async () => {
  const fresh = await freshSchemas();
  s = fresh.schemas;
  refused = (schema, input, root) =>
    fresh.refusal(() => s.parseOrThrow(s[schema] as Parameters<Schemas['parseOrThrow']>[0], input, root));
});

describe('Function: parseOrThrow (path segments)', () => {
  it('names a bad manager id and says what one is', () => {
    // Act / Assess
    expect(refused('managerIdSchema', 'a b', 'managerId')).toEqual({
      message: 'managerId: must be 1-128 characters of letters, digits and . _ @ + -',
      reason: 'managerId',
    });
  });

  it.each(['a b', '/abc', 'abc/', 'x'.repeat(129)])('refuses the connection id "%s"', (id) => {
    // Act / Assess
    expect(refused('connectionIdSchema', id, 'connectionId')).toEqual({
      message: 'connectionId: must be a connection id as GET managers/{id} lists it',
      reason: 'connectionId',
    });
  });

  it('takes a connection id as the manager view lists it', () => {
    // Act / Assess
    expect(s.parseOrThrow(s.connectionIdSchema, 'microsoft-0123.abc_D', 'connectionId')).toBe('microsoft-0123.abc_D');
  });

  it.each([
    ['empty', '', 'calendarId: must not be empty; calendarId: must not contain control characters'],
    ['too long', 'c'.repeat(1025), 'calendarId: must be at most 1024 characters'],
    ['with a control character inside', 'a\u0007b', 'calendarId: must not contain control characters'],
    ['with a control character at its start', '\u0000ab', 'calendarId: must not contain control characters'],
    ['with a control character at its end', 'ab\u007f', 'calendarId: must not contain control characters'],
  ])('refuses a calendar id %s, saying why', (_case, id, message) => {
    // Act / Assess
    expect(refused('calendarIdSchema', id, 'calendarId')).toEqual({ message, reason: 'calendarId' });
  });

  it('takes any printable calendar id of up to 1024 characters, "/", "+" and "=" included', () => {
    // Act / Assess
    expect(s.parseOrThrow(s.calendarIdSchema, 'AAMkADI5ZjQ+Lw/abc==', 'calendarId')).toBe('AAMkADI5ZjQ+Lw/abc==');
    expect(s.parseOrThrow(s.calendarIdSchema, 'c'.repeat(1024), 'calendarId')).toHaveLength(1024);
  });
});

describe('Function: parseOrThrow (bodies)', () => {
  it('takes a role and lists the roles for any other value', () => {
    // Act / Assess
    expect(s.parseOrThrow(s.roleBodySchema, { role: 'busy' })).toEqual({ role: 'busy' });
    expect(refused('roleBodySchema', { role: 'owner' })).toEqual({
      message: 'role: must be one of book, busy, ignore',
      reason: 'role',
    });
  });

  it('names every problem, "; " between them, the first one as the reason; a key that is no field is refused', () => {
    // Act / Assess
    expect(refused('roleBodySchema', { role: 'owner', color: 'red' })).toEqual({
      message: 'role: must be one of book, busy, ignore; color: not accepted here',
      reason: 'role',
    });
  });

  it('names a field inside the input by its path below the root', () => {
    // Act / Assess
    expect(refused('roleBodySchema', { role: 1 }, 'body').message).toBe('body.role: must be one of book, busy, ignore');
  });
});
