import { describe, expect, it } from 'vitest';
import {
  NotConnectedError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
} from '../../../functions/domain/errors';
import { spokenFailure } from '../../../functions/domain/scheduling/spoken-failures';

const NOT_SET_UP =
  "The manager's calendar isn't set up yet, so I can't check or book times. " +
  "I can have the manager call you back to set up a time. Is the number you're calling from the best one?";
const UNREACHABLE =
  "I can't reach the manager's calendar right now, so I can't check or book times. " +
  "I can have the manager call you back to set up a time. Is the number you're calling from the best one?";
const NOT_RESPONDING =
  "The calendar isn't responding right now. Would you like the manager to call you back to set up a time?";
const COULD_NOT_WORK =
  "I couldn't work with the manager's calendar just now. " +
  'Would you like the manager to call you back to set up a time?';
const OUR_SIDE = 'Something went wrong on my side. Would you like the manager to call you back to set up a time?';

/** An Error with the given name, as an aborted fetch or an AWS SDK timeout throws it. */
const named = (name: string) => Object.assign(new Error('the operation was aborted'), { name });

describe('Function: spokenFailure', () => {
  it('says the calendar is not set up yet, offering a call back, when nothing is connected', () => {
    // Act
    const spoken = spokenFailure(new NotConnectedError());

    // Assess
    expect(spoken).toBe(NOT_SET_UP);
  });

  it('says the calendar cannot be reached, offering a call back, when it needs a reconnect', () => {
    // Act
    const spoken = spokenFailure(new ReconnectRequiredError());

    // Assess
    expect(spoken).toBe(UNREACHABLE);
  });

  it('says the calendar is not responding when the provider is unavailable', () => {
    // Act
    const spoken = spokenFailure(new ProviderUnavailableError('503 from Graph'));

    // Assess
    expect(spoken).toBe(NOT_RESPONDING);
  });

  it.each(['AbortError', 'TimeoutError'])('treats an %s (the deadline passed) as not responding', (name) => {
    // Act
    const spoken = spokenFailure(named(name));

    // Assess
    expect(spoken).toBe(NOT_RESPONDING);
  });

  it('does not take a thrown non-Error that merely carries a timeout name for a timeout', () => {
    // Act
    const spoken = spokenFailure({ name: 'AbortError', message: 'aborted' });

    // Assess
    expect(spoken).toBe(OUR_SIDE);
  });

  it('says it could not work with the calendar for a provider refusal', () => {
    // Act
    const spoken = spokenFailure(new ProviderError('Forbidden', 403, 'ErrorAccessDenied'));

    // Assess
    expect(spoken).toBe(COULD_NOT_WORK);
  });

  it('says it could not work with the calendar when something it needs is not found', () => {
    // Act
    const spoken = spokenFailure(new NotFoundError('The calendar item was not found'));

    // Assess
    expect(spoken).toBe(COULD_NOT_WORK);
  });

  it('blames its own side for any other error, never repeating the error text', () => {
    // Act
    const spoken = [spokenFailure(new Error('secret internals')), spokenFailure(named('TypeError')), spokenFailure(42)];

    // Assess
    expect(spoken).toEqual([OUR_SIDE, OUR_SIDE, OUR_SIDE]);
  });
});
