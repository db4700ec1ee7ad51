/** The invite signing key's rule as the operator reads it: the whole sentence, and the lengths it takes. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type InviteKey = typeof import('../../functions/contract/invite-key');
let inviteKey: InviteKey;

beforeEach(async () => {
  // The pattern and the form sentence are module-level values: load them afresh (why: test/mutation/README.md).
  vi.resetModules();
  inviteKey = await import('../../functions/contract/invite-key');
});

const FORM =
  '32–128 characters of A–Z, a–z, 0–9, "-" or "_" ' +
  "(the key npm start prints or the stack's invite-signing-key secret)";

describe('Function: readInviteSigningKey', () => {
  it('says in full what the key must be when it is not set', () => {
    // Act + Assess
    expect(() => inviteKey.readInviteSigningKey(undefined)).toThrow(
      `INVITE_SIGNING_KEY is not set; it must be ${FORM}`,
    );
  });

  it('refuses keys of 31 and 129 characters and takes one of 32 and one of 128', () => {
    // Act + Assess
    expect(() => inviteKey.readInviteSigningKey('k'.repeat(31))).toThrow(
      `INVITE_SIGNING_KEY must be ${FORM}; got 31 characters`,
    );
    expect(inviteKey.readInviteSigningKey('k'.repeat(32))).toBe('k'.repeat(32));
    expect(inviteKey.readInviteSigningKey('k'.repeat(128))).toBe('k'.repeat(128));
    expect(() => inviteKey.readInviteSigningKey('k'.repeat(129))).toThrow(
      `INVITE_SIGNING_KEY must be ${FORM}; got 129 characters`,
    );
  });
});
