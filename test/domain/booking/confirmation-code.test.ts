import { beforeEach, describe, expect, it, vi } from 'vitest';

type Codes = typeof import('../../../functions/domain/booking/confirmation-code');
let c: Codes;

// The alphabet is a module-level constant, built once when the module loads. Loading the module afresh inside each
// test lets mutation testing see these tests use it.
beforeEach(async () => {
  vi.resetModules();
  c = await import('../../../functions/domain/booking/confirmation-code');
});

describe('Function: confirmationCodeFor', () => {
  it('gives six characters of the unambiguous alphabet, the same for one key', () => {
    // Act
    const code = c.confirmationCodeFor('call-1|mgr|1764000000000');

    // Assess
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(c.confirmationCodeFor('call-1|mgr|1764000000000')).toBe(code);
    expect(c.confirmationCodeFor('call-2|mgr|1764000000000')).not.toBe(code);
  });

  it('gives as many characters as asked for', () => {
    // Act / Assess
    expect([4, 8].map((length) => c.confirmationCodeFor('k', length).length)).toEqual([4, 8]);
  });
});

describe('Function: newConfirmationCode', () => {
  it('draws each character from the 25 unambiguous ones, in alphabet order', () => {
    // Prepare
    const draws = [0, 24, 12];

    // Act
    const code = c.newConfirmationCode(3, (max) => (max === 25 ? draws.shift()! : Number.NaN));

    // Assess
    expect(code).toBe('A9Q');
  });
});
