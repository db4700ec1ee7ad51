import { describe, expect, it } from 'vitest';
import type { WebhookFigures } from '../../bench/webhook/figures';
import { callIo } from '../../bench/webhook/io-figures';
import { ioSummaryRows } from '../../bench/webhook/io-report';
import { ioFigures } from '../../bench/webhook/io-summary';
import type { IoRequest } from '../../bench/webhook/io-trace';
import { ioMisses } from '../../bench/webhook/targets';

const dynamo = (op: string, start: number, end: number): IoRequest => ({ kind: 'dynamo', op, start, end });
const graph = (start: number, end: number): IoRequest => ({ kind: 'provider', op: 'GET /calendarView', start, end });

/** A run's figures from one availability and one booking trace (+ `untraced` booking calls that were not traced). */
function run(availability: IoRequest[], availabilityEnd: number, booking: IoRequest[], untraced = 0) {
  const a = callIo({ start: 0, end: availabilityEnd, requests: availability });
  const b = callIo({ start: 0, end: 100, requests: booking });
  return {
    availability: { io: ioFigures([a]) },
    booking: { io: ioFigures([b, ...Array.from({ length: untraced }, () => undefined)]) },
  } as unknown as Pick<WebhookFigures, 'availability' | 'booking'>;
}

// Two reads side by side, then the calendar view: 3 ms of own code in a 24 ms call.
const goodAvailability = [dynamo('GetItem', 1, 5), dynamo('GetItem', 1, 6), graph(7, 23)];
// Claim beside the connection read, the call-limit check beside the calendar view, the create, then the confirm:
// 3 DynamoDB steps, 2 Graph.
const goodBooking = [
  dynamo('PutItem', 1, 5),
  dynamo('GetItem', 1, 5),
  dynamo('Query', 6, 10),
  graph(6, 20),
  graph(21, 60),
  dynamo('TransactWriteItems', 61, 70),
];

describe('Function: ioMisses', () => {
  it('misses nothing when every I/O target is met', () => {
    // Act / Assess
    expect(ioMisses(run(goodAvailability, 24, goodBooking))).toEqual([]);
  });

  it('misses own-code time over 5 ms, a write on the availability answer path and four sequential DynamoDB steps', () => {
    // Prepare
    const availability = [...goodAvailability, dynamo('UpdateItem', 24, 26)];
    const booking = [...goodBooking, dynamo('UpdateItem', 71, 80)];
    // Act
    const misses = ioMisses(run(availability, 40, booking));
    // Assess
    expect(misses).toEqual([
      'get_availability own-code time, median: 17 ms > 5 ms',
      'get_availability DynamoDB writes on the answer path, max: 1 > 0',
      'set_appointment sequential DynamoDB round trips, max: 4 > 3',
    ]);
  });

  it('does not count a write left running after the answer against the answer path', () => {
    // Prepare: the update starts before the answer and ends after it
    const availability = [...goodAvailability, dynamo('UpdateItem', 23, 50)];
    // Act / Assess
    expect(ioMisses(run(availability, 24, goodBooking))).toEqual([]);
  });

  it('misses three sequential Graph calls per booking and calls that could not be traced', () => {
    // Prepare
    const booking = [...goodBooking, graph(71, 90)];
    // Act
    const misses = ioMisses(run(goodAvailability, 24, booking, 2));
    // Assess
    expect(misses).toEqual([
      'set_appointment: 2 of 3 calls could not be traced',
      'set_appointment sequential provider calls, max: 3 > 2',
    ]);
  });
});

describe('Function: ioSummaryRows', () => {
  it('prints each figure beside its target, gated ones with their verdict', () => {
    // Act
    const rows = ioSummaryRows(run(goodAvailability, 24, [...goodBooking, dynamo('UpdateItem', 71, 80)]));
    // Assess
    expect(rows).toContainEqual({
      figure: 'set_appointment sequential DynamoDB round trips (answer path)',
      value: 'p50 4, max 4',
      target: '<= 3',
      ok: false,
    });
    expect(rows).toContainEqual({
      figure: 'get_availability own-code time p50 (wall − I/O)',
      value: '3.00 ms',
      target: '<= 5 ms',
      ok: true,
    });
    expect(rows.every((r) => r.value && r.target)).toBe(true);
  });
});
