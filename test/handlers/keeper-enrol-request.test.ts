/**
 * enrolRequestOf: which keeper events are a routine run (the schedule's, anything without `enrol`), which ask for the
 * one-off enrolment, and which are refused as malformed (never taken for a routine run).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Keeper = typeof import('../../functions/handlers/keeper');
type Errors = typeof import('../../functions/domain/errors');
let keeper: Keeper;
let errors: Errors;

// The request schema is a module-level value: load the module afresh (with the error classes) for each test.
beforeEach(async () => {
  vi.resetModules();
  keeper = await import('../../functions/handlers/keeper');
  errors = await import('../../functions/domain/errors');
});

const MALFORMED = 'An enrolment is invoked with {"enrol": true} and, to continue, the "cursor" it returned';

describe('Function: enrolRequestOf', () => {
  it.each([
    ['no event', undefined],
    ['null', null],
    ['a string', 'enrol'],
    ['an empty object', {}],
    ["the schedule's event", { source: 'aws.scheduler', 'detail-type': 'Scheduled Event' }],
  ])('takes %s for a routine run', (_case, event) => {
    // Act + Assess
    expect(keeper.enrolRequestOf(event)).toBeUndefined();
  });

  it('reads an enrolment request, with or without the cursor to continue from', () => {
    // Act + Assess
    expect(keeper.enrolRequestOf({ enrol: true })).toEqual({ enrol: true });
    expect(keeper.enrolRequestOf({ enrol: true, cursor: 'next-page' })).toEqual({ enrol: true, cursor: 'next-page' });
  });

  it.each([
    ['enrol false', { enrol: false }],
    ['enrol as a string', { enrol: 'true' }],
    ['an empty cursor', { enrol: true, cursor: '' }],
    ['an unknown field', { enrol: true, batch: 10 }],
  ])('refuses an enrolment request with %s, saying how to invoke one', (_case, event) => {
    // Act
    const read = () => keeper.enrolRequestOf(event);

    // Assess
    expect(read).toThrow(errors.ValidationError);
    expect(read).toThrow(MALFORMED);
  });
});
