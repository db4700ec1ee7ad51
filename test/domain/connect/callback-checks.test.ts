/** The checks of a provider callback: what the manager is told for each refusal, and that a state is used once. */
import { describe, expect, it } from 'vitest';
import { type CallbackInput, checkCallback } from '../../../functions/domain/connect/callback-checks';
import { sha256 } from '../../../functions/domain/connect/oauth-transaction';
import type { OAuthStateRecord } from '../../../functions/domain/ports';
import { MemoryStateStore } from '../../fakes/stores';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const INCOMPLETE = 'This sign-in response is incomplete. Start again from your invite link.';

/** A store holding one pending sign-in for state "state-1", started in the browser holding cookie "binding-1". */
async function pendingSignIn() {
  const states = new MemoryStateStore();
  const record: OAuthStateRecord = {
    stateHash: sha256('state-1'),
    managerId: 'pat',
    provider: 'fake',
    intent: 'connect',
    codeVerifier: 'verifier',
    nonce: 'nonce',
    bindingHash: sha256('binding-1'),
    expiresAt: NOW / 1000 + 600,
  };
  await states.put(record);
  return { states, record };
}

const VALID: CallbackInput = { state: 'state-1', code: 'code-1', bindingCookie: 'binding-1' };

describe('Function: checkCallback', () => {
  it('gives back the pending sign-in of a complete callback from the browser that started it, once', async () => {
    // Prepare
    const { states, record } = await pendingSignIn();

    // Act
    const pending = await checkCallback(VALID, states, NOW);

    // Assess
    expect(pending).toEqual(record);
    expect(states.states.size).toBe(0);
  });

  it('refuses a callback without a state as incomplete', async () => {
    // Prepare
    const { states } = await pendingSignIn();

    // Act
    const act = checkCallback({ ...VALID, state: undefined }, states, NOW);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ValidationError', message: INCOMPLETE, reason: 'state_missing' });
    expect(states.states.size).toBe(1);
  });

  it('refuses an unknown or already used state as expired, telling the manager to start again', async () => {
    // Prepare
    const { states } = await pendingSignIn();
    await checkCallback(VALID, states, NOW);

    // Act
    const act = checkCallback(VALID, states, NOW);

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ExpiredError',
      message: 'This sign-in attempt has expired or was already used. Start again from your invite link.',
    });
  });

  it.each([
    ['another', 'binding-2'],
    ['no', undefined],
  ])('refuses a callback with %s binding cookie, using the state up', async (_case, bindingCookie) => {
    // Prepare
    const { states } = await pendingSignIn();

    // Act
    const act = checkCallback({ ...VALID, bindingCookie }, states, NOW);

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Please finish connecting in the same browser you started in. Start again from your invite link.',
      reason: 'binding',
    });
    expect(states.states.size).toBe(0);
  });

  it('refuses a callback reporting a refusal, using the state up so it cannot be tried again', async () => {
    // Prepare
    const { states } = await pendingSignIn();

    // Act
    const act = checkCallback({ ...VALID, error: 'access_denied' }, states, NOW);

    // Assess
    await expect(act).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The sign-in was cancelled or refused. You can start again from your invite link.',
      reason: 'denied',
    });
    expect(states.states.size).toBe(0);
    await expect(checkCallback(VALID, states, NOW)).rejects.toMatchObject({ name: 'ExpiredError' });
  });

  it('refuses a callback without a code as incomplete', async () => {
    // Prepare
    const { states } = await pendingSignIn();

    // Act
    const act = checkCallback({ ...VALID, code: '' }, states, NOW);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ValidationError', message: INCOMPLETE, reason: 'code_missing' });
  });
});
