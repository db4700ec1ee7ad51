/** The scripted-failure queue both emulators share: a test queues a fault for a route; matching requests take it. */

/** What every emulator's fault has: the route it targets ('*' for all) and how many requests it affects. */
export interface QueuedFault {
  route: string;
  /** Default 1; Infinity for "until cleared". */
  times?: number;
}

/** Pending faults, consumed in the order they were queued. */
export class FaultQueue<F extends QueuedFault> {
  private pending: Array<{ fault: F; left: number }> = [];

  /** Queues a fault. */
  add(fault: F): void {
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  /** Drops every pending fault. */
  clear(): void {
    this.pending = [];
  }

  /** Consumes one use of the first fault matching `route` (or '*'). */
  take(route: string): F | undefined {
    const entry = this.pending.find((p) => p.left > 0 && (p.fault.route === route || p.fault.route === '*'));
    if (!entry) return undefined;
    entry.left -= 1;
    this.pending = this.pending.filter((p) => p.left > 0);
    return entry.fault;
  }
}

/** The OAuth error a scripted token-endpoint fault answers with when it names none, from its status. */
export function oauthErrorFor(status: number): string {
  if (status >= 429) return 'temporarily_unavailable';
  return status === 401 ? 'invalid_client' : 'invalid_grant';
}
