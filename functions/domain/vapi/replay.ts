/**
 * A signed request is admitted once: its signature is remembered until its timestamp has left the ±5 min window, so
 * a captured request sent again inside that window is refused (security.md §3; a static secret has no such defence).
 */
import { createHash } from 'node:crypto';
import type { ReplayGuard } from '../ports';
import type { VerifiedSignature } from './auth';

/** Replay window either side of now, as authenticateVapiRequest applies it. */
export const REPLAY_WINDOW_SECONDS = 300;
/** Kept past the window's far edge: clocks of Lambda hosts (and VAPI's) disagree by a little. */
export const REPLAY_MARGIN_SECONDS = 60;

/** The record's key: SHA-256 of the signature's 32 bytes (hex and base64 of one signature are one request). */
export function replayDigest(signature: Buffer): string {
  return createHash('sha256').update(signature).digest('hex');
}

/**
 * True if this signature was already admitted and is still inside its window (a replay); else records it and says
 * false. It verifies until sentAt + window, so it is remembered until then, plus the margin.
 */
export async function isReplayed(
  signed: VerifiedSignature,
  guard: ReplayGuard,
  nowMs: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): Promise<boolean> {
  const expiresAtMs = signed.sentAtMs + (windowSeconds + REPLAY_MARGIN_SECONDS) * 1000;
  return !(await guard.admitOnce(replayDigest(signed.signature), expiresAtMs, nowMs));
}
