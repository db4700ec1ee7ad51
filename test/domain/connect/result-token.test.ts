import { describe, expect, it } from 'vitest';
import {
  type ConnectOutcome,
  createResultToken,
  RESULT_TTL_SECONDS,
  readResultToken,
} from '../../../functions/domain/connect/result-token';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CONNECTED: ConnectOutcome = { ok: true, managerId: 'pat', connectionId: 'microsoft-0123456789abcdef' };
const REFUSED: ConnectOutcome = { ok: false, status: 400, message: 'The sign-in was cancelled or refused.' };

describe('Function: readResultToken', () => {
  it.each([
    ['a connect', CONNECTED],
    ['a refusal', REFUSED],
  ])('gives back %s until the token expires', (_case, outcome) => {
    // Prepare
    const token = createResultToken(outcome, KEY, NOW);

    // Act
    const read = readResultToken(token, KEY, NOW + (RESULT_TTL_SECONDS - 1) * 1000);

    // Assess
    expect(read).toEqual(outcome);
    expect(readResultToken(token, KEY, NOW + RESULT_TTL_SECONDS * 1000)).toBeUndefined();
  });

  it.each([
    ['absent', () => undefined],
    ['signed with another key', () => createResultToken(CONNECTED, 'other-key', NOW)],
    [
      'with a changed payload',
      () => {
        const [, signature] = createResultToken(CONNECTED, KEY, NOW).split('.');
        const forged = Buffer.from(JSON.stringify({ ...CONNECTED, managerId: 'victim', exp: NOW / 1000 + 60 }));
        return `${forged.toString('base64url')}.${signature}`;
      },
    ],
    ['with an extra part', () => `${createResultToken(CONNECTED, KEY, NOW)}.x`],
    ['not a token', () => 'hello'],
  ])('gives nothing for a token that is %s', (_case, token) => {
    // Act
    const read = readResultToken(token(), KEY, NOW);

    // Assess
    expect(read).toBeUndefined();
  });

  it('carries no more than ids, a status and the text shown', () => {
    // Prepare
    const token = createResultToken(CONNECTED, KEY, NOW);

    // Act
    const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));

    // Assess
    expect(Object.keys(claims).sort()).toEqual(['connectionId', 'exp', 'managerId', 'ok']);
  });
});
