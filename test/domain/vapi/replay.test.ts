import { describe, expect, it } from 'vitest';
import type { ReplayGuard } from '../../../functions/domain/ports';
import { isReplayed, replayDigest } from '../../../functions/domain/vapi/replay';
import { NOW_MS } from './hmac-signing';

/** A ReplayGuard in memory, with the same contract as the DynamoDB one (expiry checked, not left to TTL). */
function memoryGuard() {
  const seen = new Map<string, number>();
  const calls: Array<{ digest: string; expiresAtMs: number }> = [];
  const guard: ReplayGuard = {
    async admitOnce(digest, expiresAtMs, nowMs) {
      calls.push({ digest, expiresAtMs });
      const until = seen.get(digest);
      if (until !== undefined && until > nowMs) return false;
      seen.set(digest, expiresAtMs);
      return true;
    },
  };
  return { guard, calls };
}

const SIGNATURE = Buffer.alloc(32, 7);

describe('Function: isReplayed', () => {
  it('admits a signature the first time and calls the second sighting a replay', async () => {
    // Prepare
    const { guard } = memoryGuard();
    const signed = { signature: SIGNATURE, sentAtMs: NOW_MS };

    // Act
    const first = await isReplayed(signed, guard, NOW_MS);
    const again = await isReplayed(signed, guard, NOW_MS + 299_000);

    // Assess
    expect([first, again]).toEqual([false, true]);
  });

  it('remembers it until its timestamp leaves the ±5 min window, plus a minute of clock skew', async () => {
    // Prepare: sent 4 minutes "ahead" of us, it verifies until sentAt + 300 s.
    const { guard, calls } = memoryGuard();
    const sentAtMs = NOW_MS + 240_000;

    // Act
    await isReplayed({ signature: SIGNATURE, sentAtMs }, guard, NOW_MS);

    // Assess
    expect(calls).toEqual([{ digest: replayDigest(SIGNATURE), expiresAtMs: sentAtMs + 360_000 }]);
  });

  it('keys the record by a SHA-256 digest, never the signature itself', () => {
    // Act
    const digest = replayDigest(SIGNATURE);

    // Assess
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(SIGNATURE.toString('hex'));
    expect(replayDigest(Buffer.alloc(32, 8))).not.toBe(digest);
  });
});
