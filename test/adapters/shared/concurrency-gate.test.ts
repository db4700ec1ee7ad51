import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyGate, type Release } from '../../../functions/adapters/shared/concurrency-gate';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Class: ConcurrencyGate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives out `limit` slots per key at once, each key counted on its own', async () => {
    // Prepare
    const gate = new ConcurrencyGate(4);
    // Act
    const a = await Promise.all([1, 2, 3, 4].map(() => gate.acquire('a', 0)));
    const fifth = await gate.acquire('a', 0);
    const b = await gate.acquire('b', 0);
    // Assess
    expect(a.every((release) => typeof release === 'function')).toBe(true);
    expect(fifth).toBeUndefined();
    expect(b).toBeTypeOf('function');
    expect([gate.inFlight('a'), gate.inFlight('b'), gate.queued('a')]).toEqual([4, 1, 0]);
  });

  it('hands a released slot to the first in line, before any newcomer', async () => {
    // Prepare
    const gate = new ConcurrencyGate(1);
    const held = (await gate.acquire('m', 0))!;
    const order: string[] = [];
    const inLine = (name: string) =>
      gate.acquire('m', 1_000).then((release) => {
        order.push(name);
        return release;
      });
    const first = inLine('first');
    const second = inLine('second');
    // Act
    held();
    const newcomer = await gate.acquire('m', 0);
    await settle();
    // Assess
    expect(newcomer).toBeUndefined();
    expect(order).toEqual(['first']);
    expect([gate.inFlight('m'), gate.queued('m')]).toEqual([1, 1]);
    (await first)!();
    await settle();
    expect(order).toEqual(['first', 'second']);
    (await second)!();
  });

  it('lets a waiter give up after its wait, holding nothing, and serves the next one', async () => {
    // Prepare
    const gate = new ConcurrencyGate(1);
    const held = (await gate.acquire('m', 0))!;
    const impatient = gate.acquire('m', 100);
    const patient = gate.acquire('m', 5_000);
    // Act
    await vi.advanceTimersByTimeAsync(100);
    const gaveUp = await impatient;
    held();
    const served = await patient;
    // Assess
    expect(gaveUp).toBeUndefined();
    expect(served).toBeTypeOf('function');
    expect([gate.inFlight('m'), gate.queued('m')]).toEqual([1, 0]);
  });

  it('a waiter that was served does not, when its wait would have run out, push another out of line', async () => {
    // Prepare
    const gate = new ConcurrencyGate(1);
    const held = (await gate.acquire('m', 0))!;
    const first = gate.acquire('m', 100);
    const second = gate.acquire('m', 5_000);
    // Act
    held();
    const served = (await first)!;
    await vi.advanceTimersByTimeAsync(200);
    const waitingThen = gate.queued('m');
    served();
    // Assess
    expect(waitingThen).toBe(1);
    expect(await second).toBeTypeOf('function');
  });

  it('counts nothing for a key never used, and refuses a limit below 1 naming it', () => {
    // Act / Assess
    expect([new ConcurrencyGate(1).queued('never'), new ConcurrencyGate(1).inFlight('never')]).toEqual([0, 0]);
    expect(() => new ConcurrencyGate(0)).toThrow(new RangeError('A gate needs a limit of 1 or more, got 0'));
  });

  it('counts a release once however often it is called, and forgets a key left idle', async () => {
    // Prepare
    const gate = new ConcurrencyGate(2);
    const one = (await gate.acquire('m', 0))!;
    const two = (await gate.acquire('m', 0))!;
    // Act
    one();
    one();
    const afterDouble = gate.inFlight('m');
    two();
    // Assess
    expect(afterDouble).toBe(1);
    expect(gate.inFlight('m')).toBe(0);
    expect(gate.keys()).toBe(0);
  });

  it('serves a key through its lane', async () => {
    // Prepare
    const gate = new ConcurrencyGate(1);
    const lane = gate.lane('mailbox-1');
    // Act
    const release = await lane.acquire(0);
    const none = await lane.acquire(0);
    // Assess
    expect(release).toBeTypeOf('function');
    expect(none).toBeUndefined();
    expect(gate.inFlight('mailbox-1')).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (limit) => {
    // Act + Assess
    expect(() => new ConcurrencyGate(limit)).toThrow(RangeError);
  });

  it('never has more than `limit` in flight, and every waiter is served or gives up, whatever the order', async () => {
    // Prepare
    const steps = fc.array(fc.oneof(fc.constant('acquire' as const), fc.nat(9)), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), steps, async (limit, script) => {
        const gate = new ConcurrencyGate(limit);
        const held: Release[] = [];
        let most = 0;
        let outcomes = 0;
        // Act
        for (const step of script) {
          if (step === 'acquire') {
            void gate.acquire('k', 50).then((release) => {
              outcomes += 1;
              if (release) held.push(release);
            });
          } else held.splice(step % Math.max(1, held.length), 1)[0]?.();
          await settle();
          most = Math.max(most, gate.inFlight('k'));
        }
        await vi.advanceTimersByTimeAsync(50);
        while (held.length) {
          for (const release of held.splice(0)) release();
          await settle();
        }
        // Assess
        expect(most).toBeLessThanOrEqual(limit);
        expect(outcomes).toBe(script.filter((step) => step === 'acquire').length);
        expect(gate.keys()).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});
