import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/contract/env';
import { INVITE_KEY_PATTERN, readInviteSigningKey } from '../../functions/contract/invite-key';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** What `npm start` generates (local/app.ts). */
const localKey = () => randomBytes(24).toString('base64url');
/** What the stack's secret looks like (lib/secrets.ts: passwordLength 48, excludePunctuation). */
const stackKey = () => Array.from({ length: 48 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');

const LOCAL = 'q-8Zt_3xVn0pLk7wRb2YcHs9Ue4Mj6Ga';
const STACK = 'Xk29fQpL7vR0aZcN4mT8wYb1sHdG6jUe3KoVi5EtPlWn2BqA';

/** The message readInviteSigningKey throws for `value`. */
function messageFor(value: string | undefined, variable?: string): string {
  try {
    readInviteSigningKey(value, variable);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('Function: readInviteSigningKey', () => {
  it("accepts both generated forms: npm start's 32 base64url characters and the stack's 48 alphanumerics", () => {
    // Prepare
    const keys = [LOCAL, STACK, ...Array.from({ length: 200 }, localKey), ...Array.from({ length: 200 }, stackKey)];

    // Act
    const read = keys.map((key) => readInviteSigningKey(key));

    // Assess
    expect(LOCAL).toHaveLength(32);
    expect(STACK).toHaveLength(48);
    expect(read).toEqual(keys);
    expect(keys.every((key) => INVITE_KEY_PATTERN.test(key))).toBe(true);
  });

  it('trims surrounding whitespace (a trailing newline), as every reader of the key does', () => {
    // Act
    const key = readInviteSigningKey(`  ${STACK}\n`);

    // Assess
    expect(key).toBe(STACK);
  });

  const FORM_SENTENCE = /^INVITE_SIGNING_KEY must be 32–128 characters of A–Z, a–z, 0–9, "-" or "_" \(the key/;

  it.each([
    ['truncated below 32', LOCAL.slice(0, 31), /got 31 characters$/],
    ['too long (two keys pasted together)', STACK + STACK + STACK, /got 144 characters$/],
    ['in double quotes', `"${LOCAL}"`, /outside that set/],
    ['in single quotes', `'${STACK}'`, /outside that set/],
    ['followed by trailing text', `${LOCAL} npm run invite`, /outside that set/],
    ['with an inner space', `${LOCAL.slice(0, 16)} ${LOCAL.slice(16)}`, /outside that set/],
    ['in standard base64 with "=" padding', randomBytes(32).toString('base64'), /outside that set/],
    ['a name=value line', `INVITE_SIGNING_KEY=${LOCAL}`, /outside that set/],
  ])('rejects a key %s, naming the variable and the form, never echoing the key', (_case, value, problem) => {
    // Act
    const message = messageFor(value);

    // Assess
    expect(message).toMatch(FORM_SENTENCE);
    expect(message).toMatch(problem);
    expect(message).not.toContain(value.trim());
    expect(message).not.toContain(LOCAL.slice(0, 12));
    expect(message).not.toContain(STACK.slice(0, 12));
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each([[undefined], [''], ['  \n']])('says the key is not set for %j', (value) => {
    // Act
    const message = messageFor(value);

    // Assess
    expect(message).toMatch(/^INVITE_SIGNING_KEY is not set; it must be 32–128 characters/);
  });

  it('names the variable it is given', () => {
    // Act
    const message = messageFor('short', 'INVITE_SIGNING_KEY (secret of stack "Booking")');

    // Assess
    expect(message).toMatch(/^INVITE_SIGNING_KEY \(secret of stack "Booking"\) must be 32–128 characters/);
    expect(message).not.toContain('short');
  });
});
