/** The scripted-failure queue both emulators share: a test queues a fault for a route; matching requests take it. */

/** What every emulator's fault has: the route it targets ('*' for all) and how many requests it affects. */
export interface QueuedFault {
  route: string;
  /** Default 1; Infinity for "until cleared". */
  times?: number;
  /** The chance (0 to 1) that a matching request gets it, rolled per request; default: every one (no roll). */
  rate?: number;
}

/** Pending faults, consumed in the order they were queued. */
export class FaultQueue<F extends QueuedFault> {
  private pending: Array<{ fault: F; left: number }> = [];
  private readonly tally = new Map<string, number>();

  /** `random` is the dice a fault's `rate` is rolled with (a seeded one makes a test repeatable). */
  constructor(private readonly random: () => number = Math.random) {}

  /** Queues a fault. */
  add(fault: F): void {
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  /** Drops every pending fault. */
  clear(): void {
    this.pending = [];
  }

  /**
   * Consumes one use of the first fault matching `route` (or '*') whose rate roll hits; a fault that misses its roll
   * lets the request through to the next one.
   */
  take(route: string): F | undefined {
    const entry = this.pending.find(
      (p) => p.left > 0 && (p.fault.route === route || p.fault.route === '*') && this.rolls(p.fault),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    this.pending = this.pending.filter((p) => p.left > 0);
    this.tally.set(route, (this.tally.get(route) ?? 0) + 1);
    return entry.fault;
  }

  /** How many requests of each route a fault was applied to since the emulator started. */
  applied(): Record<string, number> {
    return Object.fromEntries(this.tally);
  }

  private rolls(fault: F): boolean {
    return fault.rate === undefined || this.random() < fault.rate;
  }
}

/** The OAuth error a scripted token-endpoint fault answers with when it names none, from its status. */
export function oauthErrorFor(status: number): string {
  if (status >= 429) return 'temporarily_unavailable';
  return status === 401 ? 'invalid_client' : 'invalid_grant';
}
