import { describe, expect, it, vi } from 'vitest';
import { FaultQueue, type QueuedFault } from '../../../local/sandbox/shared/fault-queue';

/** A repeatable dice: the given rolls, in order, over and over. */
function rolls(...values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length]!;
}

describe('Class: FaultQueue', () => {
  describe('rate', () => {
    it('applies a persistent fault to the requests whose roll falls under its rate', () => {
      // Prepare
      const queue = new FaultQueue<QueuedFault & { status: number }>(rolls(0.1, 0.7, 0.49, 0.5));
      queue.add({ route: 'createEvent', status: 503, rate: 0.5, times: Number.POSITIVE_INFINITY });

      // Act
      const taken = [1, 2, 3, 4, 5].map(() => queue.take('createEvent')?.status);

      // Assess
      expect(taken).toEqual([503, undefined, 503, undefined, 503]);
    });

    it('lets a request that misses one fault through to the next matching one', () => {
      // Prepare
      const queue = new FaultQueue<QueuedFault & { status: number }>(rolls(0.9));
      queue.add({ route: 'calendarView', status: 429, rate: 0.2, times: Number.POSITIVE_INFINITY });
      queue.add({ route: '*', status: 503, times: 1 });

      // Act
      const first = queue.take('calendarView');
      const second = queue.take('calendarView');

      // Assess
      expect(first?.status).toBe(503);
      expect(second).toBeUndefined();
    });

    it('never rolls for a fault without a rate, and never hits at rate 0', () => {
      // Prepare
      const random = vi.fn(() => 0);
      const queue = new FaultQueue<QueuedFault>(random);
      queue.add({ route: 'token', rate: 0, times: Number.POSITIVE_INFINITY });
      queue.add({ route: 'me' });

      // Act
      const token = queue.take('token');
      const me = queue.take('me');

      // Assess
      expect(token).toBeUndefined();
      expect(me).toEqual({ route: 'me' });
      expect(random).toHaveBeenCalledTimes(1);
    });
  });

  describe('applied', () => {
    it('counts per route the requests a fault was applied to, not the ones it missed, and survives clear()', () => {
      // Prepare
      const queue = new FaultQueue<QueuedFault>(rolls(0.1, 0.9));
      queue.add({ route: '*', rate: 0.5, times: Number.POSITIVE_INFINITY });

      // Act
      for (const route of ['getEvent', 'getEvent', 'token', 'token', 'getEvent']) queue.take(route);
      queue.clear();
      queue.take('getEvent');

      // Assess
      expect(queue.applied()).toEqual({ getEvent: 2, token: 1 });
    });
  });
});
