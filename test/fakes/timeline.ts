/**
 * Round trips made visible: a port wrapped so every call takes `delayMs` of real time and is recorded with its start
 * and end. Calls started together overlap; `depth` is the longest chain of calls each starting after the one before
 * it ended, which is how many round trips a caller waits for one after another.
 */

/** One recorded call of a wrapped port. */
export interface Trip {
  port: string;
  method: string;
  start: number;
  end: number;
}

/** The record of every wrapped call, in start order. */
export class Timeline {
  readonly trips: Trip[] = [];
  private readonly t0 = performance.now();

  constructor(private readonly delayMs = 5) {}

  /** `target` with each method delayed and recorded under `port` (results and errors pass through unchanged). */
  wrap<T extends object>(port: string, target: T, skip: readonly string[] = []): T {
    return new Proxy(target, {
      get: (obj, name, receiver) => {
        const value = Reflect.get(obj, name, receiver);
        if (typeof value !== 'function' || typeof name !== 'string' || skip.includes(name)) return value;
        return async (...args: unknown[]) => {
          const trip: Trip = { port, method: name, start: this.now(), end: Number.NaN };
          this.trips.push(trip);
          await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          try {
            return await value.apply(obj, args);
          } finally {
            trip.end = this.now();
          }
        };
      },
    });
  }

  /**
   * Longest chain of calls to `ports`, each starting after the previous one ended; only calls finished by `until`
   * (the moment the answer was ready: work still running then, like a background write, kept nobody waiting).
   */
  depth(ports: readonly string[], until = Number.POSITIVE_INFINITY): number {
    const trips = this.trips.filter((t) => ports.includes(t.port) && t.end <= until).sort((a, b) => a.start - b.start);
    const chain = new Map<Trip, number>();
    for (const trip of trips) {
      const before = trips.filter((t) => chain.has(t) && t.end <= trip.start).map((t) => chain.get(t)!);
      chain.set(trip, 1 + Math.max(0, ...before));
    }
    return Math.max(0, ...chain.values());
  }

  /** `port.method` of each call finished by `until`, in start order. */
  calls(ports: readonly string[], until = Number.POSITIVE_INFINITY): string[] {
    return this.trips.filter((t) => ports.includes(t.port) && t.end <= until).map((t) => `${t.port}.${t.method}`);
  }

  /** Time on the timeline's clock (ms since it was made). */
  now(): number {
    return performance.now() - this.t0;
  }
}
