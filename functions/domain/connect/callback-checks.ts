/** The checks every provider callback passes before its code is redeemed. */
import { ExpiredError, ValidationError } from '../errors';
import type { OAuthStateRecord, StateStore } from '../ports';
import { bindingMatches, sha256 } from './oauth-transaction';

export interface CallbackInput {
  state?: string;
  code?: string;
  error?: string;
  bindingCookie?: string;
}

const INCOMPLETE = 'This sign-in response is incomplete. Start again from your invite link.';

/** Consumes the state (once), checks the browser binding, and refuses a denied or code-less callback. */
export async function checkCallback(input: CallbackInput, states: StateStore, now: number): Promise<OAuthStateRecord> {
  if (!input.state) throw new ValidationError(INCOMPLETE, 'state_missing');
  // Consumed even when the provider reports an error, so a state can never be used twice.
  const pending = await states.consume(sha256(input.state), Math.floor(now / 1000));
  if (!pending) {
    throw new ExpiredError('This sign-in attempt has expired or was already used. Start again from your invite link.');
  }
  if (!bindingMatches(input.bindingCookie, pending.bindingHash)) {
    throw new ValidationError(
      'Please finish connecting in the same browser you started in. Start again from your invite link.',
      'binding',
    );
  }
  if (input.error) {
    throw new ValidationError(
      'The sign-in was cancelled or refused. You can start again from your invite link.',
      'denied',
    );
  }
  if (!input.code) throw new ValidationError(INCOMPLETE, 'code_missing');
  return pending;
}
