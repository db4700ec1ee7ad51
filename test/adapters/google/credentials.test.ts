// Stored Google credentials read back: unreadable ones call for a reconnect, saying so.
import { describe, expect, it } from 'vitest';
import { parseCredentials, serializeCredentials } from '../../../functions/adapters/google/credentials';
import { ReconnectRequiredError } from '../../../functions/domain/errors';
import { credentials } from './helpers';

describe('Function: parseCredentials', () => {
  it('reads back what serializeCredentials stored', () => {
    // Prepare
    const stored = credentials(1_000);
    // Act
    const read = parseCredentials(serializeCredentials(stored));
    // Assess
    expect(read).toEqual(stored);
  });

  it('asks for a reconnect when the stored text is unreadable', () => {
    // Act
    const reading = () => parseCredentials('{"refreshToken":');
    // Assess
    expect(reading).toThrow(ReconnectRequiredError);
    expect(reading).toThrow('The stored Google credentials are unreadable');
  });
});
