/** GET /_sandbox/stats: the requests each sandbox served, per operation, since start or the last reset. */
import { OPERATIONS, type Provider, operationOf } from './operations';

/** What the stats read from an emulator: its request log and its tally of applied faults (both emulators have them). */
export interface CountedSandbox {
  readonly requests: readonly { route: string }[];
  faults: { applied(): Record<string, number> };
}

/** The stats JSON: every operation of every running sandbox, zeros included. */
export interface StatsBody {
  /** ISO instant the counts start from (server start, or the last DELETE /_sandbox/stats). */
  since: string;
  /** Requests served, per provider and operation (faulted ones included). */
  providers: Partial<Record<Provider, Record<string, number>>>;
  /** Of those, the ones a fault rule (a status, a delay or a late answer) was applied to. */
  faulted: Partial<Record<Provider, Record<string, number>>>;
}

interface Mark {
  from: number;
  applied: Record<string, number>;
}

/** Counts from the emulators' own request logs (a request counts once answered), so nothing is counted twice. */
export class RequestStats {
  private since = 0;
  private marks = new Map<Provider, Mark>();

  constructor(
    private readonly sandboxes: Partial<Record<Provider, CountedSandbox>>,
    private readonly clock: () => number = Date.now,
  ) {
    this.reset();
  }

  /** Starts the counts again from now. */
  reset(): void {
    this.since = this.clock();
    for (const [provider, sandbox] of this.running())
      this.marks.set(provider, { from: sandbox.requests.length, applied: sandbox.faults.applied() });
  }

  /** The counts since start or the last reset. */
  read(): StatsBody {
    const body: StatsBody = { since: new Date(this.since).toISOString(), providers: {}, faulted: {} };
    for (const [provider, sandbox] of this.running()) {
      const table = OPERATIONS[provider];
      const mark = this.marks.get(provider) ?? { from: 0, applied: {} };
      const served = Object.fromEntries(Object.keys(table).map((name) => [name, 0]));
      for (const entry of sandbox.requests.slice(mark.from)) {
        const name = operationOf(table, entry.route);
        if (name) served[name]! += 1;
      }
      const applied = sandbox.faults.applied();
      const since = (route: string) => (applied[route] ?? 0) - (mark.applied[route] ?? 0);
      body.providers[provider] = served;
      body.faulted[provider] = Object.fromEntries(
        Object.entries(table).map(([name, routes]) => [name, routes.reduce((sum, r) => sum + since(r), 0)]),
      );
    }
    return body;
  }

  private running(): Array<[Provider, CountedSandbox]> {
    return Object.entries(this.sandboxes).filter((e): e is [Provider, CountedSandbox] => e[1] !== undefined);
  }
}
