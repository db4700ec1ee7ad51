import { beforeEach, describe, expect, it, vi } from 'vitest';

type Errors = typeof import('../../functions/domain/errors');
let e: Errors;

// Loaded afresh in each test, so mutation testing ties the classes' defaults to the tests that read them.
beforeEach(async () => {
  vi.resetModules();
  e = await import('../../functions/domain/errors');
});

/** What an operator and the edge mappers see of an error. */
const seen = (err: InstanceType<Errors['AppError']>) => ({ name: err.name, message: err.message, expose: err.expose });

describe('Named errors: name, default text, and whether the text may be shown', () => {
  it.each([
    ['AppError', () => new e.AppError('x'), { name: 'AppError', message: 'x', expose: true }],
    [
      'AppError hidden',
      () => new e.AppError('x', { expose: false }),
      { name: 'AppError', message: 'x', expose: false },
    ],
    ['ValidationError', () => new e.ValidationError('bad'), { name: 'ValidationError', message: 'bad', expose: true }],
    [
      'UnauthorizedError',
      () => new e.UnauthorizedError(),
      { name: 'UnauthorizedError', message: 'Unauthorized', expose: true },
    ],
    ['ExpiredError', () => new e.ExpiredError('old'), { name: 'ExpiredError', message: 'old', expose: true }],
    ['NotFoundError', () => new e.NotFoundError('none'), { name: 'NotFoundError', message: 'none', expose: true }],
    [
      'PayloadTooLargeError',
      () => new e.PayloadTooLargeError(),
      { name: 'PayloadTooLargeError', message: 'Payload too large', expose: true },
    ],
    [
      'SlotTakenError',
      () => new e.SlotTakenError(),
      { name: 'SlotTakenError', message: 'Slot already taken', expose: true },
    ],
    [
      'NotConnectedError',
      () => new e.NotConnectedError(),
      { name: 'NotConnectedError', message: 'No calendar is set up for this manager', expose: false },
    ],
    [
      'ReconnectRequiredError',
      () => new e.ReconnectRequiredError(),
      { name: 'ReconnectRequiredError', message: 'Calendar needs to be reconnected', expose: false },
    ],
    [
      'ProviderUnavailableError',
      () => new e.ProviderUnavailableError(),
      { name: 'ProviderUnavailableError', message: 'Calendar provider unavailable', expose: false },
    ],
    [
      'CallLimitError',
      () => new e.CallLimitError(),
      { name: 'CallLimitError', message: 'Booking limit of the call reached', expose: false },
    ],
    [
      'ProviderError',
      () => new e.ProviderError('Graph said no', 403, 'ErrorAccessDenied'),
      { name: 'ProviderError', message: 'Graph said no', expose: false },
    ],
    [
      'ConcurrencyError',
      () => new e.ConcurrencyError(),
      { name: 'ConcurrencyError', message: 'Concurrent modification', expose: false },
    ],
  ])('%s', (_name, make, expected) => {
    // Act
    const err = make();
    // Assess
    expect(seen(err)).toEqual(expected);
  });

  it.each([
    ['NotConnectedError', () => new e.NotConnectedError('m', { expose: true } as ErrorOptions)],
    ['ReconnectRequiredError', () => new e.ReconnectRequiredError('m', { expose: true } as ErrorOptions)],
    ['ProviderUnavailableError', () => new e.ProviderUnavailableError('m', { expose: true } as ErrorOptions)],
    ['CallLimitError', () => new e.CallLimitError('m', { expose: true } as ErrorOptions)],
    ['ProviderError', () => new e.ProviderError('m', 500, 'x', { expose: true } as ErrorOptions)],
    ['ConcurrencyError', () => new e.ConcurrencyError('m', { expose: true } as ErrorOptions)],
  ])('%s never shows its text, even when options ask it to', (_name, make) => {
    // Act / Assess
    expect(make().expose).toBe(false);
  });

  it('keeps the cause it is given, through the options', () => {
    // Prepare
    const cause = new Error('socket hang up');
    // Act
    const made = [
      new e.NotConnectedError('m', { cause }),
      new e.ReconnectRequiredError('m', { cause }),
      new e.ProviderUnavailableError('m', { cause }),
      new e.CallLimitError('m', { cause }),
      new e.ProviderError('m', 500, 'x', { cause }),
      new e.ConcurrencyError('m', { cause }),
    ];
    // Assess
    expect(made.map((err) => err.cause)).toEqual(made.map(() => cause));
  });

  it('carries each class its own fields: reason, limit, outcome, holder, status and code', () => {
    // Act
    const validation = [new e.ValidationError('bad'), new e.ValidationError('bad', 'past')];
    const limits = [new e.CallLimitError(), new e.CallLimitError(undefined, { limit: 'day' })];
    const outcomes = [new e.ProviderUnavailableError(), new e.ProviderUnavailableError('x', { outcomeUnknown: true })];
    const taken = new e.SlotTakenError('t', 'tc-1', 'call-1');
    const provider = new e.ProviderError('no', 409, 'Conflict');
    // Assess
    expect(validation.map((v) => v.reason)).toEqual(['invalid', 'past']);
    expect(limits.map((l) => l.limit)).toEqual(['call', 'day']);
    expect(outcomes.map((o) => o.outcomeUnknown)).toEqual([false, true]);
    expect([taken.holderToolCallId, taken.holderCallId]).toEqual(['tc-1', 'call-1']);
    expect([provider.status, provider.code]).toEqual([409, 'Conflict']);
  });
});

describe('Function: errorFields', () => {
  it.each([
    ['an error', () => new e.ProviderError('Graph 503', 503, 'x'), { error: 'ProviderError', reason: 'Graph 503' }],
    [
      'an error with a cause',
      () => new e.ProviderUnavailableError('down', { cause: new TypeError('fetch failed') }),
      { error: 'ProviderUnavailableError', reason: 'down', cause: 'TypeError: fetch failed' },
    ],
    ['a cause that is not an error', () => new Error('x', { cause: 'text' }), { error: 'Error', reason: 'x' }],
    ['a thrown string', () => 'boom', { error: 'string', reason: 'boom' }],
    ['a thrown number', () => 42, { error: 'number', reason: '42' }],
    ['undefined', () => undefined, { error: 'undefined', reason: undefined }],
  ])('%s', (_name, make, expected) => {
    // Act
    const fields = e.errorFields(make());
    // Assess: toStrictEqual, so a key present with undefined differs from no key at all
    expect(fields).toStrictEqual(expected);
  });
});
