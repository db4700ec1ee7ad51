/** Result tokens at their edges: the size limit, a short signature, a signed payload that is not JSON. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ConnectOutcome,
  createResultToken,
  readResultToken,
} from '../../../functions/domain/connect/result-token';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CONNECTED: ConnectOutcome = { ok: true, managerId: 'pat', connectionId: 'microsoft-0123456789abcdef' };

/** A token whose payload is exactly `length` base64url characters (a multiple of 4), padded by an unknown claim. */
function tokenOfLength(length: number): string {
  const exp = Math.floor(NOW / 1000) + 600;
  const base = JSON.stringify({ ...CONNECTED, x: '', exp });
  const padding = 'p'.repeat((length / 4) * 3 - Buffer.byteLength(base));
  const token = createResultToken({ ...CONNECTED, x: padding } as unknown as ConnectOutcome, KEY, NOW);
  expect(token.split('.')[0]).toHaveLength(length);
  return token;
}

describe('Function: readResultToken', () => {
  it('reads a payload of 2048 characters and gives nothing for a longer one, however well signed', () => {
    // Prepare
    const longest = tokenOfLength(2048);
    const tooLong = tokenOfLength(2052);

    // Act
    const read = readResultToken(longest, KEY, NOW);

    // Assess
    expect(read).toEqual(CONNECTED);
    expect(readResultToken(tooLong, KEY, NOW)).toBeUndefined();
  });

  it('gives nothing for a signature of the wrong length', () => {
    // Prepare
    const [payload] = createResultToken(CONNECTED, KEY, NOW).split('.');

    // Act
    const read = readResultToken(`${payload}.AAAA`, KEY, NOW);

    // Assess
    expect(read).toBeUndefined();
  });

  it('gives nothing for a signed payload that is not JSON', () => {
    // Prepare
    const payload = Buffer.from('not json').toString('base64url');
    const signature = createHmac('sha256', KEY).update(`result.v1.${payload}`).digest('base64url');

    // Act
    const read = readResultToken(`${payload}.${signature}`, KEY, NOW);

    // Assess
    expect(read).toBeUndefined();
  });
});
