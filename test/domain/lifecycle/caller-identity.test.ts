import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type CallerIdentity = typeof import('../../../functions/domain/lifecycle/caller-identity');
let c: CallerIdentity;

// The carriers' withheld-number sentinels are a module-level set, built once when the module loads. Loading it afresh
// inside each test (not at the top of the file, where no test is running yet) is what lets mutation testing see these
// tests use that set.
beforeEach(async () => {
  vi.resetModules();
  c = await import('../../../functions/domain/lifecycle/caller-identity');
});

describe('Function: normalizePhone', () => {
  it.each([
    ['+15551234567', '+15551234567'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['  +44 20 7946 0000 ', '+442079460000'],
    ['0044 20 7946 0000', '+442079460000'],
    ['00 44 20 7946 0000', '+442079460000'],
    ['(555) 123-4567', '5551234567'],
    ['020 7946 0000', '02079460000'],
    ['1234', '1234'],
    ['+1234', '+1234'],
  ])('writes %j as %j', (raw, phone) => {
    // Act / Assess
    expect(c.normalizePhone(raw)).toBe(phone);
  });

  it.each([[undefined], [''], ['   '], ['123'], ['+1-2-3'], ['() -']])(
    'gives undefined for %j, too short to be a number',
    (raw) => {
      // Act / Assess
      expect(c.normalizePhone(raw)).toBeUndefined();
    },
  );

  it.each([['anonymous'], ['RESTRICTED'], ['Unknown'], ['private'], ['+1 555 CALL NOW'], ['5551234567x']])(
    'gives undefined for %j, which has letters in it',
    (raw) => {
      // Act / Assess
      expect(c.normalizePhone(raw)).toBeUndefined();
    },
  );

  it.each([
    ['ANONYMOUS', '+266696687'],
    ['ANONYMOUS, with 00 for +', '00266696687'],
    ['RESTRICTED', '+7378742833'],
    ['UNAVAILABLE', '+8656696'],
    ['UNAVAILABLE, without its "+"', '8656696'],
    ['BLOCKED', '+2562533'],
    ['BLOCKED, spaced', '+25 625 33'],
    ['Unknown', '+86282452253'],
  ])('gives undefined for the withheld-number sentinel of %s (%j)', (_name, raw) => {
    // Act / Assess
    expect(c.normalizePhone(raw)).toBeUndefined();
  });

  it('keeps a number that only starts like a sentinel', () => {
    // Act / Assess
    expect(c.normalizePhone('+2666966871')).toBe('+2666966871');
  });
});

describe('Function: samePhone', () => {
  it.each([
    ['the same E.164 number', '+15551234567', '+1 555 123 4567'],
    ['the same number without its country code', '5551234567', '+15551234567'],
    ['the caller without the country code', '+15551234567', '(555) 123-4567'],
    ['a number with 00 for +', '0044 20 7946 0000', '+442079460000'],
    ['the last eleven digits', '02079460000', '+4402079460000'],
    ['the recorded E.164 digits at the end of a longer number without "+"', '+5551234567', '15551234567'],
    ['the caller E.164 digits at the end of a longer number without "+"', '15551234567', '+5551234567'],
  ])('is true for %s', (_what, recorded, caller) => {
    // Act / Assess
    expect(c.samePhone(recorded, caller)).toBe(true);
  });

  it.each([
    ['two different E.164 numbers, one ending with the other', '+15551234567', '+4415551234567'],
    ['two different E.164 numbers, the other way round', '+4415551234567', '+15551234567'],
    ['a different number', '+15551234567', '+15559876543'],
    ['nine last digits only', '551234567', '+15551234567'],
    ['nine last digits only, the other way round', '+15551234567', '551234567'],
    ['a longer number that does not end with the shorter one', '5551234567', '+15551234568'],
    ['no recorded number', undefined, '+15551234567'],
    ['no caller number', '+15551234567', undefined],
    ['a withheld caller', '+15551234567', 'anonymous'],
    ['two withheld numbers', 'anonymous', 'restricted'],
    ['two missing numbers', undefined, undefined],
  ])('is false for %s', (_what, recorded, caller) => {
    // Act / Assess
    expect(c.samePhone(recorded, caller)).toBe(false);
  });
});

describe('Function: callerKeyOf', () => {
  const digest = (phone: string) => createHash('sha256').update(phone).digest('hex').slice(0, 32);

  it('is the first 32 hex digits of the SHA-256 of the number in E.164 form', () => {
    // Act
    const key = c.callerKeyOf('+1 (555) 123-4567');

    // Assess
    expect(key).toBe(digest('+15551234567'));
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives one key for every way of writing a number, and another for another number', () => {
    // Act
    const keys = ['+15551234567', ' +1 555 123 4567 ', '+1-555-123-4567', '+15559876543'].map(c.callerKeyOf);

    // Assess
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it.each([[undefined], [''], ['anonymous'], ['+266696687'], ['12']])('gives "withheld" for %j', (number) => {
    // Act / Assess
    expect(c.callerKeyOf(number)).toBe('withheld');
  });
});

describe('Function: normalizeCode', () => {
  it.each([
    ['abc123', 'ABC123'],
    ['ab c1 23', 'ABC123'],
    ['AB-C1-23', 'ABC123'],
    ['a.b,c\t1\n2 3', 'ABC123'],
    ['  a - b . c , 1  ', 'ABC1'],
  ])('writes %j as %j', (said, code) => {
    // Act / Assess
    expect(c.normalizeCode(said)).toBe(code);
  });

  it('keeps any other character', () => {
    // Act / Assess
    expect(c.normalizeCode('ab_c/1')).toBe('AB_C/1');
  });
});

describe('Function: codeMatches', () => {
  it.each([
    ['ABC123', 'ABC123'],
    ['abc 123', 'ABC123'],
    ['a-b-c-1-2-3', 'ABC123'],
    ['ABC123', 'abc-123'],
  ])('matches %j with the code %j', (said, code) => {
    // Act / Assess
    expect(c.codeMatches(said, code)).toBe(true);
  });

  it.each([
    ['ABC124', 'ABC123'],
    ['ABC12', 'ABC123'],
    ['ABC1234', 'ABC123'],
    ['', 'ABC123'],
    [' - ', 'ABC123'],
  ])('does not match %j with the code %j', (said, code) => {
    // Act / Assess
    expect(c.codeMatches(said, code)).toBe(false);
  });
});
