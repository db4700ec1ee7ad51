/**
 * At most `limit` requests in flight per key (a provider's per-mailbox concurrency limit); the rest wait in line, first
 * come first served, each for no longer than its caller can afford.
 */

/** Gives the slot back (to the next in line, if any). Calling it again does nothing. */
export type Release = () => void;

/** One key's slots: what a client holds, so it never learns the key or the other keys. */
export interface Slots {
  /** A slot now or within `maxWaitMs`; undefined once that wait is over (nothing is held then). */
  acquire(maxWaitMs: number): Promise<Release | undefined>;
}

interface Waiter {
  grant: (release: Release) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Line {
  active: number;
  waiting: Waiter[];
}

/** Per-key counting semaphore with bounded waits; a key with nothing active or waiting takes no memory. */
export class ConcurrencyGate {
  private readonly lines = new Map<string, Line>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A gate needs a limit of 1 or more, got ${limit}`);
  }

  /** A slot for `key` now or within `maxWaitMs` (0 or less: only if one is free now); undefined when none came. */
  acquire(key: string, maxWaitMs: number): Promise<Release | undefined> {
    const line = this.lines.get(key) ?? { active: 0, waiting: [] };
    this.lines.set(key, line);
    if (line.active < this.limit) {
      line.active += 1;
      return Promise.resolve(this.releaser(key, line));
    }
    if (!(maxWaitMs > 0)) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: (release) => {
          clearTimeout(waiter.timer);
          resolve(release);
        },
      };
      waiter.timer = setTimeout(() => {
        line.waiting.splice(line.waiting.indexOf(waiter), 1);
        resolve(undefined);
      }, maxWaitMs);
      line.waiting.push(waiter);
    });
  }

  /** The slots of one key, for a client that talks to that key only. */
  lane(key: string): Slots {
    return { acquire: (maxWaitMs) => this.acquire(key, maxWaitMs) };
  }

  /** Slots of `key` held now. */
  inFlight(key: string): number {
    return this.lines.get(key)?.active ?? 0;
  }

  /** Callers of `key` waiting for a slot now. */
  queued(key: string): number {
    return this.lines.get(key)?.waiting.length ?? 0;
  }

  /** Keys with a slot held or a caller waiting. */
  keys(): number {
    return this.lines.size;
  }

  private releaser(key: string, line: Line): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = line.waiting.shift();
      // The slot passes straight to the next in line, so no newcomer can take it first.
      if (next) return next.grant(this.releaser(key, line));
      line.active -= 1;
      if (line.active === 0) this.lines.delete(key);
    };
  }
}
